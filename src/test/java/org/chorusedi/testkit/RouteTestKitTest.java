package org.chorusedi.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.builder.NotifyBuilder;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.junit.jupiter.api.Test;

/**
 * The route test kit as a user sees it: a flow's outcome read as data, and a route of one's own (the
 * repository's example, examples/routes/) loaded beside the engine's. The example project
 * examples/route-test/ does the same from the installed kit, with a mocked endpoint too.
 */
class RouteTestKitTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();

    private Path copies;

    @Override
    protected Properties properties() {
        Properties properties = super.properties();
        copies = root.resolveSibling(root.getFileName() + "-copies");
        properties.setProperty("copy.ministry-folder", copies.toString());
        return properties;
    }

    @Override
    protected List<String> userRoutes() {
        return List.of("file:examples/routes/copy-ministry-invoices.camel.yaml");
    }

    @Test
    void aFlowsOutcomeIsReadAsDataAndTheStatusesForwardedToo() throws Exception {
        FlowResult batch = dropAndAwait("AAA001", "lot.xml", TestFlows.batch("AAA001",
                MINISTRY.withNumber("K-1"), MINISTRY.withNumber("K-2").withServiceCode("SCE-INCONNU")));
        Path delivered = batch.deliveredTo("K-1");
        assertAll(
                () -> assertEquals("96", batch.status()),
                () -> assertEquals(List.of(), batch.reasons()),
                () -> assertFalse(batch.invoice("K-2").delivered()),
                () -> assertEquals(List.of("I06"), batch.invoiceReasons(), "a service code the recipient does not have"),
                () -> assertTrue(Files.isRegularFile(delivered), delivered::toString),
                () -> assertTrue(delivered.startsWith(folders().outbox(InvoiceTemplate.MINISTRY, "SCE-ACHATS"))),
                () -> assertEquals("96", Acks.status(batch.report().orElseThrow())),
                () -> assertEquals(List.of(), batch.forwarded()));

        FlowResult statuses = dropAndAwait("DEST01", "statuts.xml", LifeCycleFlows.statuses("DEST01",
                LifeCycleFlows.status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "K-1", "2026-11-20", "04", null, null)));
        assertAll(
                () -> assertEquals("92", statuses.status()),
                () -> assertEquals(1, statuses.forwarded().size(), statuses.acknowledgements()::toString),
                () -> assertEquals(folders().ack("AAA001"), statuses.forwarded().get(0).getParent()));
    }

    @Test
    void aRouteOfOnesOwnRunsBesideTheEngines() throws Exception {
        NotifyBuilder copied = new NotifyBuilder(context).fromRoute("copy-ministry-invoices").whenDone(1).create();
        FlowResult flow = dropAndAwait("AAA001", "facture.xml", MINISTRY.withNumber("K-3").ubl());
        await(copied);
        Path delivered = flow.deliveredTo("K-3");
        assertArrayEquals(Files.readAllBytes(delivered), Files.readAllBytes(copies.resolve(delivered.getFileName())));
    }
}
