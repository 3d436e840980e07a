package org.chorusedi.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.chorusedi.config.Configuration;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.flow.FlowRead;
import org.chorusedi.flow.FlowLimits;
import org.chorusedi.flow.FlowReader;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.controls.RoutingControls;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.Syntax;
import org.chorusedi.validation.ValidationPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing keys as read in the streaming pass, through {@link FlowReader} on UBL and CII files
 * written to disk; every variant is XSD-valid, so the keys are what is under test.
 */
class InvoiceKeyReaderTest {

    private static final String ENDPOINT = "<cbc:EndpointID schemeID=\"0009\">11000201100044</cbc:EndpointID>";
    private static final String BUYER_LEGAL_ENTITY =
            "<cac:PartyLegalEntity><cbc:RegistrationName>Acheteur public</cbc:RegistrationName></cac:PartyLegalEntity>";
    /** The template's seller VAT number (its UBL PartyTaxScheme), which EN 16931 asks for with the standard rate. */
    private static final String SELLER_VAT = "<cbc:CompanyID>FR44732829320</cbc:CompanyID>";
    private static final String SELLER_NAME = "<cac:PartyName><cbc:Name>Fournitures Durand</cbc:Name></cac:PartyName>";
    private static final String SELLER_LEGAL_ENTITY =
            "<cac:PartyLegalEntity><cbc:RegistrationName>Fournitures Durand SAS</cbc:RegistrationName></cac:PartyLegalEntity>";

    @TempDir
    Path dir;

    /** The validation threads of every reader of this class (daemon threads). */
    private static final ExecutorService VALIDATORS = ValidationPipeline.newThreadPool();

    private final FlowReader reader = new FlowReader(SchemaCatalog.shared(), FlowLimits.read(Configuration.of(Map.of())), VALIDATORS);

    private InvoiceKeys read(String fileName, String xml, Syntax expectedSyntax) throws IOException {
        Path file = Files.writeString(dir.resolve(fileName), xml, StandardCharsets.UTF_8);
        FlowRead read = reader.read(file, fileName, Files.createTempDirectory(dir, "staging"));
        assertTrue(read.flowFindings().isEmpty(), () -> fileName + " should be valid: " + read.flowFindings());
        assertEquals(1, read.invoices().size());
        assertEquals(expectedSyntax, read.invoices().get(0).syntax());
        assertEquals(1, read.invoices().get(0).index());
        return read.invoices().get(0).keys();
    }

    private InvoiceKeys readUbl(String fileName, String xml) throws IOException {
        return read(fileName, xml, Syntax.UBL_INVOICE);
    }

    private static List<ReasonCode> routingCodes(InvoiceKeys keys) {
        return new RoutingControls(MarketLookup.NONE).check(keys, 1, "AAA001", DirectoryLookup.EMPTY, PartnerLookup.OPEN).findings().stream().map(Finding::code).toList();
    }

    /** A UBL invoice without the recipient's PartyIdentification, with the buyer party's content changed. */
    private static String ublBuyer(String identifications, String legalEntity) {
        String xml = InvoiceTemplate.toMinistry().withRecipient(null).ubl();
        assertTrue(xml.contains(ENDPOINT) && xml.contains(BUYER_LEGAL_ENTITY), "InvoiceTemplate changed shape");
        return xml.replace(ENDPOINT, ENDPOINT + identifications).replace(BUYER_LEGAL_ENTITY, legalEntity);
    }

    private static String partyId(String attributes, String value) {
        return "<cac:PartyIdentification><cbc:ID" + attributes + ">" + value + "</cbc:ID></cac:PartyIdentification>";
    }

    private static String legalEntity(String attributes, String companyId) {
        return "<cac:PartyLegalEntity><cbc:RegistrationName>Acheteur public</cbc:RegistrationName>"
                + "<cbc:CompanyID" + attributes + ">" + companyId + "</cbc:CompanyID></cac:PartyLegalEntity>";
    }

