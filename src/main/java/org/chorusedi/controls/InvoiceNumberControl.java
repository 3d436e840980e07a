package org.chorusedi.controls;

import org.chorusedi.decision.ReasonCode;

/** I10: every invoice carries its number (BT-1). */
public final class InvoiceNumberControl implements InvoiceControl {

    @Override
    public void check(InvoiceCheck invoice) {
        if (invoice.keys().number() == null) {
            invoice.reject(ReasonCode.I10, "no invoice number (BT-1)");
        }
    }
}
