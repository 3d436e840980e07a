package org.chorusedi.facturx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.generator.PdfInvoiceWriter;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A minimal document (Factur-X MINIMUM, BASIC WL: header data, no lines) under the default rules level, reject:
 * inside its PDF it is routed and delivered without the EN 16931 rules, which it could not pass; alone, it is no
 * invoice (I32).
 */
@SharedEngine
@Tag("h2-only")
class MinimalProfileRouteTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate MINISTRY_TEMPLATE = InvoiceTemplate.toMinistry();

    private static final String MINIMUM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" \
            xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" \
            xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
              <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>%s</ram:ID>\
            </ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
              <rsm:ExchangedDocument><ram:ID>%s</ram:ID><ram:TypeCode>380</ram:TypeCode>
                <ram:IssueDateTime><udt:DateTimeString format="102">20261120</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
              <rsm:SupplyChainTradeTransaction>
                <ram:ApplicableHeaderTradeAgreement><ram:BuyerReference>SCE-ACHATS</ram:BuyerReference>
                  <ram:SellerTradeParty><ram:Name>Fournitures Durand SAS</ram:Name><ram:SpecifiedLegalOrganization>\
            <ram:ID schemeID="0009">%s</ram:ID></ram:SpecifiedLegalOrganization></ram:SellerTradeParty>
                  <ram:BuyerTradeParty><ram:SpecifiedLegalOrganization><ram:ID schemeID="0009">%s</ram:ID>\
            </ram:SpecifiedLegalOrganization></ram:BuyerTradeParty></ram:ApplicableHeaderTradeAgreement>
                <ram:ApplicableHeaderTradeDelivery/>
                <ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
                  <ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:GrandTotalAmount>120.00</ram:GrandTotalAmount>\
            <ram:DuePayableAmount>120.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                </ram:ApplicableHeaderTradeSettlement>
              </rsm:SupplyChainTradeTransaction>
            </rsm:CrossIndustryInvoice>
            """;

    private static byte[] minimum(String profile, String number) {
        return MINIMUM.formatted(profile, number, InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMinimalDocumentInsideItsPdfIsDeliveredWithoutTheRulesAndAloneIsRefused() throws Exception {
        Path samples = Files.createDirectories(root.resolve("samples"));
        Path minimum = FacturXPdfs.write(samples.resolve("minimum.pdf"), Map.of("factur-x.xml", minimum("urn:factur-x.eu:1p0:minimum", "M-1")), false);
        Path basicWl = FacturXPdfs.write(samples.resolve("basicwl.pdf"), Map.of("factur-x.xml", minimum("urn:factur-x.eu:1p0:basicwl", "M-2")), false);
        Path en16931 = FacturXPdfs.write(samples.resolve("en16931.pdf"), Map.of("factur-x.xml", minimum("urn:cen.eu:en16931:2017", "M-3")), false);
        FlowsDone done = flowsDone(4);
        drop("AAA001", "minimum.pdf", Files.readAllBytes(minimum));
        drop("AAA001", "basicwl.pdf", Files.readAllBytes(basicWl));
        drop("AAA001", "en16931.pdf", Files.readAllBytes(en16931));
        drop("AAA001", "seul.xml", minimum("urn:factur-x.eu:1p0:minimum", "M-4"));
        await(done);

        Path outbox = folders().out().resolve(InvoiceTemplate.MINISTRY).resolve("SCE-ACHATS");
        List<Path> delivered = files(outbox);
        assertEquals(2, delivered.stream().filter(p -> p.toString().endsWith(".xml")).count(), delivered::toString);
        assertEquals(2, delivered.stream().filter(p -> p.toString().endsWith(".pdf")).count(), "each with its PDF");
        assertEquals(List.of("I20"), codesOf("en16931.pdf"), "the same data claiming EN 16931 are held against its rules");
        assertEquals(List.of("I32"), codesOf("seul.xml"));
    }

    @Test
    void aMixedFlowIsDeliveredWithItsPdfAttachmentBesideIt() throws Exception {
        Path samples = Files.createDirectories(root.resolve("samples"));
        byte[] pdf = Files.readAllBytes(PdfInvoiceWriter.write(samples.resolve("lines.pdf"), PdfInvoiceWriter.Layout.MULTI_PAGE, 0, 40).file());
        String mime = Base64.getMimeEncoder().encodeToString(pdf); // lines of 76 characters: white space the decoder skips
        InvoiceTemplate mixed = MINISTRY_TEMPLATE.withNumber("E2-1").withAttachment("facture.pdf", 3);
        String ubl = minimalProfile(mixed.ubl()).replaceFirst("(filename=\"facture.pdf\">)[^<]*<", "$1" + mime + "<");
        String notPdf = minimalProfile(MINISTRY_TEMPLATE.withNumber("E2-2").withAttachment("facture.pdf", 3000).cii());
        FlowsDone done = flowsDone(2);
        drop("AAA001", "mixte.xml", ubl);
        drop("AAA001", "mixte-sans-pdf.xml", notPdf);
        await(done);

        Path outbox = folders().out().resolve(InvoiceTemplate.MINISTRY).resolve("SCE-ACHATS");
        Path xml = single(outbox, ".xml");
        assertArrayEquals(pdf, Files.readAllBytes(xml.resolveSibling(xml.getFileName().toString().replace(".xml", ".pdf"))),
                "the attachment, decoded, is the PDF delivered beside its invoice");
        assertEquals(ubl, Files.readString(xml), "the XML as it was sent");
        assertEquals(List.of("I32"), codesOf("mixte-sans-pdf.xml"), "an attachment of mimeCode application/pdf that is not a PDF");
    }

    private static String minimalProfile(String invoice) {
        return invoice.replace("urn:cen.eu:en16931:2017", "urn:factur-x.eu:1p0:minimum");
    }

    private List<String> codesOf(String name) throws Exception {
        Path kept = single(folders().archive("AAA001", java.time.LocalDate.now()), "__" + name);
        Path report = folders().ack("AAA001").resolve(kept.getFileName().toString().replaceAll("__.*", "") + ".flux.xml");
        List<String> codes = Acks.errorCodes(report).stream().distinct().toList();
        assertTrue(!codes.isEmpty(), name + " is rejected");
        return codes;
    }
}
