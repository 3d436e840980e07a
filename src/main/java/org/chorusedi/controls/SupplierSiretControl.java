package org.chorusedi.controls;

import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.decision.ReasonCode;

/** I12: a supplier identified by SIRET must carry a SIRET that passes the Luhn check. */
public final class SupplierSiretControl implements InvoiceControl {

    @Override
    public void check(InvoiceCheck invoice) {
        InvoiceKeys keys = invoice.keys();
        if (keys.supplierType() == InvoiceKeys.SUPPLIER_SIRET && !Siret.isValid(keys.supplierId())) {
            invoice.reject(ReasonCode.I12, "supplier SIRET '" + keys.supplierId() + "' fails the Luhn check");
        }
    }
}