    // ---------------------------------------------------------------- every key, both syntaxes

    @Test
    void everyKeyOfAUblInvoice() throws Exception {
        InvoiceKeys keys = readUbl("ubl.xml", InvoiceTemplate.toMinistry().ubl());

        assertEquals(new InvoiceKeys("F2026-0001", "2026-11-20", "380", InvoiceTemplate.SUPPLIER, InvoiceKeys.SUPPLIER_SIRET,
                "FR", "Fournitures Durand SAS", InvoiceTemplate.MINISTRY, "Acheteur public", "SCE-ACHATS", "EJ-2026-000123", null,
                "urn:cen.eu:en16931:2017", null, null, false), keys);
    }

    @Test
    void everyKeyOfACiiInvoiceWithTheDateInIsoForm() throws Exception {
        InvoiceKeys keys = read("cii.xml", InvoiceTemplate.toMinistry().cii(), Syntax.CII_D16B);

        assertEquals(new InvoiceKeys("F2026-0001", "2026-11-20", "380", InvoiceTemplate.SUPPLIER, InvoiceKeys.SUPPLIER_SIRET,
                "FR", "Fournitures Durand SAS", InvoiceTemplate.MINISTRY, "Acheteur public", "SCE-ACHATS", "EJ-2026-000123", null,
                "urn:cen.eu:en16931:2017", null, null, false), keys);
    }

    @Test
    void otherChosenKeysAreReadAsChosen() throws Exception {
        InvoiceTemplate invoice = new InvoiceTemplate("A-42", "381", "35600000049837", InvoiceTemplate.HOSPITAL, "URGENCES", "EJ-9", 1, null,
                InvoiceTemplate.Context.NONE);

        InvoiceKeys ubl = readUbl("ubl.xml", invoice.ubl());
        InvoiceKeys cii = read("cii.xml", invoice.cii(), Syntax.CII_D16B);

        for (InvoiceKeys keys : List.of(ubl, cii)) {
            assertEquals("A-42", keys.number());
            assertEquals("381", keys.typeCode());
            assertEquals("35600000049837", keys.supplierId());
            assertEquals(InvoiceKeys.SUPPLIER_SIRET, keys.supplierType());
            assertEquals(InvoiceTemplate.HOSPITAL, keys.recipientId());
            assertEquals("URGENCES", keys.serviceCode());
            assertEquals("EJ-9", keys.engagement());
        }
    }

    @Test
    void theFrameworkTheMarketAndWhatIsDueInBothSyntaxes() throws Exception {
        InvoiceTemplate works = InvoiceTemplate.toMinistry().withFramework("A2_FACTURE_FOURNISSEUR_DEJA_PAYEE").withContract("M-2026-001");

        for (InvoiceKeys keys : List.of(readUbl("ubl.xml", works.ubl()), read("cii.xml", works.cii(), Syntax.CII_D16B))) {
            assertEquals("A2_FACTURE_FOURNISSEUR_DEJA_PAYEE", keys.processId());
            assertEquals("urn:cen.eu:en16931:2017", keys.specificationId());
            assertEquals("M-2026-001", keys.contractReference());
            assertFalse(keys.paidInFull(), "the whole amount is due");
            assertTrue(routingCodes(keys).contains(ReasonCode.I23)); // beside I03: the directory is empty here
        }
        InvoiceTemplate paid = works.paid();
        for (InvoiceKeys keys : List.of(readUbl("ubl-paid.xml", paid.ubl()), read("cii-paid.xml", paid.cii(), Syntax.CII_D16B))) {
            assertTrue(keys.paidInFull(), "nothing is due");
            assertFalse(routingCodes(keys).contains(ReasonCode.I23));
        }
    }

