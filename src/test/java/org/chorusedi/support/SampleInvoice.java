package org.chorusedi.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small invoices valid against the UBL 2.1 and CII D16B XSDs, with the routing keys a test chooses.
 * A null key leaves its element out.
 */
public record SampleInvoice(String number, String typeCode, String supplierSiret, String recipientSiret,
                            String serviceCode, String engagement) {

    /** A supplier SIRET that passes Luhn. */
    public static final String SUPPLIER = "73282932000074";
    /** Recipients of {@code directory.csv} in the test resources. */
    public static final String MINISTRY = "11000201100044";
    public static final String CITY = "21750001600019";
    public static final String HOSPITAL = "26750045200011";
    public static final String CLOSED_SCHOOL = "19750001000016";
    public static final String AGENCY = "13000548100010";

    public static SampleInvoice toMinistry() {
        return new SampleInvoice("F2026-0001", "380", SUPPLIER, MINISTRY, "SCE-ACHATS", "EJ-2026-000123");
    }

    public SampleInvoice withNumber(String value) {
        return new SampleInvoice(value, typeCode, supplierSiret, recipientSiret, serviceCode, engagement);
    }

    public SampleInvoice withTypeCode(String value) {
        return new SampleInvoice(number, value, supplierSiret, recipientSiret, serviceCode, engagement);
    }

    public SampleInvoice withSupplier(String value) {
        return new SampleInvoice(number, typeCode, value, recipientSiret, serviceCode, engagement);
    }

    public SampleInvoice withRecipient(String value) {
        return new SampleInvoice(number, typeCode, supplierSiret, value, serviceCode, engagement);
    }

    public SampleInvoice withServiceCode(String value) {
        return new SampleInvoice(number, typeCode, supplierSiret, recipientSiret, value, engagement);
    }

    public SampleInvoice withEngagement(String value) {
        return new SampleInvoice(number, typeCode, supplierSiret, recipientSiret, serviceCode, value);
    }

    public Path writeUbl(Path file) throws IOException {
        return write(file, ubl());
    }

    public Path writeCii(Path file) throws IOException {
        return write(file, cii());
    }

    private static Path write(Path file, String xml) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    public String ubl() {
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                     xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
                     xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
            %s  <cbc:IssueDate>2026-11-20</cbc:IssueDate>
            %s  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
            %s%s  <cac:AccountingSupplierParty>
                <cac:Party>
            %s      <cac:PartyName><cbc:Name>Fournitures Durand</cbc:Name></cac:PartyName>
                  <cac:PartyLegalEntity><cbc:RegistrationName>Fournitures Durand SAS</cbc:RegistrationName></cac:PartyLegalEntity>
                </cac:Party>
              </cac:AccountingSupplierParty>
              <cac:AccountingCustomerParty>
                <cac:Party>
                  <cbc:EndpointID schemeID="0009">11000201100044</cbc:EndpointID>
            %s      <cac:PartyLegalEntity><cbc:RegistrationName>Acheteur public</cbc:RegistrationName></cac:PartyLegalEntity>
                </cac:Party>
              </cac:AccountingCustomerParty>
              <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">20.00</cbc:TaxAmount></cac:TaxTotal>
              <cac:LegalMonetaryTotal>
                <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
                <cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>
                <cbc:TaxInclusiveAmount currencyID="EUR">120.00</cbc:TaxInclusiveAmount>
                <cbc:PayableAmount currencyID="EUR">120.00</cbc:PayableAmount>
              </cac:LegalMonetaryTotal>
              <cac:InvoiceLine>
                <cbc:ID>1</cbc:ID>
                <cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
                <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
                <cac:Item><cbc:Name>Ramettes de papier</cbc:Name></cac:Item>
                <cac:Price><cbc:PriceAmount currencyID="EUR">100.00</cbc:PriceAmount></cac:Price>
              </cac:InvoiceLine>
            </Invoice>
            """.formatted(
                line("  <cbc:ID>%s</cbc:ID>\n", number),
                line("  <cbc:InvoiceTypeCode>%s</cbc:InvoiceTypeCode>\n", typeCode),
                line("  <cbc:BuyerReference>%s</cbc:BuyerReference>\n", serviceCode),
                line("  <cac:OrderReference><cbc:ID>%s</cbc:ID></cac:OrderReference>\n", engagement),
                line("      <cac:PartyIdentification><cbc:ID schemeID=\"0009\">%s</cbc:ID></cac:PartyIdentification>\n", supplierSiret),
                line("      <cac:PartyIdentification><cbc:ID schemeID=\"0009\">%s</cbc:ID></cac:PartyIdentification>\n", recipientSiret));
    }

    public String cii() {
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
                xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
                xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
              <rsm:ExchangedDocumentContext>
                <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
              </rsm:ExchangedDocumentContext>
              <rsm:ExchangedDocument>
            %s%s    <ram:IssueDateTime><udt:DateTimeString format="102">20261120</udt:DateTimeString></ram:IssueDateTime>
              </rsm:ExchangedDocument>
              <rsm:SupplyChainTradeTransaction>
                <ram:ApplicableHeaderTradeAgreement>
            %s      <ram:SellerTradeParty>
                    <ram:Name>Fournitures Durand SAS</ram:Name>
            %s      </ram:SellerTradeParty>
                  <ram:BuyerTradeParty>
                    <ram:Name>Acheteur public</ram:Name>
            %s      </ram:BuyerTradeParty>
            %s    </ram:ApplicableHeaderTradeAgreement>
                <ram:ApplicableHeaderTradeDelivery/>
                <ram:ApplicableHeaderTradeSettlement>
                  <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
                  <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                    <ram:LineTotalAmount>100.00</ram:LineTotalAmount>
                    <ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>
                    <ram:TaxTotalAmount currencyID="EUR">20.00</ram:TaxTotalAmount>
                    <ram:GrandTotalAmount>120.00</ram:GrandTotalAmount>
                    <ram:DuePayableAmount>120.00</ram:DuePayableAmount>
                  </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                </ram:ApplicableHeaderTradeSettlement>
              </rsm:SupplyChainTradeTransaction>
            </rsm:CrossIndustryInvoice>
            """.formatted(
                line("    <ram:ID>%s</ram:ID>\n", number),
                line("    <ram:TypeCode>%s</ram:TypeCode>\n", typeCode),
                line("      <ram:BuyerReference>%s</ram:BuyerReference>\n", serviceCode),
                line("        <ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0009\">%s</ram:ID></ram:SpecifiedLegalOrganization>\n", supplierSiret),
                line("        <ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0009\">%s</ram:ID></ram:SpecifiedLegalOrganization>\n", recipientSiret),
                line("      <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>%s</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>\n", engagement));
    }

    private static String line(String format, String value) {
        return value == null ? "" : format.formatted(value);
    }
}
