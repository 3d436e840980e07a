package org.chorusedi.recognition;

import java.util.List;

/**
 * The invoice data recognition looks for in a PDF's text; the required ones make a deposit's draft complete. Each
 * names its EN 16931 term and the keywords that announce it, for the reports that tell a sender what to print.
 */
public enum Field {
    RECIPIENT_SIRET(true, "the recipient's SIRET (BT-47)", List.of("SIRET client", "SIRET dest", "SIRET destinataire", "SIRET acheteur",
            "a heading such as Ministère, Destinataire, Facturé à, Client")),
    SERVICE_CODE(false, "the service code (BT-10)", List.of("Code service", "Service :")),
    ENGAGEMENT(false, "the legal commitment, EJ (BT-13)", List.of("EJ", "Engagement", "Engagement juridique", "Commande", "Bon de commande")),
    // Required: the partner registry checks that the sending partner sends for this supplier (I18).
    SUPPLIER_SIRET(true, "the supplier's SIRET (BT-30)", List.of("SIRET fournisseur", "SIRET émetteur", "SIRET vendeur",
            "a heading such as Fournisseur, Émetteur")),
    INVOICE_NUMBER(true, "the invoice number (BT-1)", List.of("Facture n°", "Numéro de facture", "N° de facture", "Invoice No")),
    INVOICE_DATE(true, "the invoice date (BT-2)", List.of("Date de facture", "Date d'émission", "Émise le", "Date :", "Invoice date")),
    AMOUNT_BEFORE_TAX(false, "the total before tax (BT-109)", List.of("Total HT", "Montant HT", "Total hors taxes")),
    VAT_AMOUNT(false, "the VAT total (BT-110)", List.of("TVA", "Montant TVA", "Total TVA")),
    TOTAL_AMOUNT(true, "the total with tax (BT-112)", List.of("Total TTC", "Net à payer", "Montant TTC", "Total toutes taxes comprises")),
    CURRENCY(false, "the currency (BT-5)", List.of("Devise : EUR (EUR when none is printed)"));

    private final boolean required;
    private final String label;
    private final List<String> keywords;

    Field(boolean required, String label, List<String> keywords) {
        this.required = required;
        this.label = label;
        this.keywords = keywords;
    }

    /** Whether a draft without it is incomplete: the parties, the invoice's number and date, its total. */
    public boolean required() {
        return required;
    }

    /** What it is, for a reader: "the invoice date (BT-2)". */
    public String label() {
        return label;
    }

    /** How a sender announces it, as printed (matched without case or accents). */
    public List<String> keywords() {
        return keywords;
    }
}
