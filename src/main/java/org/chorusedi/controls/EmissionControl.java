package org.chorusedi.controls;

import java.util.Optional;
import org.chorusedi.framework.Framework;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.partner.Direction;
import org.chorusedi.partner.Partner;
import org.chorusedi.decision.ReasonCode;

/**
 * I18-I19: the partner that sent the invoice is in the partner registry and active (I19), and is
 * connected in emission for the invoice's supplier (I18): a partner sends invoices only for the
 * suppliers it is connected for, as in Chorus Pro, where an EDI connection belongs to a structure.
 */
public final class EmissionControl implements InvoiceControl {

    @Override
    public void check(InvoiceCheck invoice) {
        String code = invoice.partner();
        Optional<Partner> partner = invoice.partners().partner(code);
        if (partner.isEmpty()) {
            invoice.reject(ReasonCode.I19, "partner " + code + " is not in the partner registry");
            return;
        }
        if (!partner.get().active()) {
            invoice.reject(ReasonCode.I19, "partner " + code + " (" + partner.get().name() + ") is inactive");
            return;
        }
        if (invoice.framework().flatMap(Framework::depositor).filter(role -> !role.supplier()).isPresent()) {
            return; // the MOE's or the MOA's document: the partner sends for that structure, not the supplier (I25)
        }
        InvoiceKeys keys = invoice.keys();
        if (keys.supplierType() == InvoiceKeys.SUPPLIER_SIRET && !Siret.isValid(keys.supplierId())) {
            return; // I12 says it: a SIRET that fails its check digit names no supplier to look for
        }
        String supplier = keys.supplierId();
        String partnerName = "partner " + code + " (" + partner.get().name() + ")";
        if (!invoice.partners().connected(code, supplier, Direction.EMISSION)) {
            invoice.reject(ReasonCode.I18, supplier == null
                    ? "no supplier identifier: " + partnerName + " may send invoices only for the suppliers it is connected for"
                    : (keys.supplierType() == InvoiceKeys.SUPPLIER_SIRET ? "supplier SIRET " : "supplier identifier ")
                            + supplier + " is not connected in emission to " + partnerName);
        }
    }
}
