package org.chorusedi.lifecycle;

import static org.chorusedi.testkit.LifeCycleFlows.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chorusedi.database.Database;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.partner.Partners;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.LifeCycleFlows;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Statuses through the running engine from partners connected or not to the recipient, before and after the
 * recipient's partner is deactivated: an engine of its own, as the deactivation stays (out of
 * {@link StatusFlowRouteTest}, which shares one).
 */
class DeactivatedRecipientStatusRouteTest extends EngineRouteTestSupport {

    private static final String SUPPLIER_PARTNER = "AAA001";
    private static final String RECIPIENT_PARTNER = "DEST01";
    private static final String DATE = "2026-11-20";
    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();

    private int sent;

    @Test
    void onlyAPartnerConnectedInReceptionToTheRecipientSendsItsStatusesEvenOnceDeactivated() throws Exception {
        deliver("u.xml", MINISTRY.withNumber("U-5").ubl());
        String line = status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "U-5", DATE, "07", null, null);
        FlowsDone done = flowsDone(1);
        drop("VIL001", "statuts-ville.xml", LifeCycleFlows.statuses("VIL001", line));
        await(done);
        String kept = files(folders().archive("VIL001", java.time.LocalDate.now())).get(0).getFileName().toString();
        Path report = folders().ack("VIL001").resolve(kept.substring(0, kept.indexOf("__")) + ".flux.xml");
        assertEquals(List.of("S02"), Acks.errorCodes(report), "the city's partner is connected to the city, not to the ministry");
        assertTrue(Acks.errorDescriptions(report).get(0).contains("VIL001 is not connected in reception to " + InvoiceTemplate.MINISTRY));

        // A registry that leaves DEST01 out deactivates it, keeping its connections: it goes on with what it received.
        Files.writeString(folders().directory().resolve("partenaires-2.csv"), Files.readString(folders().directory().resolve("imported")
                .resolve(files(folders().directory().resolve("imported")).stream().map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith("partenaires.csv")).findFirst().orElseThrow())).lines()
                .filter(l -> !l.startsWith(RECIPIENT_PARTNER + ",")).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        engine.directoryDrop().importPending();
        try (Database database = Database.open(databaseUrl(), TestDatabase.user(), "")) {
            assertFalse(new Partners(database.dataSource()).partner(RECIPIENT_PARTNER).orElseThrow().active(), "deactivated");
        }
        assertEquals("92", Acks.status(sendStatuses(line)), "statuses for invoices received before a deactivation are accepted");
        assertEquals(List.of("03", "07"), statuses("U-5"));
    }

    private void deliver(String name, String flow) throws Exception {
        assertEquals("92", dropAndAwait(SUPPLIER_PARTNER, name, flow).status(), name);
    }

    /** Drops a status flow from the recipient's partner; returns its flow report. */
    private Path sendStatuses(String... lines) throws Exception {
        return dropAndAwait(RECIPIENT_PARTNER, "statuts-" + (++sent) + ".xml", LifeCycleFlows.statuses(RECIPIENT_PARTNER, lines))
                .report().orElseThrow();
    }

    private List<String> statuses(String number) {
        List<InvoiceRow> invoices = ledger().invoices(number);
        assertEquals(1, invoices.size());
        return invoices.get(0).statusLines().stream().skip(1).map(line -> line.split(" ")[1]).toList();
    }
}
