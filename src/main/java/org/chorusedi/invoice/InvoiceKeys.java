package org.chorusedi.invoice;

import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the engine reads of one invoice: the routing keys (recipient, service code BT-10, legal
 * commitment BT-13) and what the acknowledgement names. Absent values are null.
 *
 * @param recipientId    BT-46/47, only from an identifier with a SIRET scheme (UBL) or the legal organisation (CII)
 * @param supplierType    CPPStatut TypeIdentifiant of the supplier, as its XSD documents them (see SupplierIdentity)
 * @param supplierCountry CPPStatut CodePays of the supplier: its address country, else its identifier's; null when unknown
 * @param processId       BT-23, the business process: where Chorus Pro's framework (A1 to A25) travels
 * @param specificationId BT-24, the specification identifier: some writers put the framework there instead
 * @param contractReference BT-12, the contract: the market a works or subcontracting document belongs to
 * @param precedingInvoice BT-25, the preceding invoice: the works statement an MOE's or an MOA's statement answers
 * @param paidInFull      the amount due for payment (BT-115) is given and zero: what an A2 invoice must say
 */
public record InvoiceKeys(
        String number,
        String issueDate,
        String typeCode,
        String supplierId,
        int supplierType,
        String supplierCountry,
        String supplierName,
        String recipientId,
        String recipientName,
        String serviceCode,
        String engagement,
        String processId,
        String specificationId,
        String contractReference,
        String precedingInvoice,
        boolean paidInFull) {

    public static final int SUPPLIER_SIRET = 1;
    /** An intra-Community VAT number (a French one too), or a supplier of another member state. */
    public static final int SUPPLIER_VAT = 2;
    public static final int SUPPLIER_OUTSIDE_EU = 3;
    public static final int SUPPLIER_RIDET = 4;
    public static final int SUPPLIER_TAHITI = 5;
    /** Tiers en cours d'immatriculation: a French supplier (or of unknown country) with neither SIRET nor VAT number. */
    public static final int SUPPLIER_BEING_REGISTERED = 6;

    /**
     * BT-24 of a minimal document: Factur-X's MINIMUM and BASIC WL profiles, the header data of an invoice whose PDF
     * is the legal invoice (Chorus Pro's mixed flows, E2). Such a document is checked against its schema and routed,
     * not held against the EN 16931 rules, and is nothing without its PDF.
     */
    public static final Set<String> MINIMAL_PROFILES = Set.of("urn:factur-x.eu:1p0:minimum", "urn:factur-x.eu:1p0:basicwl");

    /** Whether BT-24 names a minimal profile. */
    public boolean minimal() {
        return specificationId != null && MINIMAL_PROFILES.contains(specificationId.strip());
    }

    /**
     * The same keys with each value but the number through {@code shared}: the invoices of a batch mostly share
     * their parties, dates and codes, and a flow of 100,000 invoices holds its keys until it is decided.
     */
    public InvoiceKeys sharing(UnaryOperator<String> shared) {
        return new InvoiceKeys(number, shared.apply(issueDate), shared.apply(typeCode), shared.apply(supplierId), supplierType,
                shared.apply(supplierCountry), shared.apply(supplierName), shared.apply(recipientId), shared.apply(recipientName),
                shared.apply(serviceCode), shared.apply(engagement), shared.apply(processId), shared.apply(specificationId),
                shared.apply(contractReference), precedingInvoice, paidInFull);
    }
}