    /** The template's invoice without its seller's VAT number, UBL or CII. */
    private static String withoutSellerVat(String xml) {
        return xml.replaceAll("<cac:PartyTaxScheme>.*?</cac:PartyTaxScheme>", "")
                .replaceAll("<ram:SpecifiedTaxRegistration>.*?</ram:SpecifiedTaxRegistration>", "");
    }

    @Test
    void absentKeysAreNullInBothSyntaxes() throws Exception {
        // both schemas require the invoice number; every other key may be left out
        InvoiceTemplate bare = new InvoiceTemplate("N-1", null, null, null, null, null, 1, null, InvoiceTemplate.Context.NONE);

        InvoiceKeys ubl = readUbl("ubl.xml", withoutSellerVat(bare.ubl()));
        InvoiceKeys cii = read("cii.xml", withoutSellerVat(bare.cii()), Syntax.CII_D16B);

        // the seller's address (EN 16931 asks for it) still gives its country
        InvoiceKeys expected = new InvoiceKeys("N-1", "2026-11-20", null, null, InvoiceKeys.SUPPLIER_BEING_REGISTERED,
                "FR", "Fournitures Durand SAS", null, "Acheteur public", null, null, null, "urn:cen.eu:en16931:2017", null, null, false);
        assertEquals(expected, ubl);
        assertEquals(expected, cii);
        assertEquals(List.of(ReasonCode.I11, ReasonCode.I01), routingCodes(cii));
    }

    @Test
    void aCiiDateNotInFormat102IsLeftOut() throws Exception {
        String xml = InvoiceTemplate.toMinistry().cii().replace(">20261120<", ">2026-11-20<");

        assertNull(read("cii.xml", xml, Syntax.CII_D16B).issueDate());
    }

    @Test
    void aCiiRecipientIsTheBuyerLegalOrganisationWhateverItsScheme() throws Exception {
        String xml = InvoiceTemplate.toMinistry().withRecipient(InvoiceTemplate.CITY).cii()
                .replace("<ram:ID schemeID=\"0009\">" + InvoiceTemplate.CITY, "<ram:ID schemeID=\"0002\">" + InvoiceTemplate.CITY);

        assertEquals(InvoiceTemplate.CITY, read("cii.xml", xml, Syntax.CII_D16B).recipientId());
    }

    @Test
    void surroundingWhitespaceIsStripped() throws Exception {
        String xml = ublBuyer(partyId(" schemeID=\"0009\"", "\n        " + InvoiceTemplate.CITY + "  \n      "), BUYER_LEGAL_ENTITY);

        assertEquals(InvoiceTemplate.CITY, readUbl("ubl.xml", xml).recipientId());
    }

    @Test
    void aVeryLongCommitmentIsKeptTo1024CharactersAndStillFailsTheLengthControl() throws Exception {
        InvoiceKeys keys = readUbl("ubl.xml", InvoiceTemplate.toMinistry().withEngagement("E".repeat(5000)).ubl());

        assertEquals("E".repeat(1024), keys.engagement());
        assertTrue(routingCodes(keys).contains(ReasonCode.I09));
    }

    // ---------------------------------------------------------------- UBL recipient: which identifier is a SIRET

    @Test
    void ublRecipientFromPartyIdentificationWithScheme0009() throws Exception {
        String xml = ublBuyer(partyId(" schemeID=\"0009\"", InvoiceTemplate.CITY), BUYER_LEGAL_ENTITY);

        assertEquals(InvoiceTemplate.CITY, readUbl("ubl.xml", xml).recipientId());
    }

    @Test
    void ublRecipientFromPartyIdentificationWithScheme1() throws Exception {
        String xml = ublBuyer(partyId(" schemeID=\"1\"", InvoiceTemplate.CITY), BUYER_LEGAL_ENTITY);

        assertEquals(InvoiceTemplate.CITY, readUbl("ubl.xml", xml).recipientId());
    }

