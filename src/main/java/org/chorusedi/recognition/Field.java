package org.chorusedi.recognition;

/** The invoice data recognition looks for in a PDF's text; the required ones make a deposit's draft complete. */
public enum Field {
    RECIPIENT_SIRET(true),
    SERVICE_CODE(false),
    ENGAGEMENT(false),
    SUPPLIER_SIRET(false),
    INVOICE_NUMBER(true),
    INVOICE_DATE(true),
    AMOUNT_BEFORE_TAX(false),
    VAT_AMOUNT(false),
    TOTAL_AMOUNT(true),
    CURRENCY(false);

    private final boolean required;

    Field(boolean required) {
        this.required = required;
    }

    /** Whether a draft without it is incomplete: the recipient, the invoice's number and date, its total. */
    public boolean required() {
        return required;
    }
}
