package org.chorusedi.recognition;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The structured data of a PDF invoice whose values were recognised: a CII D16B invoice of the Factur-X MINIMUM
 * profile, which carries the header data (number, date, type, parties, commitment, service, totals) and no lines.
 * The PDF stays the legal invoice and is delivered beside it; a minimal document is checked against its schema and
 * routed like any invoice, never against the EN 16931 rules (docs/partners/pdf-deposit.md).
 */
public final class RecognisedInvoiceXml {

    /** How the flow's messages name it: {@code <file>.pdf!reconnaissance.xml}. */
    public static final String NAME = "reconnaissance.xml";
    /** BT-24 of the documents written here. */
    public static final String PROFILE = "urn:factur-x.eu:1p0:minimum";
    /** BT-5 when the PDF prints no currency: Chorus Pro's own default. */
    static final String DEFAULT_CURRENCY = "EUR";

    private RecognisedInvoiceXml() {
    }

    /** The invoice's XML, UTF-8: every recognised value in its place, nothing else (a value not found is left out). */
    public static byte[] cii(Recognition recognition) {
        StringBuilder xml = new StringBuilder(2048);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"")
                .append(" xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\"")
                .append(" xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">\n");
        xml.append("  <rsm:ExchangedDocumentContext>\n    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>")
                .append(PROFILE).append("</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>\n  </rsm:ExchangedDocumentContext>\n");
        xml.append("  <rsm:ExchangedDocument>\n");
        value(recognition, Field.INVOICE_NUMBER).ifPresent(v -> xml.append("    <ram:ID>").append(escape(v)).append("</ram:ID>\n"));
        xml.append("    <ram:TypeCode>380</ram:TypeCode>\n");
        value(recognition, Field.INVOICE_DATE).ifPresent(v -> xml.append(
                "    <ram:IssueDateTime><udt:DateTimeString format=\"102\">").append(v.replace("-", "")).append("</udt:DateTimeString></ram:IssueDateTime>\n"));
        xml.append("  </rsm:ExchangedDocument>\n  <rsm:SupplyChainTradeTransaction>\n    <ram:ApplicableHeaderTradeAgreement>\n");
        value(recognition, Field.SERVICE_CODE).ifPresent(v -> xml.append("      <ram:BuyerReference>").append(escape(v)).append("</ram:BuyerReference>\n"));
        value(recognition, Field.SUPPLIER_SIRET).ifPresent(v -> xml.append("      <ram:SellerTradeParty>").append(siret(v)).append("</ram:SellerTradeParty>\n"));
        value(recognition, Field.RECIPIENT_SIRET).ifPresent(v -> xml.append("      <ram:BuyerTradeParty>").append(siret(v)).append("</ram:BuyerTradeParty>\n"));
        value(recognition, Field.ENGAGEMENT).ifPresent(v -> xml.append(
                "      <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>").append(escape(v)).append("</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>\n"));
        xml.append("    </ram:ApplicableHeaderTradeAgreement>\n    <ram:ApplicableHeaderTradeDelivery/>\n    <ram:ApplicableHeaderTradeSettlement>\n");
        String currency = value(recognition, Field.CURRENCY).orElse(DEFAULT_CURRENCY);
        xml.append("      <ram:InvoiceCurrencyCode>").append(escape(currency)).append("</ram:InvoiceCurrencyCode>\n");
        xml.append("      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>\n");
        value(recognition, Field.AMOUNT_BEFORE_TAX).ifPresent(v -> xml.append("        <ram:TaxBasisTotalAmount>").append(v).append("</ram:TaxBasisTotalAmount>\n"));
        value(recognition, Field.VAT_AMOUNT).ifPresent(v -> xml.append("        <ram:TaxTotalAmount currencyID=\"").append(escape(currency)).append("\">")
                .append(v).append("</ram:TaxTotalAmount>\n"));
        value(recognition, Field.TOTAL_AMOUNT).ifPresent(v -> xml.append("        <ram:GrandTotalAmount>").append(v).append("</ram:GrandTotalAmount>\n")
                .append("        <ram:DuePayableAmount>").append(v).append("</ram:DuePayableAmount>\n"));
        xml.append("      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>\n    </ram:ApplicableHeaderTradeSettlement>\n");
        xml.append("  </rsm:SupplyChainTradeTransaction>\n</rsm:CrossIndustryInvoice>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> value(Recognition recognition, Field field) {
        return recognition.value(field).map(Recognition.Value::value);
    }

    /** A SIRET as EN 16931 writes a party's legal registration: scheme 0009. */
    private static String siret(String digits) {
        return "<ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0009\">" + digits + "</ram:ID></ram:SpecifiedLegalOrganization>";
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
