package org.chorusedi.recognition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.generator.PdfInvoice;
import org.chorusedi.generator.PdfInvoiceWriter;
import org.chorusedi.generator.PdfInvoiceWriter.Layout;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Plain PDFs dropped into a partner's folder: recognised, delivered with the minimal invoice built from what was read,
 * or refused with the report of what was found and what is missing; the switch per partner.
 */
@SharedEngine
@Tag("h2-only")
class PdfRecognitionRouteTest extends EngineRouteTestSupport {

    /** Variant 0: to the ministry's SCE-ACHATS, from the supplier AAA001 sends for, with an EJ. */
    private static final PdfInvoice COMPLETE = PdfInvoice.variant(0);

    @Override
    protected Properties properties() {
        Properties properties = super.properties();
        properties.setProperty("chorus.pdf.recognition-by-partner", "BBB002:off");
        return properties;
    }

    @Test
    void aCompletePdfIsDeliveredWithTheInvoiceReadFromIt() throws Exception {
        Path pdf = PdfInvoiceWriter.write(root.resolve("samples/facture.pdf"), Layout.HEADER_BLOCKS, 0).file();
        FlowsDone done = flowsDone(1);
        drop("AAA001", "facture.pdf", Files.readAllBytes(pdf));
        await(done);

        Path outbox = folders().out().resolve(InvoiceTemplate.MINISTRY).resolve("SCE-ACHATS");
        Path xml = single(outbox, ".xml");
        assertArrayEquals(Files.readAllBytes(pdf), Files.readAllBytes(single(outbox, ".pdf")), "the PDF, the legal invoice, beside its data");
        String data = Files.readString(xml);
        for (String value : List.of(COMPLETE.number(), COMPLETE.recipientSiret(), COMPLETE.supplierSiret(), COMPLETE.engagement(),
                COMPLETE.total().toPlainString(), RecognisedInvoiceXml.PROFILE, COMPLETE.date().toString().replace("-", ""))) {
            assertTrue(data.contains(value), () -> value + " missing from " + data);
        }
        String flowId = xml.getFileName().toString().replaceAll("-\\d{4}\\.xml$", "");
        assertEquals("92", Acks.status(folders().ack("AAA001").resolve(flowId + ".flux.xml")));
        assertEquals(COMPLETE.number(), Acks.value(folders().ack("AAA001").resolve(flowId + ".factures.xml"), "//IdFacture"));
        String report = Files.readString(folders().ack("AAA001").resolve(flowId + ".reconnaissance.txt"), StandardCharsets.UTF_8);
        assertTrue(report.contains("Outcome: every required value was found"), report);
        assertTrue(report.contains("the recipient's SIRET (BT-47): " + InvoiceTemplate.MINISTRY + ", page 1"), report);
    }

    @Test
    void anIncompleteOrUnreadablePdfIsRejectedSayingWhatIsMissingAndWhere() throws Exception {
        Path samples = Files.createDirectories(root.resolve("samples"));
        Map<String, Path> flows = new LinkedHashMap<>();
        flows.put("F16-sans-mots-cles.pdf", textPdf(samples.resolve("plain.pdf"), "Merci de votre confiance", "Papeterie Martin"));
        flows.put("F16-siret-faux.pdf", PdfInvoiceWriter.write(samples.resolve("misprinted.pdf"), Layout.MISPRINTED_SIRET, 0).file());
        flows.put("F15-scan.pdf", PdfInvoiceWriter.writeScan(samples.resolve("scan.pdf")));
        flows.put("F12-chiffre.pdf", PdfInvoiceWriter.writeEncrypted(samples.resolve("encrypted.pdf"), "secret"));
        FlowsDone done = flowsDone(flows.size());
        for (Map.Entry<String, Path> flow : flows.entrySet()) {
            drop("AAA001", flow.getKey(), Files.readAllBytes(flow.getValue()));
        }
        await(done);

        Map<String, List<String>> descriptions = new LinkedHashMap<>();
        for (String name : flows.keySet()) {
            Path kept = single(folders().rejected("AAA001"), "__" + name);
            String flowId = kept.getFileName().toString().replaceAll("__.*", "");
            Path report = folders().ack("AAA001").resolve(flowId + ".flux.xml");
            assertEquals("93", Acks.status(report), name);
            assertTrue(Acks.errorCodes(report).stream().allMatch(code -> code.equals(name.substring(0, 3))),
                    name + ": " + Acks.errorDescriptions(report));
            descriptions.put(name, Acks.errorDescriptions(report));
            assertEquals(name.startsWith("F16"), Files.exists(folders().ack("AAA001").resolve(flowId + ".reconnaissance.txt")),
                    name + ": a report of what was read, for a PDF whose text was read");
        }
        List<String> missing = descriptions.get("F16-sans-mots-cles.pdf");
        assertEquals(5, missing.size(), "the parties' SIRETs, the number, the date, the total: " + missing);
        assertTrue(missing.get(0).contains("the recipient's SIRET (BT-47) not found on pages 1: print it after one of \"SIRET client\""),
                missing::toString);
        assertTrue(String.join("\n", missing).contains("the invoice date (BT-2) not found"), missing::toString);
        assertTrue(descriptions.get("F16-siret-faux.pdf").get(0).contains("The recipient's SIRET (BT-47) "),
                descriptions.get("F16-siret-faux.pdf")::toString);
        assertTrue(descriptions.get("F15-scan.pdf").get(0).contains("must be a text PDF, not a scan"), descriptions.get("F15-scan.pdf")::toString);
        assertEquals(List.of(), files(folders().out()), "nothing is delivered");
        assertEquals(List.of(), files(folders().work()), "nothing is left staged");
    }

    @Test
    void aRecognisedInvoiceIsRoutedLikeAnyOther() throws Exception {
        Path pdf = PdfInvoiceWriter.write(root.resolve("samples/inconnu.pdf"), Layout.TABLE, 0,
                COMPLETE.withRecipient(PdfInvoice.validSiret(new java.util.Random(3)))).file();
        FlowsDone done = flowsDone(1);
        drop("AAA001", "inconnu.pdf", Files.readAllBytes(pdf));
        await(done);

        Path report = single(folders().ack("AAA001"), ".flux.xml");
        assertEquals(List.of("I03"), Acks.errorCodes(report), Acks.errorDescriptions(report)::toString);
        assertEquals(List.of(), files(folders().out()));
    }

    @Test
    void aPartnerWhoseRecognitionIsOffHasItsPlainPdfsRefused() throws Exception {
        Path pdf = PdfInvoiceWriter.write(root.resolve("samples/facture.pdf"), Layout.HEADER_BLOCKS, 0).file();
        FlowsDone done = flowsDone(1);
        drop("BBB002", "facture.pdf", Files.readAllBytes(pdf));
        await(done);

        Path report = single(folders().ack("BBB002"), ".flux.xml");
        assertEquals(List.of("F13"), Acks.errorCodes(report));
        assertTrue(Acks.errorDescriptions(report).get(0).contains("chorus.pdf.recognition"), Acks.errorDescriptions(report)::toString);
    }

    /** A one-page text PDF holding these lines and nothing an invoice announces. */
    private static Path textPdf(Path file, String... lines) throws Exception {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                text.newLineAtOffset(56, 700);
                for (String line : lines) {
                    text.showText(line);
                    text.newLineAtOffset(0, -14);
                }
                text.endText();
            }
            document.save(file.toFile());
        }
        return file;
    }
}
