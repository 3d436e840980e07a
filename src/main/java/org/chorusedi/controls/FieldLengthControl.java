package org.chorusedi.controls;

import org.chorusedi.decision.ReasonCode;

/** I09: the lengths Chorus Pro accepts (EJ 50, service code 100, invoice number 20). */
public final class FieldLengthControl implements InvoiceControl {

    private static final int MAX_ENGAGEMENT = 50;
    private static final int MAX_SERVICE_CODE = 100;
    private static final int MAX_NUMBER = 20;

    @Override
    public void check(InvoiceCheck invoice) {
        checkLength(invoice, "legal commitment number (BT-13)", invoice.keys().engagement(), MAX_ENGAGEMENT);
        checkLength(invoice, "service code (BT-10)", invoice.keys().serviceCode(), MAX_SERVICE_CODE);
        checkLength(invoice, "invoice number (BT-1)", invoice.keys().number(), MAX_NUMBER);
    }

    private static void checkLength(InvoiceCheck invoice, String field, String value, int max) {
        if (value != null && value.length() > max) {
            invoice.reject(ReasonCode.I09, field + " has " + value.length() + (value.length() >= 1024 ? "+" : "")
                    + " characters, at most " + max + " allowed");
        }
    }
}
