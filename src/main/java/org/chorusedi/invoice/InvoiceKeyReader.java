package org.chorusedi.invoice;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamReader;
import org.chorusedi.validation.Syntax;

/**
 * Picks the routing keys out of one invoice while it streams past (brief section 3), by the path of
 * each element below the invoice root. Fed the same events as the validator: no second pass, no tree.
 */
public final class InvoiceKeyReader {

    /** Enough to tell every length limit (EJ 50, service code 100, number 20) without holding a huge text. */
    private static final int MAX_KEPT_CHARS = 1024;
    private static final Set<String> SIRET_SCHEMES = Set.of("0009", "1");

    private enum Field {
        NUMBER, ISSUE_DATE, TYPE_CODE, SERVICE_CODE, ENGAGEMENT,
        RECIPIENT_PARTY_ID, RECIPIENT_LEGAL_ID, RECIPIENT_NAME,
        SUPPLIER_PARTY_ID, SUPPLIER_LEGAL_ID, SUPPLIER_TAX_ID, SUPPLIER_NAME, SUPPLIER_TRADING_NAME, SUPPLIER_COUNTRY,
        PROCESS_ID, SPECIFICATION_ID, CONTRACT, PRECEDING_INVOICE, AMOUNT_DUE
    }

    private static final String UBL_BUYER = "AccountingCustomerParty/Party/";
    private static final String UBL_SELLER = "AccountingSupplierParty/Party/";
    private static final Map<String, Field> UBL_PATHS = Map.ofEntries(
            Map.entry("ID", Field.NUMBER),
            Map.entry("IssueDate", Field.ISSUE_DATE),
            Map.entry("ProfileID", Field.PROCESS_ID),
            Map.entry("CustomizationID", Field.SPECIFICATION_ID),
            Map.entry("ContractDocumentReference/ID", Field.CONTRACT),
            Map.entry("BillingReference/InvoiceDocumentReference/ID", Field.PRECEDING_INVOICE),
            Map.entry("LegalMonetaryTotal/PayableAmount", Field.AMOUNT_DUE),
            Map.entry("InvoiceTypeCode", Field.TYPE_CODE),
            Map.entry("CreditNoteTypeCode", Field.TYPE_CODE),
            Map.entry("BuyerReference", Field.SERVICE_CODE),
            Map.entry("OrderReference/ID", Field.ENGAGEMENT),
            Map.entry(UBL_BUYER + "PartyIdentification/ID", Field.RECIPIENT_PARTY_ID),
            Map.entry(UBL_BUYER + "PartyLegalEntity/CompanyID", Field.RECIPIENT_LEGAL_ID),
            Map.entry(UBL_BUYER + "PartyLegalEntity/RegistrationName", Field.RECIPIENT_NAME),
            Map.entry(UBL_SELLER + "PartyIdentification/ID", Field.SUPPLIER_PARTY_ID),
            Map.entry(UBL_SELLER + "PartyLegalEntity/CompanyID", Field.SUPPLIER_LEGAL_ID),
            Map.entry(UBL_SELLER + "PartyTaxScheme/CompanyID", Field.SUPPLIER_TAX_ID),
            Map.entry(UBL_SELLER + "PartyLegalEntity/RegistrationName", Field.SUPPLIER_NAME),
            Map.entry(UBL_SELLER + "PartyName/Name", Field.SUPPLIER_TRADING_NAME),
            Map.entry(UBL_SELLER + "PostalAddress/Country/IdentificationCode", Field.SUPPLIER_COUNTRY));

    private static final String CII_AGREEMENT = "SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement/";
    private static final String CII_CONTEXT = "ExchangedDocumentContext/";
    private static final Map<String, Field> CII_PATHS = Map.ofEntries(
            Map.entry("ExchangedDocument/ID", Field.NUMBER),
            Map.entry("ExchangedDocument/TypeCode", Field.TYPE_CODE),
            Map.entry("ExchangedDocument/IssueDateTime/DateTimeString", Field.ISSUE_DATE),
            Map.entry(CII_CONTEXT + "BusinessProcessSpecifiedDocumentContextParameter/ID", Field.PROCESS_ID),
            Map.entry(CII_CONTEXT + "GuidelineSpecifiedDocumentContextParameter/ID", Field.SPECIFICATION_ID),
            Map.entry(CII_AGREEMENT + "ContractReferencedDocument/IssuerAssignedID", Field.CONTRACT),
            Map.entry("SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/InvoiceReferencedDocument/IssuerAssignedID",
                    Field.PRECEDING_INVOICE),
            Map.entry("SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
                    + "SpecifiedTradeSettlementHeaderMonetarySummation/DuePayableAmount", Field.AMOUNT_DUE),
            Map.entry(CII_AGREEMENT + "BuyerReference", Field.SERVICE_CODE),
            Map.entry(CII_AGREEMENT + "BuyerOrderReferencedDocument/IssuerAssignedID", Field.ENGAGEMENT),
            Map.entry(CII_AGREEMENT + "BuyerTradeParty/SpecifiedLegalOrganization/ID", Field.RECIPIENT_LEGAL_ID),
            Map.entry(CII_AGREEMENT + "BuyerTradeParty/Name", Field.RECIPIENT_NAME),
            Map.entry(CII_AGREEMENT + "SellerTradeParty/SpecifiedLegalOrganization/ID", Field.SUPPLIER_LEGAL_ID),
            Map.entry(CII_AGREEMENT + "SellerTradeParty/SpecifiedTaxRegistration/ID", Field.SUPPLIER_TAX_ID),
            Map.entry(CII_AGREEMENT + "SellerTradeParty/Name", Field.SUPPLIER_NAME),
            Map.entry(CII_AGREEMENT + "SellerTradeParty/PostalTradeAddress/CountryID", Field.SUPPLIER_COUNTRY));