    @Test
    void ublRecipientFromPartyIdentificationWithSchemeName1() throws Exception {
        String xml = ublBuyer(partyId(" schemeName=\"1\"", InvoiceTemplate.CITY), BUYER_LEGAL_ENTITY);

        assertEquals(InvoiceTemplate.CITY, readUbl("ubl.xml", xml).recipientId());
    }

    @Test
    void ublRecipientFallsBackToTheLegalEntityCompanyIdWithScheme0009() throws Exception {
        String xml = ublBuyer("", legalEntity(" schemeID=\"0009\"", InvoiceTemplate.HOSPITAL));

        InvoiceKeys keys = readUbl("ubl.xml", xml);

        assertEquals(InvoiceTemplate.HOSPITAL, keys.recipientId());
        assertEquals("Acheteur public", keys.recipientName());
    }

    @Test
    void ublRecipientFromTheLegalEntityWhenThePartyIdentificationIsNotASiret() throws Exception {
        String xml = ublBuyer(partyId(" schemeID=\"0088\"", "3012345678901"), legalEntity(" schemeID=\"0009\"", InvoiceTemplate.HOSPITAL));

        assertEquals(InvoiceTemplate.HOSPITAL, readUbl("ubl.xml", xml).recipientId());
    }

    @Test
    void ublRecipientIsTheSiretAmongSeveralPartyIdentifications() throws Exception {
        String xml = ublBuyer(partyId(" schemeID=\"0088\"", "3012345678901") + partyId(" schemeID=\"0009\"", InvoiceTemplate.AGENCY),
                BUYER_LEGAL_ENTITY);

        assertEquals(InvoiceTemplate.AGENCY, readUbl("ubl.xml", xml).recipientId());
    }

    @Test
    void ublPartyIdentificationWithAnotherSchemeIsNotASiret() throws Exception {
        String xml = ublBuyer(partyId(" schemeID=\"0088\"", InvoiceTemplate.CITY), BUYER_LEGAL_ENTITY);

        InvoiceKeys keys = readUbl("ubl.xml", xml);

        assertNull(keys.recipientId());
        assertEquals(List.of(ReasonCode.I01), routingCodes(keys));
    }

    @Test
    void ublPartyIdentificationWithoutSchemeIsNotASiret() throws Exception {
        String xml = ublBuyer(partyId("", InvoiceTemplate.CITY), legalEntity("", InvoiceTemplate.CITY));

        assertNull(readUbl("ubl.xml", xml).recipientId());
    }

    @Test
    void ublSchemeIdDecidesOverSchemeName() throws Exception {
        String xml = ublBuyer(partyId(" schemeID=\"0088\" schemeName=\"1\"", InvoiceTemplate.CITY), BUYER_LEGAL_ENTITY);

        assertNull(readUbl("ubl.xml", xml).recipientId());
    }

    @Test
    void theEndpointIdIsNeverTheRecipient() throws Exception {
        InvoiceKeys none = readUbl("none.xml", InvoiceTemplate.toMinistry().withRecipient(null).ubl());
        InvoiceKeys city = readUbl("city.xml", InvoiceTemplate.toMinistry().withRecipient(InvoiceTemplate.CITY).ubl());

        assertNull(none.recipientId());
        assertEquals(List.of(ReasonCode.I01), routingCodes(none));
        assertEquals(InvoiceTemplate.CITY, city.recipientId());
    }

    // ---------------------------------------------------------------- UBL supplier: SIRET, VAT or other

    @Test
    void ublSupplierFromTheLegalEntityCompanyIdWithScheme0009() throws Exception {
        String xml = InvoiceTemplate.toMinistry().withSupplier(null).ubl().replace(SELLER_LEGAL_ENTITY,
                "<cac:PartyLegalEntity><cbc:RegistrationName>Fournitures Durand SAS</cbc:RegistrationName>"
                        + "<cbc:CompanyID schemeID=\"0009\">" + InvoiceTemplate.SUPPLIER + "</cbc:CompanyID></cac:PartyLegalEntity>");

        InvoiceKeys keys = readUbl("ubl.xml", xml);

        assertEquals(InvoiceTemplate.SUPPLIER, keys.supplierId());
        assertEquals(InvoiceKeys.SUPPLIER_SIRET, keys.supplierType());
    }

