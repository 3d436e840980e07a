package org.chorusedi.recognition;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The structured data of a PDF invoice whose values were recognised (or given by the client of a draft): a CII D16B
 * invoice of the Factur-X MINIMUM profile, which carries the header data (number, date, type, parties, commitment,
 * service, totals) and no lines. The PDF stays the legal invoice, delivered beside it: found beside it, or carried as
 * its first attachment (a mixed flow). A minimal document is checked against its schema and routed like any invoice,
 * never against the EN 16931 rules (docs/partners/pdf-deposit.md).
 */
public final class RecognisedInvoiceXml {

    /** How the flow's messages name it: {@code <file>.pdf!reconnaissance.xml}. */
    public static final String NAME = "reconnaissance.xml";
    /** BT-24 of the documents written here. */
    public static final String PROFILE = "urn:factur-x.eu:1p0:minimum";
    /** BT-5 when the PDF prints no currency: Chorus Pro's own default. */
    static final String DEFAULT_CURRENCY = "EUR";
    /** Bytes encoded at a time: whole lines of base64 (57 bytes each), so that the lines run on across chunks. */
    private static final int CHUNK = 57 * 1024;

    /** A file the document carries, base64-encoded as it is written. */
    public record Attached(String name, String mimeCode, Path file) {
    }

    private RecognisedInvoiceXml() {
    }

    /** The recognised values, each field's own. */
    public static Map<Field, String> values(Recognition recognition) {
        Map<Field, String> values = new EnumMap<>(Field.class);
        recognition.values().forEach(value -> values.put(value.field(), value.value()));
        return values;
    }

    /** The invoice's XML, UTF-8, of the recognised values alone: a value not found is left out. */
    public static byte[] cii(Recognition recognition) {
        StringWriter xml = new StringWriter(2048);
        try {
            write(values(recognition), List.of(), xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the invoice of these values (normalised as recognition gives them) carrying these files, in their order,
     * each streamed from its file: never whole in memory.
     */
    public static void write(Map<Field, String> values, List<Attached> attachments, Writer xml) throws IOException {
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"")
                .append(" xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\"")
                .append(" xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">\n");
        xml.append("  <rsm:ExchangedDocumentContext>\n    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>")
                .append(PROFILE).append("</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>\n  </rsm:ExchangedDocumentContext>\n");
        xml.append("  <rsm:ExchangedDocument>\n");
        element(xml, "    <ram:ID>%s</ram:ID>\n", values.get(Field.INVOICE_NUMBER));
        xml.append("    <ram:TypeCode>380</ram:TypeCode>\n");
        String date = values.get(Field.INVOICE_DATE);
        element(xml, "    <ram:IssueDateTime><udt:DateTimeString format=\"102\">%s</udt:DateTimeString></ram:IssueDateTime>\n",
                date == null ? null : date.replace("-", ""));
        xml.append("  </rsm:ExchangedDocument>\n  <rsm:SupplyChainTradeTransaction>\n    <ram:ApplicableHeaderTradeAgreement>\n");
        element(xml, "      <ram:BuyerReference>%s</ram:BuyerReference>\n", values.get(Field.SERVICE_CODE));
        element(xml, "      <ram:SellerTradeParty>" + SIRET + "</ram:SellerTradeParty>\n", values.get(Field.SUPPLIER_SIRET));
        element(xml, "      <ram:BuyerTradeParty>" + SIRET + "</ram:BuyerTradeParty>\n", values.get(Field.RECIPIENT_SIRET));
        element(xml, "      <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>%s</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>\n",
                values.get(Field.ENGAGEMENT));
        for (int i = 0; i < attachments.size(); i++) {
            attach(xml, i + 1, attachments.get(i));
        }
        xml.append("    </ram:ApplicableHeaderTradeAgreement>\n    <ram:ApplicableHeaderTradeDelivery/>\n    <ram:ApplicableHeaderTradeSettlement>\n");
        String currency = values.getOrDefault(Field.CURRENCY, DEFAULT_CURRENCY);
        element(xml, "      <ram:InvoiceCurrencyCode>%s</ram:InvoiceCurrencyCode>\n", currency);
        xml.append("      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>\n");
        element(xml, "        <ram:TaxBasisTotalAmount>%s</ram:TaxBasisTotalAmount>\n", values.get(Field.AMOUNT_BEFORE_TAX));
        String vat = values.get(Field.VAT_AMOUNT);
        element(xml, "        <ram:TaxTotalAmount currencyID=\"" + escape(currency) + "\">%s</ram:TaxTotalAmount>\n", vat);
        element(xml, "        <ram:GrandTotalAmount>%s</ram:GrandTotalAmount>\n", values.get(Field.TOTAL_AMOUNT));
        element(xml, "        <ram:DuePayableAmount>%s</ram:DuePayableAmount>\n", values.get(Field.TOTAL_AMOUNT));
        xml.append("      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>\n    </ram:ApplicableHeaderTradeSettlement>\n");
        xml.append("  </rsm:SupplyChainTradeTransaction>\n</rsm:CrossIndustryInvoice>\n");
    }

    /** A SIRET as EN 16931 writes a party's legal registration: scheme 0009. */
    private static final String SIRET = "<ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0009\">%s</ram:ID></ram:SpecifiedLegalOrganization>";

    private static void attach(Writer xml, int number, Attached attached) throws IOException {
        xml.append("      <ram:AdditionalReferencedDocument><ram:IssuerAssignedID>PJ-").append(String.valueOf(number))
                .append("</ram:IssuerAssignedID><ram:TypeCode>916</ram:TypeCode>\n        <ram:AttachmentBinaryObject mimeCode=\"")
                .append(escape(attached.mimeCode())).append("\" filename=\"").append(escape(attached.name())).append("\">\n");
        Base64.Encoder encoder = Base64.getMimeEncoder();
        try (InputStream in = Files.newInputStream(attached.file())) {
            for (byte[] chunk = in.readNBytes(CHUNK); chunk.length > 0; chunk = in.readNBytes(CHUNK)) {
                xml.append(encoder.encodeToString(chunk)).append("\r\n");
            }
        }
        xml.append("</ram:AttachmentBinaryObject></ram:AdditionalReferencedDocument>\n");
    }

    private static void element(Writer xml, String format, String value) throws IOException {
        if (value != null) {
            xml.append(format.formatted(escape(value)));
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
