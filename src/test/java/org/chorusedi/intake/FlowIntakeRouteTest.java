package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.SharedReference;
import org.junit.jupiter.api.Test;

/** The flow-intake route of routes/intake.camel.yaml, end to end through real folders. */
@SharedEngine
class FlowIntakeRouteTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();

    @Test
    void ublAndCiiInvoicesAreDeliveredToTheirRecipientsOutboxesAndAcknowledged() throws Exception {
        FlowsDone done = flowsDone(2);
        Path ubl = MINISTRY.writeUbl(root.resolve("samples/ubl.xml"));
        Path cii = MINISTRY.withNumber("F2026-0002").withRecipient(InvoiceTemplate.CITY).withServiceCode(null).writeCii(root.resolve("samples/cii.xml"));
        drop("AAA001", "ubl.xml", Files.readAllBytes(ubl));
        drop("AAA001", "cii.xml", Files.readAllBytes(cii));
        await(done);

        Path delivered = single(folders().out().resolve(InvoiceTemplate.MINISTRY).resolve("SCE-ACHATS"), ".xml");
        assertArrayEquals(Files.readAllBytes(ubl), Files.readAllBytes(delivered), "the original bytes are delivered");
        Path deliveredCii = single(folders().out().resolve(InvoiceTemplate.CITY).resolve("@none"), ".xml");
        assertArrayEquals(Files.readAllBytes(cii), Files.readAllBytes(deliveredCii));

        List<Path> reports = files(folders().ack("AAA001")).stream().filter(p -> p.toString().endsWith(".flux.xml")).toList();
        assertEquals(2, reports.size());
        for (Path report : reports) {
            assertEquals("92", Acks.status(report));
            assertEquals(List.of(), Acks.errorCodes(report));
            String flowId = report.getFileName().toString().replace(".flux.xml", "");
            assertEquals(flowId, Acks.value(report, "//IdFlux"));
            assertEquals("AAA001", Acks.value(report, "//Recepteur/Id"));
            assertEquals("CPP001", Acks.value(report, "//Emetteur/Id"));
            Path statuses = folders().ack("AAA001").resolve(flowId + ".factures.xml");
            assertEquals("03", Acks.value(statuses, "//CPPFactureStatutUnitaire/DonneesStatut/IdStatut"));
        }
        Path ublStatuses = single(folders().ack("AAA001"), flowIdOf(delivered) + ".factures.xml");
        assertEquals("F2026-0001", Acks.value(ublStatuses, "//IdFacture"));
        assertEquals("2026-11-20", Acks.value(ublStatuses, "//DateFacture"));
        assertEquals(InvoiceTemplate.MINISTRY, Acks.value(ublStatuses, "//Debiteur/Identifiant"));
        assertEquals("SCE-ACHATS", Acks.value(ublStatuses, "//Debiteur/CodeService"));
        assertEquals(InvoiceTemplate.SUPPLIER, Acks.value(ublStatuses, "//Fournisseur/Identifiant"));

        List<Path> archived = files(folders().archive("AAA001", LocalDate.now()));
        assertEquals(2, archived.size());
        assertTrue(archived.stream().allMatch(p -> p.getFileName().toString().matches("AAA001-\\d{8}T\\d{9}-\\d{4}__(ubl|cii)\\.xml")), archived::toString);
        assertEquals(List.of(), files(folders().in()), "nothing is left in the drop directory");
        assertEquals(List.of(), files(folders().work()), "nothing is left staged");
    }

    @Test
    void everyRoutingReasonCodeIsReportedForItsOwnFixture() throws Exception {
        Map<String, String> fixtures = new LinkedHashMap<>();
        fixtures.put("I01", MINISTRY.withRecipient(null).ubl());
        fixtures.put("I02", MINISTRY.withRecipient("1100020110004").ubl());
        fixtures.put("I03", MINISTRY.withRecipient("99999999999999").ubl());
        fixtures.put("I04", MINISTRY.withRecipient(InvoiceTemplate.CLOSED_SCHOOL).withServiceCode(null).cii());
        fixtures.put("I05", MINISTRY.withServiceCode(null).ubl());
        fixtures.put("I06", MINISTRY.withServiceCode("SCE-FERME").cii());
        fixtures.put("I07", MINISTRY.withServiceCode("SCE-TRAVAUX").withEngagement(null).ubl());
        fixtures.put("I08", MINISTRY.withRecipient(InvoiceTemplate.HOSPITAL).withServiceCode(null).withEngagement(null).cii());
        fixtures.put("I09", MINISTRY.withEngagement("E".repeat(51)).ubl());
        fixtures.put("I10", MINISTRY.withNumber("").ubl());
        fixtures.put("I11", MINISTRY.withTypeCode("751").ubl());
        fixtures.put("I12", MINISTRY.withSupplier("73282932000075").cii());
        fixtures.put("F01", "");
        fixtures.put("F03", MINISTRY.ubl().substring(0, 400));
        fixtures.put("F04", "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Invoice>&x;</Invoice>");
        fixtures.put("F05", "<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>");
        fixtures.put("F06", MINISTRY.ubl().replace("<cbc:IssueDate>2026-11-20</cbc:IssueDate>", "<cbc:IssueDate>20/11/2026</cbc:IssueDate>"));
        FlowsDone done = flowsDone(fixtures.size());
        for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
            drop("BBB002", "expect-" + fixture.getKey() + ".xml", fixture.getValue());
        }
        await(done);

        for (String code : fixtures.keySet()) {
            Path report = reportOf("BBB002", "expect-" + code + ".xml");
            assertEquals("93", Acks.status(report), code);
            // An empty number also fails EN 16931's BR-02 (the rules come before the routing controls).
            assertEquals(code.equals("I10") ? List.of("I20", code) : List.of(code), Acks.errorCodes(report), code);
            String nature = code.startsWith("F") ? "FLUX" : "FACTURE";
            assertEquals(nature, Acks.value(report, "//LigneErreurDetail/NatureErreur"), code);
            boolean wholeFlow = code.startsWith("F");
            assertEquals(wholeFlow, Files.exists(folders().rejected("BBB002").resolve(flowIdOf(report) + "__expect-" + code + ".xml")),
                    code + ": flows rejected as a whole go to rejected/, the others to the archive");
        }
        assertTrue(Acks.errorDescriptions(reportOf("BBB002", "expect-F03.xml")).get(0).matches("expect-F03\\.xml: line \\d+, column \\d+: .*"));
        assertTrue(Acks.errorDescriptions(reportOf("BBB002", "expect-F06.xml")).get(0).matches("expect-F06\\.xml: line 5, column \\d+: cvc-datatype-valid.*"));
        assertTrue(Acks.errorDescriptions(reportOf("BBB002", "expect-I03.xml")).get(0).startsWith("invoice 'F2026-0001'"));
        assertEquals(List.of(), files(folders().out()), "nothing is delivered");
    }

    @Test
    void anInvoiceFailingSeveralControlsReportsEachOne() throws Exception {
        FlowsDone done = flowsDone(1);
        drop("AAA001", "several.xml", MINISTRY.withServiceCode(null).withTypeCode("751").withEngagement("E".repeat(60)).ubl());
        await(done);

        Path report = reportOf("AAA001", "several.xml");
        assertEquals(List.of("I11", "I09", "I05"), Acks.errorCodes(report));
        assertEquals("3", Acks.value(report, "//Details/@NbLignesErreur"));
    }

    @Test
    void filesStillBeingWrittenAndFoldersThatAreNoPartnerAreLeftAlone() throws Exception {
        Path folder = Files.createDirectories(folders().in().resolve("AAA001"));
        Path part = Files.writeString(folder.resolve("flow.xml.part"), MINISTRY.ubl());
        Path tmp = Files.writeString(folder.resolve("flow.tmp"), MINISTRY.ubl());
        Path hidden = Files.writeString(folder.resolve(".flow.xml"), MINISTRY.ubl());
        Path notPartner = Files.createDirectories(folders().in().resolve("not-a-partner!"));
        Path stray = Files.writeString(notPartner.resolve("flow.xml"), MINISTRY.ubl());
        FlowsDone done = flowsDone(1);
        drop("AAA001", "real.xml", MINISTRY.ubl());
        await(done);
        // Two more polls: none of the others is taken.
        Thread.sleep(300);

        assertEquals(1, files(folders().ack("AAA001")).stream().filter(p -> p.toString().endsWith(".flux.xml")).count());
        for (Path waiting : List.of(part, tmp, hidden, stray)) {
            assertTrue(Files.exists(waiting), waiting + " is left where it is");
        }
    }

    @Test
    void acknowledgementsAreValidCppStatutV119() throws Exception {
        FlowsDone done = flowsDone(2);
        drop("AAA001", "ok.xml", MINISTRY.ubl());
        drop("AAA001", "ko.xml", MINISTRY.withRecipient(null).withTypeCode("751").cii());
        await(done);

        for (Path ack : files(folders().ack("AAA001"))) {
            SharedReference.assertValidCppStatut(Files.readAllBytes(ack));
        }
        assertEquals(3, files(folders().ack("AAA001")).size());
    }

    /** The flow report of the flow that came from this file, found through its archived name. */
    private Path reportOf(String partner, String fileName) throws Exception {
        Path kept = files(folders().root()).stream()
                .filter(p -> p.getFileName().toString().endsWith("__" + fileName))
                .findFirst().orElseThrow(() -> new AssertionError("no archived or rejected copy of " + fileName));
        return folders().ack(partner).resolve(flowIdOf(kept) + ".flux.xml");
    }

    /** The flow id at the start of an archived, delivered or acknowledgement file name. */
    private static String flowIdOf(Path file) {
        String name = file.getFileName().toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Za-z0-9]{3,8}-\\d{8}T\\d{9}-\\d{4})").matcher(name);
        assertTrue(m.find(), name);
        return m.group(1);
    }
}
