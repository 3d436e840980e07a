package org.chorusedi.directory;

import static org.chorusedi.testkit.LifeCycleFlows.recycling;
import static org.chorusedi.testkit.LifeCycleFlows.status;
import static org.chorusedi.testkit.LifeCycleFlows.statuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chorusedi.directory.StructureActivation.Outcome;
import org.chorusedi.directory.StructureActivation.Request;
import org.chorusedi.directory.StructureActivation.Sirene;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.FlowResult;
import org.chorusedi.testkit.TestFlows;
import org.junit.jupiter.api.Test;

/**
 * A structure deactivated and activated again while the engine runs (docs/operators/directory-and-partners.md,
 * "Activating and deactivating a structure"): what happens to the invoices it already has, to their statuses, to a
 * recycling towards it, to the flows that come after, and to a flow being decided when the change lands.
 */
class StructureActivationRouteTest extends EngineRouteTestSupport {

    private static final String DATE = "2026-11-20";
    private static final InvoiceTemplate TO_THE_MINISTRY = InvoiceTemplate.toMinistry();
    private static final InvoiceTemplate TO_THE_CITY = InvoiceTemplate.toMinistry().withRecipient(InvoiceTemplate.CITY).withServiceCode(null);
    private static final Request DEACTIVATION = new Request(InvoiceTemplate.MINISTRY, false, Sirene.ACTIVE,
            "Mme Martin, gestionnaire principale", "services regroupés sous un autre SIRET");

    @Test
    void aDeactivatedStructureGetsNoNewInvoiceButKeepsWhatItHadAndItsStatuses() throws Exception {
        assertEquals("92", dropAndAwait("AAA001", "avant.xml", TO_THE_MINISTRY.withNumber("D-1").ubl()).status());
        assertEquals("92", dropAndAwait("AAA001", "ville.xml", TO_THE_CITY.withNumber("D-2").ubl()).status());
        assertEquals("92", dropAndAwait("VIL001", "a-recycler.xml", statuses("VIL001",
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.CITY, "D-2", DATE, "04", "Pas notre facture", null))).status());

        assertEquals(Outcome.DEACTIVATED, engine.directoryStore().activation(DEACTIVATION));

        FlowResult after = dropAndAwait("AAA001", "apres.xml", TO_THE_MINISTRY.withNumber("D-3").ubl());
        assertEquals("93", after.status());
        assertEquals(List.of("I04"), after.invoiceReasons(), "a new invoice to it: structure inactive");
        FlowResult processed = dropAndAwait("DEST01", "traitee.xml", statuses("DEST01",
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "D-1", DATE, "07", null, null)));
        assertEquals("92", processed.status(), "an invoice delivered before goes on getting its statuses");
        FlowResult recycled = dropAndAwait("AAA001", "recyclage.xml",
                recycling(InvoiceTemplate.SUPPLIER, "D-2", DATE, InvoiceTemplate.MINISTRY, "SCE-ACHATS", null));
        List<String> refusals = Acks.errorCodes(recycled.report().orElseThrow());
        assertTrue(refusals.contains("I04"), "no recycling towards an inactive structure: " + refusals);
        assertEquals(InvoiceTemplate.CITY, ledger().invoices("D-2").get(0).recipient(), "it stays where it was, in 04");

        Request activation = new Request(InvoiceTemplate.MINISTRY, true, null, "Mme Martin, gestionnaire principale", "erreur");
        assertEquals(Outcome.ACTIVATED, engine.directoryStore().activation(activation));
        assertEquals("92", dropAndAwait("AAA001", "de-nouveau.xml", TO_THE_MINISTRY.withNumber("D-4").ubl()).status());
    }

    @Test
    void aFlowBeingDecidedWhenTheDeactivationLandsIsDeliveredAsTheDirectoryWasWhenItReadIt() throws Exception {
        Outcome[] landed = new Outcome[1];
        database.duringNextFlowCommit(() -> landed[0] = engine.directoryStore().activation(DEACTIVATION));
        String batch = TestFlows.batch("AAA001", TO_THE_MINISTRY.withNumber("L-1"), TO_THE_MINISTRY.withNumber("L-2"));
        FlowResult during = dropAndAwait("AAA001", "lot.xml", batch.getBytes(StandardCharsets.UTF_8));

        assertEquals(Outcome.DEACTIVATED, landed[0]);
        assertEquals("92", during.status(), "both invoices were checked before the change: both delivered, none lost");
        FlowResult next = dropAndAwait("AAA001", "suivant.xml", TO_THE_MINISTRY.withNumber("L-3").ubl());
        assertEquals(List.of("I04"), next.invoiceReasons());
    }
}