    private static final PathNode UBL_TREE = PathNode.of(UBL_PATHS);
    private static final PathNode CII_TREE = PathNode.of(CII_PATHS);

    private final Syntax syntax;
    private final PathNode tree;
    /** The path from the invoice root to the current element, as tree nodes; null below any key. */
    private final Deque<PathNode> path = new ArrayDeque<>();
    private int depthBelowTree;
    private final Map<Field, String> values = new EnumMap<>(Field.class);
    private final Map<Field, String> schemes = new EnumMap<>(Field.class);
    private Field capturing;
    private String capturingScheme;
    private final StringBuilder text = new StringBuilder();
    private String recipientSiret;
    private String supplierSiret;

    public InvoiceKeyReader(Syntax syntax) {
        this.syntax = syntax;
        this.tree = syntax.isUbl() ? UBL_TREE : CII_TREE;
    }

    /** At a start element; the invoice root itself is the first call. */
    public void startElement(XMLStreamReader reader) {
        capturing = null;
        if (path.isEmpty() && depthBelowTree == 0) {
            path.push(tree);
            return;
        }
        PathNode next = depthBelowTree > 0 ? null : path.peek().child(reader.getLocalName());
        if (next == null) {
            depthBelowTree++;
            return;
        }
        path.push(next);
        capturing = next.field;
        if (capturing != null) {
            text.setLength(0);
            capturingScheme = scheme(reader);
        }
    }

    public void characters(char[] chars, int start, int length) {
        if (capturing != null && text.length() < MAX_KEPT_CHARS) {
            text.append(chars, start, Math.min(length, MAX_KEPT_CHARS - text.length()));
        }
    }

    public void endElement() {
        if (capturing != null) {
            accept(capturing, text.toString().strip(), capturingScheme);
            capturing = null;
        }
        if (depthBelowTree > 0) {
            depthBelowTree--;
        } else {
            path.pop();
        }
    }

    private void accept(Field field, String value, String scheme) {
        if (value.isEmpty()) {
            return;
        }
        boolean siretScheme = scheme != null && SIRET_SCHEMES.contains(scheme);
        if (siretScheme && recipientSiret == null
                && (field == Field.RECIPIENT_PARTY_ID || field == Field.RECIPIENT_LEGAL_ID)) {
            recipientSiret = value;
        }
        if (siretScheme && supplierSiret == null
                && (field == Field.SUPPLIER_PARTY_ID || field == Field.SUPPLIER_LEGAL_ID)) {
            supplierSiret = value;
        }
        // The first occurrence wins (a party may carry several identifiers).
        if (!values.containsKey(field)) {
            values.put(field, value);
            schemes.put(field, scheme);
        }
    }

    /** The key paths as a tree of local names, walked one element at a time without building strings. */
    private static final class PathNode {
        private final Map<String, PathNode> children = new HashMap<>();
        private Field field;

        static PathNode of(Map<String, Field> paths) {
            PathNode root = new PathNode();
            paths.forEach((path, field) -> {
                PathNode node = root;
                for (String step : path.split("/")) {
                    node = node.children.computeIfAbsent(step, s -> new PathNode());
                }
                node.field = field;
            });
            return root;
        }

        PathNode child(String localName) {
            return children.get(localName);
        }
    }

    public InvoiceKeys keys() {
        SupplierIdentity supplier = SupplierIdentity.of(supplierSiret, values.get(Field.SUPPLIER_TAX_ID),
                first(Field.SUPPLIER_LEGAL_ID, Field.SUPPLIER_PARTY_ID), values.get(Field.SUPPLIER_COUNTRY));
        // CII: the buyer's legal organisation is always the SIRET, whatever scheme it names.
        String recipient = syntax.isUbl() ? recipientSiret : values.get(Field.RECIPIENT_LEGAL_ID);
        return new InvoiceKeys(
                values.get(Field.NUMBER),
                syntax.isUbl() ? values.get(Field.ISSUE_DATE) : isoDate(values.get(Field.ISSUE_DATE)),
                values.get(Field.TYPE_CODE),
                supplier.identifier(),
                supplier.type(),
                supplier.country(),
                first(Field.SUPPLIER_NAME, Field.SUPPLIER_TRADING_NAME),
                recipient,
                values.get(Field.RECIPIENT_NAME),
                values.get(Field.SERVICE_CODE),
                values.get(Field.ENGAGEMENT),
                values.get(Field.PROCESS_ID),
                values.get(Field.SPECIFICATION_ID),
                values.get(Field.CONTRACT),
                values.get(Field.PRECEDING_INVOICE),
                isZero(values.get(Field.AMOUNT_DUE)));
    }

    private static boolean isZero(String amount) {
        if (amount == null) {
            return false;
        }
        try {
            return new BigDecimal(amount).signum() == 0;
        } catch (NumberFormatException e) {
            return false; // the XSD says what is wrong with it
        }
    }

    private String first(Field a, Field b) {
        return values.containsKey(a) ? values.get(a) : values.get(b);
    }

    private static String scheme(XMLStreamReader reader) {
        String id = reader.getAttributeValue(null, "schemeID");
        return id != null ? id.strip() : reader.getAttributeValue(null, "schemeName");
    }

    /** CII format 102 (yyyyMMdd) to an ISO date; anything else is left out. */
    private static String isoDate(String value) {
        if (value == null || !value.matches("\\d{8}")) {
            return null;
        }
        return value.substring(0, 4) + "-" + value.substring(4, 6) + "-" + value.substring(6, 8);
    }
}
