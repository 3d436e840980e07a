package org.chorusedi.invoice;

/**
 * What the engine reads of one invoice: the routing keys (recipient, service code BT-10, legal
 * commitment BT-13) and what the acknowledgement names. Absent values are null.
 *
 * @param recipientId    BT-46/47, only from an identifier with a SIRET scheme (UBL) or the legal organisation (CII)
 * @param supplierType   CPPStatut TypeIdentifiant of the supplier: 1 SIRET, 2 EU VAT number, 6 other
 */
public record InvoiceKeys(
        String number,
        String issueDate,
        String typeCode,
        String supplierId,
        int supplierType,
        String supplierName,
        String recipientId,
        String recipientName,
        String serviceCode,
        String engagement) {

    public static final int SUPPLIER_SIRET = 1;
    public static final int SUPPLIER_VAT = 2;
    public static final int SUPPLIER_OTHER = 6;
}