    @Test
    void ublSupplierIdentifiedByVatNumber() throws Exception {
        String xml = InvoiceTemplate.toMinistry().withSupplier(null).ubl().replace(SELLER_VAT, "<cbc:CompanyID>FR32732829320</cbc:CompanyID>");

        InvoiceKeys keys = readUbl("ubl.xml", xml);

        assertEquals("FR32732829320", keys.supplierId());
        assertEquals(InvoiceKeys.SUPPLIER_VAT, keys.supplierType());
        assertFalse(routingCodes(keys).contains(ReasonCode.I12));
    }

    @Test
    void ublSupplierSiretWinsOverItsVatNumber() throws Exception {
        String xml = InvoiceTemplate.toMinistry().ubl();
        assertTrue(xml.contains(SELLER_VAT), "the template's supplier has both");

        InvoiceKeys keys = readUbl("ubl.xml", xml);

        assertEquals(InvoiceTemplate.SUPPLIER, keys.supplierId());
        assertEquals(InvoiceKeys.SUPPLIER_SIRET, keys.supplierType());
    }

    @Test
    void ublSupplierWithAnotherSchemeIsOther() throws Exception {
        String xml = withoutSellerVat(InvoiceTemplate.toMinistry().withSupplier(null).ubl()).replace(SELLER_NAME,
                "<cac:PartyIdentification><cbc:ID schemeID=\"0088\">3012345678901</cbc:ID></cac:PartyIdentification>" + SELLER_NAME);

        InvoiceKeys keys = readUbl("ubl.xml", xml);

        assertEquals("3012345678901", keys.supplierId());
        assertEquals(InvoiceKeys.SUPPLIER_BEING_REGISTERED, keys.supplierType(), "an address in France: a French supplier without SIRET");
    }

    @Test
    void ublSupplierNameFallsBackToTheTradingName() throws Exception {
        String xml = InvoiceTemplate.toMinistry().ubl().replace(SELLER_LEGAL_ENTITY, "");

        assertEquals("Fournitures Durand", readUbl("ubl.xml", xml).supplierName());
    }

    @Test
    void aSupplierSiretWithABadCheckDigitIsReadAsASiretAndFailsI12() throws Exception {
        InvoiceKeys keys = readUbl("ubl.xml", InvoiceTemplate.toMinistry().withSupplier("73282932000075").ubl());

        assertEquals("73282932000075", keys.supplierId());
        assertEquals(InvoiceKeys.SUPPLIER_SIRET, keys.supplierType());
        assertTrue(routingCodes(keys).contains(ReasonCode.I12));
    }

    @Test
    void aUblCreditNoteTypeCodeIsRead() throws Exception {
        String xml = InvoiceTemplate.toMinistry().ubl()
                .replace("xsd:Invoice-2", "xsd:CreditNote-2")
                .replace("<Invoice ", "<CreditNote ").replace("</Invoice>", "</CreditNote>")
                .replace("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>")
                .replace("  <cbc:DueDate>2026-12-20</cbc:DueDate>\n", "")
                .replace("<cac:InvoiceLine>", "<cac:CreditNoteLine>").replace("</cac:InvoiceLine>", "</cac:CreditNoteLine>")
                .replace("InvoicedQuantity", "CreditedQuantity");

        InvoiceKeys keys = read("credit-note.xml", xml, Syntax.UBL_CREDIT_NOTE);

        assertEquals("381", keys.typeCode());
        assertEquals("F2026-0001", keys.number());
        assertEquals(InvoiceTemplate.MINISTRY, keys.recipientId());
    }
}
