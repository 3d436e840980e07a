package org.chorusedi.facturx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import org.chorusedi.generator.FacturXWriter;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.Archives;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.junit.jupiter.api.Test;

/**
 * Factur-X flows (a PDF carrying its CII invoice) through the engine's routes: the embedded invoice goes
 * through the checks of a dropped CII invoice, the PDF is delivered beside it, and each way a PDF can be
 * refused has its flow code. The embedded-file limits are lowered so that a small file can pass them.
 */
@SharedEngine
class FacturXRouteTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();
    private static final int MAX_EMBEDDED_BYTES = 1_000_000;

    @Override
    protected Properties properties() {
        Properties properties = super.properties();
        properties.setProperty("chorus.facturx.max-embedded-bytes", String.valueOf(MAX_EMBEDDED_BYTES));
        properties.setProperty("chorus.facturx.max-embedded-files", "3");
        // A PDF without its invoice is refused (F13) here; recognising a plain PDF is PdfRecognitionRouteTest's.
        properties.setProperty("chorus.pdf.recognition", "off");
        return properties;
    }

    @Test
    void theEmbeddedInvoiceIsCheckedAsACiiInvoiceAndThePdfIsDeliveredBesideIt() throws Exception {
        FlowsDone done = flowsDone(2);
        Path good = FacturXWriter.write(MINISTRY, root.resolve("samples/facture.pdf"));
        Path unknown = FacturXWriter.write(MINISTRY.withNumber("F2026-0002").withRecipient("99999999999999"),
                root.resolve("samples/inconnu.pdf"));
        drop("AAA001", "facture.pdf", Files.readAllBytes(good));
        drop("AAA001", "inconnu.pdf", Files.readAllBytes(unknown));
        await(done);

        Path outbox = folders().out().resolve(InvoiceTemplate.MINISTRY).resolve("SCE-ACHATS");
        Path xml = single(outbox, ".xml");
        Path pdf = single(outbox, ".pdf");
        assertEquals(xml.getFileName().toString().replace(".xml", ".pdf"), pdf.getFileName().toString(), "the PDF is named as its invoice");
        assertArrayEquals(MINISTRY.cii().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(xml), "the embedded XML, byte for byte");
        assertArrayEquals(Files.readAllBytes(good), Files.readAllBytes(pdf), "the PDF itself, the legal invoice");
        String flowId = xml.getFileName().toString().replaceAll("-\\d{4}\\.xml$", "");
        Path report = folders().ack("AAA001").resolve(flowId + ".flux.xml");
        assertEquals("92", Acks.status(report));
        assertEquals("F2026-0001", Acks.value(folders().ack("AAA001").resolve(flowId + ".factures.xml"), "//IdFacture"));
        assertEquals(2, files(folders().out()).size(), "the rejected invoice's PDF is delivered nowhere");

        Path rejected = files(folders().ack("AAA001")).stream().filter(p -> p.toString().endsWith(".flux.xml") && !p.equals(report))
                .findFirst().orElseThrow();
        assertEquals("93", Acks.status(rejected));
        assertEquals(List.of("I03"), Acks.errorCodes(rejected));
        assertTrue(Acks.errorDescriptions(rejected).get(0).contains("F2026-0002"), Acks.errorDescriptions(rejected)::toString);
        assertEquals(2, files(folders().archive("AAA001", LocalDate.now())).size(), "both decided invoice by invoice, archived");
        assertEquals(List.of(), files(folders().work()), "nothing is left staged");
    }

    @Test
    void eachWayAPdfIsRefusedHasItsFlowCode() throws Exception {
        Path samples = Files.createDirectories(root.resolve("samples"));
        byte[] cii = MINISTRY.cii().getBytes(StandardCharsets.UTF_8);
        byte[] good = Files.readAllBytes(FacturXWriter.write(MINISTRY, samples.resolve("good.pdf")));
        // A CII root, then blanks: 5 MB once inflated, a few kilobytes in the PDF.
        byte[] bomb = (MINISTRY.cii().replaceFirst("(<rsm:CrossIndustryInvoice[^>]*>)", "$1" + " ".repeat(5_000_000)))
                .getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> flows = new LinkedHashMap<>();
        flows.put("F12-tronque.pdf", Arrays.copyOf(good, good.length / 2));
        flows.put("F12-chiffre.pdf", pdf(samples, Map.of("factur-x.xml", cii), true));
        flows.put("F12-illisible.pdf", "%PDF-1.7\nnot a PDF at all\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        flows.put("F13-sans-xml.pdf", pdf(samples, Map.of(), false));
        flows.put("F13-autre-nom.pdf", pdf(samples, Map.of("notes.xml", cii), false));
        flows.put("F14-ubl.pdf", pdf(samples, Map.of("factur-x.xml", MINISTRY.ubl().getBytes(StandardCharsets.UTF_8)), false));
        flows.put("F14-pas-xml.pdf", pdf(samples, Map.of("ZUGFeRD-invoice.xml", "garbage, not XML".getBytes(StandardCharsets.UTF_8)), false));
        flows.put("F06-schema.pdf", pdf(samples, Map.of("xrechnung.xml",
                MINISTRY.cii().replace("ram:TypeCode>", "ram:TypeKode>").getBytes(StandardCharsets.UTF_8)), false));
        flows.put("F11-bombe.pdf", pdf(samples, Map.of("factur-x.xml", bomb), false));
        flows.put("F11-fichiers.pdf", pdf(samples, Map.of("a.xml", cii, "b.xml", cii, "c.xml", cii, "factur-x.xml", cii), false));
        flows.put("F08-archive.zip", Archives.zip(Map.of("facture.pdf", good)));
        flows.put("F08-gzip.pdf.gz", gzip(good));
        FlowsDone done = flowsDone(flows.size());
        for (Map.Entry<String, byte[]> flow : flows.entrySet()) {
            drop("AAA001", flow.getKey(), flow.getValue());
        }
        await(done);

        for (String name : flows.keySet()) {
            Path kept = single(folders().rejected("AAA001"), "__" + name);
            Path report = folders().ack("AAA001").resolve(kept.getFileName().toString().replaceAll("__.*", "") + ".flux.xml");
            assertEquals("93", Acks.status(report), name);
            assertEquals(List.of(name.substring(0, 3)), Acks.errorCodes(report), name + ": " + Acks.errorDescriptions(report));
        }
        assertEquals(List.of(), files(folders().out()), "nothing is delivered");
        assertEquals(List.of(), files(folders().work()), "nothing is left staged");
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] pdf(Path folder, Map<String, byte[]> embedded, boolean encrypted) throws Exception {
        Path file = Files.createTempFile(folder, "hostile", ".pdf");
        return Files.readAllBytes(FacturXPdfs.write(file, embedded, encrypted));
    }
}
