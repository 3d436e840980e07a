package org.chorusedi.intake;

import static org.chorusedi.testkit.Archives.zip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.chorusedi.testkit.TestFlows;
import org.chorusedi.support.SharedReference;
import org.junit.jupiter.api.Test;

/** Batches and archives through the flow-intake route, end to end through real folders. */
@SharedEngine
class BatchIntakeRouteTest extends EngineRouteTestSupport {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();

    /** An invoice element as it stands in a batch: the template's document without its declaration. */
    private static String element(String document) {
        assertTrue(document.startsWith(DECLARATION));
        return document.substring(DECLARATION.length());
    }



    /** Three invoices to the ministry's purchasing service, the second one not valid against its XSD. */
    private static final List<String> BATCH_96 = List.of(
            element(MINISTRY.withNumber("F-R1").ubl()),
            element(MINISTRY.withNumber("F-R2").ubl().replace(">2026-11-20<", ">20/11/2026<")),
            element(MINISTRY.withNumber("F-R3").cii()));

    private static Map<String, byte[]> twoInvoices() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("f-z1.xml", MINISTRY.withNumber("F-Z1").ubl().getBytes(StandardCharsets.UTF_8));
        entries.put("f-z2.xml", MINISTRY.withNumber("F-Z2").cii().getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    private static Map<String, byte[]> zipSlip() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("ok.xml", MINISTRY.withNumber("F-S1").ubl().getBytes(StandardCharsets.UTF_8));
        entries.put("../evil.xml", MINISTRY.withNumber("F-S2").ubl().getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    @Test
    void aBatchWithOneInvalidInvoiceDeliversTheOthersAsSeparateFilesAndReports96() throws Exception {
        FlowsDone done = flowsDone(1);
        byte[] original = TestFlows.batch("AAA001", "LOT-1", BATCH_96).getBytes(StandardCharsets.UTF_8);
        drop("AAA001", "lot.xml", original);
        await(done);

        Path report = reportOf("AAA001", "lot.xml");
        String flowId = flowIdOf(report);
        assertEquals("96", Acks.status(report));
        assertEquals(List.of("I16"), Acks.errorCodes(report));
        assertEquals("FACTURE", Acks.value(report, "//LigneErreurDetail/NatureErreur"));
        String description = Acks.errorDescriptions(report).get(0);
        String xml = new String(original, StandardCharsets.UTF_8);
        int dateLine = (int) xml.substring(0, xml.indexOf(">20/11/2026<")).chars().filter(c -> c == '\n').count() + 1;
        assertTrue(description.matches("invoice 2 of the batch \\(line \\d+\\): line " + dateLine + ", column \\d+: .*20/11/2026.*"), description);

        Path outbox = folders().outbox(InvoiceTemplate.MINISTRY, "SCE-ACHATS");
        assertEquals(List.of(outbox.resolve(flowId + "-0001.xml"), outbox.resolve(flowId + "-0003.xml")), files(outbox),
                "one file per delivered invoice, named after its position in the flow");
        assertArrayEquals((DECLARATION + BATCH_96.get(0).stripTrailing()).getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(outbox.resolve(flowId + "-0001.xml")));
        assertArrayEquals((DECLARATION + BATCH_96.get(2).stripTrailing()).getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(outbox.resolve(flowId + "-0003.xml")));
        assertEquals(List.of(outbox.resolve(flowId + "-0001.xml"), outbox.resolve(flowId + "-0003.xml")), files(folders().out()),
                "nothing else is delivered");

        Path statuses = folders().ack("AAA001").resolve(flowId + ".factures.xml");
        assertEquals(List.of("F-R1", "F-R3"), Acks.values(statuses, "//CPPFactureStatutUnitaire/DonneesStatut/IdFacture"));
        assertEquals(List.of("03", "03"), Acks.values(statuses, "//CPPFactureStatutUnitaire/DonneesStatut/IdStatut"));
        assertEquals(List.of(InvoiceTemplate.MINISTRY, InvoiceTemplate.MINISTRY),
                Acks.values(statuses, "//CPPFactureStatutUnitaire/Debiteur/Identifiant"));
        List<String> comments = Acks.values(statuses, "//CPPFactureStatutUnitaire/DonneesStatut/Commentaire");
        assertEquals(2, comments.size());
        assertTrue(comments.get(0).contains(flowId + "-0001") && comments.get(1).contains(flowId + "-0003"), comments::toString);

        Path archived = folders().archive("AAA001", LocalDate.now()).resolve(flowId + "__lot.xml");
        assertArrayEquals(original, Files.readAllBytes(archived), "the original is archived as it came");
        assertEquals(List.of(), files(folders().rejected()));
        assertEquals(List.of(), files(folders().in()), "nothing is left in the drop directory");
        assertEquals(List.of(), files(folders().work()), "nothing is left staged");
    }

    @Test
    void aZipOfTwoInvoicesIsDeliveredAndReports92() throws Exception {
        FlowsDone done = flowsDone(1);
        Map<String, byte[]> entries = twoInvoices();
        byte[] original = zip(entries);
        drop("AAA001", "lot.zip", original);
        await(done);

        Path report = reportOf("AAA001", "lot.zip");
        String flowId = flowIdOf(report);
        assertEquals("92", Acks.status(report));
        assertEquals(List.of(), Acks.errorCodes(report));
        Path outbox = folders().outbox(InvoiceTemplate.MINISTRY, "SCE-ACHATS");
        assertEquals(List.of(outbox.resolve(flowId + "-0001.xml"), outbox.resolve(flowId + "-0002.xml")), files(folders().out()));
        assertArrayEquals(entries.get("f-z1.xml"), Files.readAllBytes(outbox.resolve(flowId + "-0001.xml")));
        assertArrayEquals(entries.get("f-z2.xml"), Files.readAllBytes(outbox.resolve(flowId + "-0002.xml")));
        Path statuses = folders().ack("AAA001").resolve(flowId + ".factures.xml");
        assertEquals(List.of("F-Z1", "F-Z2"), Acks.values(statuses, "//CPPFactureStatutUnitaire/DonneesStatut/IdFacture"));
        assertArrayEquals(original, Files.readAllBytes(folders().archive("AAA001", LocalDate.now()).resolve(flowId + "__lot.zip")));
        assertEquals(List.of(), files(folders().work()));
    }

    @Test
    void aZipSlipIsRejectedAsAWholeWithF08AndMovedToRejected() throws Exception {
        FlowsDone done = flowsDone(1);
        byte[] original = zip(zipSlip());
        drop("AAA001", "slip.zip", original);
        await(done);

        Path report = reportOf("AAA001", "slip.zip");
        String flowId = flowIdOf(report);
        assertEquals("93", Acks.status(report));
        assertEquals(List.of("F08"), Acks.errorCodes(report));
        assertEquals("FLUX", Acks.value(report, "//LigneErreurDetail/NatureErreur"));
        assertEquals(List.of("slip.zip: entry '../evil.xml': path goes up ('..')"), Acks.errorDescriptions(report));
        assertArrayEquals(original, Files.readAllBytes(folders().rejected("AAA001").resolve(flowId + "__slip.zip")));
        assertEquals(List.of(), files(folders().out()), "not even the valid entry before it is delivered");
        assertFalse(Files.exists(folders().ack("AAA001").resolve(flowId + ".factures.xml")), "no invoice status without a delivery");
        assertEquals(List.of(), files(folders().archive()));
        assertFalse(Files.exists(root.resolve("evil.xml")) || Files.exists(folders().in().resolve("evil.xml")), "nothing is extracted");
        assertEquals(List.of(), files(folders().work()));
    }

    @Test
    void everyAcknowledgementOfBatchesAndArchivesIsValidCppStatutV119() throws Exception {
        SharedReference.require(SharedReference.CPP_STATUT_XSD);
        FlowsDone done = flowsDone(3);
        drop("AAA001", "lot.xml", TestFlows.batch("AAA001", "LOT-1", BATCH_96));
        drop("AAA001", "lot.zip", zip(twoInvoices()));
        drop("AAA001", "slip.zip", zip(zipSlip()));
        await(done);

        List<Path> acks = files(folders().ack("AAA001"));
        // three flow reports, and the invoice statuses of the two flows that delivered
        assertEquals(5, acks.size(), acks::toString);
        for (Path ack : acks) {
            SharedReference.assertValidCppStatut(Files.readAllBytes(ack));
        }
    }

    /** The flow report of the flow that came from this file, found through its archived or rejected name. */
    private Path reportOf(String partner, String fileName) throws Exception {
        List<Path> all = files(folders().root());
        Path kept = all.stream()
                .filter(p -> p.getFileName().toString().endsWith("__" + fileName))
                .findFirst().orElseThrow(() -> new AssertionError("no archived or rejected copy of " + fileName + "; files: " + all));
        Path report = folders().ack(partner).resolve(flowIdOf(kept) + ".flux.xml");
        assertTrue(Files.exists(report), report::toString);
        return report;
    }

    /** The flow id at the start of an archived, delivered or acknowledgement file name. */
    private static String flowIdOf(Path file) {
        String name = file.getFileName().toString();
        Matcher m = Pattern.compile("^([A-Za-z0-9]{3,8}-\\d{8}T\\d{9}-\\d{4})").matcher(name);
        assertTrue(m.find(), name);
        return m.group(1);
    }
}
