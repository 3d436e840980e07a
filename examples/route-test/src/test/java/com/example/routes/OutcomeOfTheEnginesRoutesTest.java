package com.example.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.FlowResult;
import org.chorusedi.testkit.TestFlows;
import org.junit.jupiter.api.Test;

/** Pins what the engine's own routes do with the flows we send: which acknowledgement, where each invoice lands. */
class OutcomeOfTheEnginesRoutesTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();

    @Test
    void anInvoiceWithoutTheServiceCodeTheMinistryRequiresIsRejectedAndTheOtherDelivered() throws Exception {
        FlowResult result = dropAndAwait("AAA001", "lot-0001.xml", TestFlows.batch("AAA001",
                MINISTRY.withNumber("FA-0001"), MINISTRY.withNumber("FA-0002").withServiceCode(null)));

        assertEquals("96", result.status(), "some invoices delivered, some rejected");
        assertTrue(Files.isRegularFile(result.deliveredTo("FA-0001")));
        assertFalse(result.invoice("FA-0002").delivered());
        assertEquals(List.of("I05"), result.invoice("FA-0002").reasons(), "service code missing");
        assertTrue(result.report().isPresent(), "the flow report is in ack/AAA001/");
    }
}
