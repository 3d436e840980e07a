package org.chorusedi.generator;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes invoices valid against the UBL 2.1 and CII D16B XSDs and the EN 16931 rules, streaming, with the routing keys, the
 * number of lines and the embedded attachment a caller chooses. A null key leaves its element out.
 * Used by the flow generator, the benchmark and the tests: one template for every made-up invoice.
 */
public record InvoiceTemplate(String number, String typeCode, String supplierSiret, String recipientSiret,
                              String serviceCode, String engagement, int lines, Attachment attachment, Context context) {

    /** An embedded document: its file name and how many bytes it decodes to (base64-encoded when written). */
    public record Attachment(String fileName, long decodedBytes) {
    }

    /**
     * What says which road the document takes: its framework in BT-23 (null: none, an A1), the market it belongs to
     * in BT-12 (null: none), the works statement it answers in BT-25 (null: none), and whether it was paid in full
     * before it was sent (the amount due zero, as an A2 says).
     */
    public record Context(String framework, String contract, String preceding, boolean paid) {
        public static final Context NONE = new Context(null, null, null, false);
    }

    /** A supplier SIRET that passes Luhn. */
    public static final String SUPPLIER = "73282932000074";
    /** The recipients of the sample directory (sample-flows/directory/annuaire.csv). */
    public static final String MINISTRY = "11000201100044";
    public static final String CITY = "21750001600019";
    public static final String HOSPITAL = "26750045200011";
    public static final String CLOSED_SCHOOL = "19750001000016";
    public static final String AGENCY = "13000548100010";

    private static final String UBL_NAMESPACES = " xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\""
            + " xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\""
            + " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\"";
    private static final String CII_NAMESPACES = " xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\""
            + " xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\""
            + " xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\"";

    /** The supplier's VAT number (its SIREN with its key): EN 16931 asks for it with the standard rate (BR-S-02). */
    private static final String SUPPLIER_VAT = "FR44732829320";
    /** Postal addresses with their country (BR-08 to BR-11), the standard rate of 20 % (BR-CO-04, BR-CO-18, UBL-SR-48). */
    private static final String UBL_SUPPLIER_ADDRESS = "      <cac:PostalAddress><cbc:StreetName>12 rue des Papetiers</cbc:StreetName>"
            + "<cbc:CityName>Lyon</cbc:CityName><cbc:PostalZone>69002</cbc:PostalZone>"
            + "<cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>\n";
    private static final String UBL_RECIPIENT_ADDRESS = "      <cac:PostalAddress><cbc:StreetName>1 place de la République</cbc:StreetName>"
            + "<cbc:CityName>Paris</cbc:CityName><cbc:PostalZone>75003</cbc:PostalZone>"
            + "<cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>\n";
    private static final String UBL_STANDARD_RATE = "<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent>"
            + "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>";
    private static final String CII_SUPPLIER_ADDRESS = "        <ram:PostalTradeAddress><ram:PostcodeCode>69002</ram:PostcodeCode>"
            + "<ram:LineOne>12 rue des Papetiers</ram:LineOne><ram:CityName>Lyon</ram:CityName><ram:CountryID>FR</ram:CountryID>"
            + "</ram:PostalTradeAddress>\n";
    private static final String CII_RECIPIENT_ADDRESS = "        <ram:PostalTradeAddress><ram:PostcodeCode>75003</ram:PostcodeCode>"
            + "<ram:LineOne>1 place de la République</ram:LineOne><ram:CityName>Paris</ram:CityName><ram:CountryID>FR</ram:CountryID>"
            + "</ram:PostalTradeAddress>\n";
    private static final String CII_LINE_TAX = "<ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode>"
            + "<ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>";

    /** An invoice to the sample ministry, service SCE-ACHATS, with an EJ, one line, no attachment. */
    public static InvoiceTemplate toMinistry() {
        return new InvoiceTemplate("F2026-0001", "380", SUPPLIER, MINISTRY, "SCE-ACHATS", "EJ-2026-000123", 1, null, Context.NONE);
    }

    public InvoiceTemplate withNumber(String value) {
        return new InvoiceTemplate(value, typeCode, supplierSiret, recipientSiret, serviceCode, engagement, lines, attachment, context);
    }

    public InvoiceTemplate withTypeCode(String value) {
        return new InvoiceTemplate(number, value, supplierSiret, recipientSiret, serviceCode, engagement, lines, attachment, context);
    }

    public InvoiceTemplate withSupplier(String value) {
        return new InvoiceTemplate(number, typeCode, value, recipientSiret, serviceCode, engagement, lines, attachment, context);
    }

    public InvoiceTemplate withRecipient(String value) {
        return new InvoiceTemplate(number, typeCode, supplierSiret, value, serviceCode, engagement, lines, attachment, context);
    }

    public InvoiceTemplate withServiceCode(String value) {
        return new InvoiceTemplate(number, typeCode, supplierSiret, recipientSiret, value, engagement, lines, attachment, context);
    }

    public InvoiceTemplate withEngagement(String value) {
        return new InvoiceTemplate(number, typeCode, supplierSiret, recipientSiret, serviceCode, value, lines, attachment, context);
    }

    public InvoiceTemplate withLines(int value) {
        return new InvoiceTemplate(number, typeCode, supplierSiret, recipientSiret, serviceCode, engagement, value, attachment, context);
    }

    public InvoiceTemplate withAttachment(String fileName, long decodedBytes) {
        return new InvoiceTemplate(number, typeCode, supplierSiret, recipientSiret, serviceCode, engagement, lines,
                new Attachment(fileName, decodedBytes), context);
    }

    /** The same invoice under a framework (BT-23, as written: "A9", "A9_FACTURE_SOUSTRAITANT"...), null for none. */
    public InvoiceTemplate withFramework(String value) {
        return withContext(new Context(value, context.contract(), context.preceding(), context.paid()));
    }

    /** The same invoice for a market (BT-12), null for none. */
    public InvoiceTemplate withContract(String value) {
        return withContext(new Context(context.framework(), value, context.preceding(), context.paid()));
    }

    /** The same document answering the works statement with that number (BT-25), null for none. */
    public InvoiceTemplate answering(String value) {
        return withContext(new Context(context.framework(), context.contract(), value, context.paid()));
    }

    /** The same invoice paid in full before it is sent: its whole amount prepaid, nothing due. */
    public InvoiceTemplate paid() {
        return withContext(new Context(context.framework(), context.contract(), context.preceding(), true));
    }

    private InvoiceTemplate withContext(Context value) {
        return new InvoiceTemplate(number, typeCode, supplierSiret, recipientSiret, serviceCode, engagement, lines, attachment, value);
    }

    /** Writes the whole UBL document to a file (its folder created), UTF-8. */
    public Path writeUbl(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, ubl(), StandardCharsets.UTF_8);
    }

    /** Writes the whole CII document to a file (its folder created), UTF-8. */
    public Path writeCii(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, cii(), StandardCharsets.UTF_8);
    }

    /** A whole UBL document, with its XML declaration. */
    public String ubl() {
        StringBuilderWriter out = new StringBuilderWriter();
        writeDocument(out, false);
        return out.toString();
    }

    /** A whole CII document, with its XML declaration. */
    public String cii() {
        StringBuilderWriter out = new StringBuilderWriter();
        writeDocument(out, true);
        return out.toString();
    }

    private void writeDocument(StringBuilderWriter out, boolean cii) {
        try {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            if (cii) {
                writeCii(out);
            } else {
                writeUbl(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The UBL Invoice element, declaring its own namespaces (so that it can stand inside a batch). */
    public void writeUbl(Writer out) throws IOException {
        out.write("<Invoice" + UBL_NAMESPACES + ">\n");
        out.write("  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>\n");
        optional(out, "  <cbc:ProfileID>%s</cbc:ProfileID>\n", context.framework());
        optional(out, "  <cbc:ID>%s</cbc:ID>\n", number);
        out.write("  <cbc:IssueDate>2026-11-20</cbc:IssueDate>\n");
        out.write("  <cbc:DueDate>2026-12-20</cbc:DueDate>\n");
        optional(out, "  <cbc:InvoiceTypeCode>%s</cbc:InvoiceTypeCode>\n", typeCode);
        out.write("  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>\n");
        optional(out, "  <cbc:BuyerReference>%s</cbc:BuyerReference>\n", serviceCode);
        optional(out, "  <cac:OrderReference><cbc:ID>%s</cbc:ID></cac:OrderReference>\n", engagement);
        optional(out, "  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>%s</cbc:ID></cac:InvoiceDocumentReference>"
                + "</cac:BillingReference>\n", context.preceding());
        optional(out, "  <cac:ContractDocumentReference><cbc:ID>%s</cbc:ID></cac:ContractDocumentReference>\n", context.contract());
        if (attachment != null) {
            out.write("  <cac:AdditionalDocumentReference>\n    <cbc:ID>PJ-1</cbc:ID>\n    <cac:Attachment>\n");
            out.write("      <cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\" filename=\"" + escape(attachment.fileName()) + "\">");
            Base64Filler.write(out, attachment.decodedBytes());
            out.write("</cbc:EmbeddedDocumentBinaryObject>\n    </cac:Attachment>\n  </cac:AdditionalDocumentReference>\n");
        }
        out.write("  <cac:AccountingSupplierParty>\n    <cac:Party>\n");
        optional(out, "      <cac:PartyIdentification><cbc:ID schemeID=\"0009\">%s</cbc:ID></cac:PartyIdentification>\n", supplierSiret);
        out.write("      <cac:PartyName><cbc:Name>Fournitures Durand</cbc:Name></cac:PartyName>\n");
        out.write(UBL_SUPPLIER_ADDRESS);
        out.write("      <cac:PartyTaxScheme><cbc:CompanyID>" + SUPPLIER_VAT + "</cbc:CompanyID>"
                + "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>\n");
        out.write("      <cac:PartyLegalEntity><cbc:RegistrationName>Fournitures Durand SAS</cbc:RegistrationName></cac:PartyLegalEntity>\n");
        out.write("    </cac:Party>\n  </cac:AccountingSupplierParty>\n");
        out.write("  <cac:AccountingCustomerParty>\n    <cac:Party>\n");
        out.write("      <cbc:EndpointID schemeID=\"0009\">11000201100044</cbc:EndpointID>\n");
        optional(out, "      <cac:PartyIdentification><cbc:ID schemeID=\"0009\">%s</cbc:ID></cac:PartyIdentification>\n", recipientSiret);
        out.write(UBL_RECIPIENT_ADDRESS);
        out.write("      <cac:PartyLegalEntity><cbc:RegistrationName>Acheteur public</cbc:RegistrationName></cac:PartyLegalEntity>\n");
        out.write("    </cac:Party>\n  </cac:AccountingCustomerParty>\n");
        String total = amount(lines * 100L);
        String tax = amount(lines * 20L);
        String gross = amount(lines * 120L);
        out.write("  <cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">" + tax + "</cbc:TaxAmount>\n");
        out.write("    <cac:TaxSubtotal><cbc:TaxableAmount currencyID=\"EUR\">" + total + "</cbc:TaxableAmount>"
                + "<cbc:TaxAmount currencyID=\"EUR\">" + tax + "</cbc:TaxAmount>" + UBL_STANDARD_RATE + "</cac:TaxSubtotal>\n");
        out.write("  </cac:TaxTotal>\n");
        out.write("  <cac:LegalMonetaryTotal>\n");
        out.write("    <cbc:LineExtensionAmount currencyID=\"EUR\">" + total + "</cbc:LineExtensionAmount>\n");
        out.write("    <cbc:TaxExclusiveAmount currencyID=\"EUR\">" + total + "</cbc:TaxExclusiveAmount>\n");
        out.write("    <cbc:TaxInclusiveAmount currencyID=\"EUR\">" + gross + "</cbc:TaxInclusiveAmount>\n");
        if (context.paid()) {
            out.write("    <cbc:PrepaidAmount currencyID=\"EUR\">" + gross + "</cbc:PrepaidAmount>\n");
        }
        out.write("    <cbc:PayableAmount currencyID=\"EUR\">" + (context.paid() ? "0.00" : gross) + "</cbc:PayableAmount>\n");
        out.write("  </cac:LegalMonetaryTotal>\n");
        for (int i = 1; i <= lines; i++) {
            out.write("  <cac:InvoiceLine>\n    <cbc:ID>" + i + "</cbc:ID>\n");
            out.write("    <cbc:InvoicedQuantity unitCode=\"C62\">1</cbc:InvoicedQuantity>\n");
            out.write("    <cbc:LineExtensionAmount currencyID=\"EUR\">100.00</cbc:LineExtensionAmount>\n");
            out.write("    <cac:Item><cbc:Name>Ramettes de papier, lot " + i + "</cbc:Name>"
                    + UBL_STANDARD_RATE.replace("TaxCategory", "ClassifiedTaxCategory") + "</cac:Item>\n");
            out.write("    <cac:Price><cbc:PriceAmount currencyID=\"EUR\">100.00</cbc:PriceAmount></cac:Price>\n");
            out.write("  </cac:InvoiceLine>\n");
        }
        out.write("</Invoice>\n");
    }

    /** The CII CrossIndustryInvoice element, declaring its own namespaces. */
    public void writeCii(Writer out) throws IOException {
        out.write("<rsm:CrossIndustryInvoice" + CII_NAMESPACES + ">\n");
        out.write("  <rsm:ExchangedDocumentContext>\n");
        optional(out, "    <ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>%s</ram:ID>"
                + "</ram:BusinessProcessSpecifiedDocumentContextParameter>\n", context.framework());
        out.write("    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>\n");
        out.write("  </rsm:ExchangedDocumentContext>\n  <rsm:ExchangedDocument>\n");
        optional(out, "    <ram:ID>%s</ram:ID>\n", number);
        optional(out, "    <ram:TypeCode>%s</ram:TypeCode>\n", typeCode);
        out.write("    <ram:IssueDateTime><udt:DateTimeString format=\"102\">20261120</udt:DateTimeString></ram:IssueDateTime>\n");
        out.write("  </rsm:ExchangedDocument>\n  <rsm:SupplyChainTradeTransaction>\n");
        for (int i = 1; i <= lines; i++) {
            out.write("    <ram:IncludedSupplyChainTradeLineItem>\n");
            out.write("      <ram:AssociatedDocumentLineDocument><ram:LineID>" + i + "</ram:LineID></ram:AssociatedDocumentLineDocument>\n");
            out.write("      <ram:SpecifiedTradeProduct><ram:Name>Ramettes de papier, lot " + i + "</ram:Name></ram:SpecifiedTradeProduct>\n");
            out.write("      <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>100.00</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>\n");
            out.write("      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode=\"C62\">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>\n");
            out.write("      <ram:SpecifiedLineTradeSettlement>" + CII_LINE_TAX + "<ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>100.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>\n");
            out.write("    </ram:IncludedSupplyChainTradeLineItem>\n");
        }
        out.write("    <ram:ApplicableHeaderTradeAgreement>\n");
        optional(out, "      <ram:BuyerReference>%s</ram:BuyerReference>\n", serviceCode);
        out.write("      <ram:SellerTradeParty>\n        <ram:Name>Fournitures Durand SAS</ram:Name>\n");
        optional(out, "        <ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0009\">%s</ram:ID></ram:SpecifiedLegalOrganization>\n", supplierSiret);
        out.write(CII_SUPPLIER_ADDRESS);
        out.write("        <ram:SpecifiedTaxRegistration><ram:ID schemeID=\"VA\">" + SUPPLIER_VAT + "</ram:ID></ram:SpecifiedTaxRegistration>\n");
        out.write("      </ram:SellerTradeParty>\n      <ram:BuyerTradeParty>\n        <ram:Name>Acheteur public</ram:Name>\n");
        optional(out, "        <ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0009\">%s</ram:ID></ram:SpecifiedLegalOrganization>\n", recipientSiret);
        out.write(CII_RECIPIENT_ADDRESS);
        out.write("      </ram:BuyerTradeParty>\n");
        optional(out, "      <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>%s</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>\n", engagement);
        optional(out, "      <ram:ContractReferencedDocument><ram:IssuerAssignedID>%s</ram:IssuerAssignedID></ram:ContractReferencedDocument>\n",
                context.contract());
        if (attachment != null) {
            out.write("      <ram:AdditionalReferencedDocument>\n        <ram:IssuerAssignedID>PJ-1</ram:IssuerAssignedID>\n");
            out.write("        <ram:TypeCode>916</ram:TypeCode>\n");
            out.write("        <ram:AttachmentBinaryObject mimeCode=\"application/pdf\" filename=\"" + escape(attachment.fileName()) + "\">");
            Base64Filler.write(out, attachment.decodedBytes());
            out.write("</ram:AttachmentBinaryObject>\n      </ram:AdditionalReferencedDocument>\n");
        }
        out.write("    </ram:ApplicableHeaderTradeAgreement>\n    <ram:ApplicableHeaderTradeDelivery/>\n");
        out.write("    <ram:ApplicableHeaderTradeSettlement>\n      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>\n");
        out.write("      <ram:ApplicableTradeTax><ram:CalculatedAmount>" + amount(lines * 20L) + "</ram:CalculatedAmount>"
                + "<ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>" + amount(lines * 100L) + "</ram:BasisAmount>"
                + "<ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>\n");
        out.write("      <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format=\"102\">20261220</udt:DateTimeString>"
                + "</ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>\n");
        out.write("      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>\n");
        out.write("        <ram:LineTotalAmount>" + amount(lines * 100L) + "</ram:LineTotalAmount>\n");
        out.write("        <ram:TaxBasisTotalAmount>" + amount(lines * 100L) + "</ram:TaxBasisTotalAmount>\n");
        out.write("        <ram:TaxTotalAmount currencyID=\"EUR\">" + amount(lines * 20L) + "</ram:TaxTotalAmount>\n");
        out.write("        <ram:GrandTotalAmount>" + amount(lines * 120L) + "</ram:GrandTotalAmount>\n");
        if (context.paid()) {
            out.write("        <ram:TotalPrepaidAmount>" + amount(lines * 120L) + "</ram:TotalPrepaidAmount>\n");
        }
        out.write("        <ram:DuePayableAmount>" + (context.paid() ? "0.00" : amount(lines * 120L)) + "</ram:DuePayableAmount>\n");
        out.write("      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>\n");
        optional(out, "      <ram:InvoiceReferencedDocument><ram:IssuerAssignedID>%s</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>\n",
                context.preceding());
        out.write("    </ram:ApplicableHeaderTradeSettlement>\n");
        out.write("  </rsm:SupplyChainTradeTransaction>\n</rsm:CrossIndustryInvoice>\n");
    }

    private static void optional(Writer out, String format, String value) throws IOException {
        if (value != null) {
            out.write(format.formatted(escape(value)));
        }
    }

    private static String amount(long euros) {
        return euros + ".00";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    /** A Writer over a StringBuilder that declares no IOException worth handling. */
    private static final class StringBuilderWriter extends java.io.StringWriter {
    }
}
