package org.chorusedi.validation;

import java.util.Arrays;
import java.util.Optional;
import javax.xml.namespace.QName;

/** The invoice syntaxes the engine takes, each known by its root element, never by a file name. */
public enum Syntax {
    UBL_INVOICE(new QName("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2", "Invoice")),
    UBL_CREDIT_NOTE(new QName("urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2", "CreditNote")),
    CII_D16B(new QName("urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100", "CrossIndustryInvoice"));

    private final QName root;

    Syntax(QName root) {
        this.root = root;
    }

    public QName root() {
        return root;
    }

    public boolean isUbl() {
        return this != CII_D16B;
    }

    public static Optional<Syntax> ofRoot(QName element) {
        return Arrays.stream(values()).filter(s -> s.root.equals(element)).findFirst();
    }
}
