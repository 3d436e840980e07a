package org.chorusedi.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chorusedi.database.Database;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.junit.jupiter.api.Test;

/**
 * F09 and I17 through the running engine, and what the ledger then shows an operator. One engine for all: the kit
 * empties the ledger between methods, so each starts with no invoice seen; the commands, which need the engine
 * closed, are in {@link LedgerCommandsRouteTest}.
 */
@SharedEngine
class DuplicatesRouteTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate INVOICE = InvoiceTemplate.toMinistry();

    @Test
    void theSameBytesTwiceAreRejectedWithF09NamingTheFirstFlow() throws Exception {
        String xml = INVOICE.ubl();
        FlowsDone first = flowsDone(1);
        drop("AAA001", "first.xml", xml);
        await(first);
        FlowsDone second = flowsDone(1);
        drop("AAA001", "again.xml", xml);
        await(second);

        Path report = reportOf("again.xml");
        assertEquals("93", Acks.status(report));
        assertEquals(List.of("F09"), Acks.errorCodes(report));
        String firstFlow = flowIdOf("first.xml");
        assertTrue(Acks.errorDescriptions(report).get(0).endsWith("already processed as flow " + firstFlow),
                Acks.errorDescriptions(report).get(0));
        assertEquals(1, files(folders().out()).size(), "delivered once");
        assertTrue(Files.exists(folders().rejected("AAA001").resolve(flowIdOf("again.xml") + "__again.xml")));
    }

    @Test
    void aFlowRejectedAsAWholeDoesNotCountAsProcessed() throws Exception {
        String truncated = INVOICE.ubl().substring(0, 300);
        FlowsDone both = flowsDone(2);
        drop("AAA001", "broken-1.xml", truncated);
        drop("AAA001", "broken-2.xml", truncated);
        await(both);

        assertEquals(List.of("F03"), Acks.errorCodes(reportOf("broken-1.xml")));
        assertEquals(List.of("F03"), Acks.errorCodes(reportOf("broken-2.xml")));
    }

    @Test
    void anInvoiceSentAgainIsRejectedWithI17AndACorrectedResendOfARejectedOneGoesThrough() throws Exception {
        FlowsDone first = flowsDone(2);
        drop("AAA001", "delivered.xml", INVOICE.withNumber("F-1").ubl());
        drop("AAA001", "rejected.xml", INVOICE.withNumber("F-2").withRecipient("99999999999999").ubl());
        await(first);
        FlowsDone second = flowsDone(2);
        // Other bytes (CII), same supplier, number and year: the same invoice.
        drop("AAA001", "same-invoice.xml", INVOICE.withNumber("F-1").cii());
        // F-2 was rejected: its corrected resend is a new delivery.
        drop("AAA001", "corrected.xml", INVOICE.withNumber("F-2").cii());
        await(second);

        Path report = reportOf("same-invoice.xml");
        assertEquals(List.of("I17"), Acks.errorCodes(report));
        String firstInvoice = flowIdOf("delivered.xml") + "-0001";
        assertTrue(Acks.errorDescriptions(report).get(0).endsWith("as " + firstInvoice), Acks.errorDescriptions(report).get(0));
        assertEquals("92", Acks.status(reportOf("corrected.xml")));
    }

    @Test
    void theSameInvoiceInFlowsDecidedSideBySideIsDeliveredOnceAndEveryOtherAcknowledgementNamesIt() throws Exception {
        int copies = 12;
        FlowsDone all = flowsDone(copies);
        for (int i = 1; i <= copies; i++) {
            // Other bytes each time (a comment after the root element), so not F09: the same supplier, number and year.
            String invoice = i % 2 == 0 ? INVOICE.withNumber("S-1").cii() : INVOICE.withNumber("S-1").ubl();
            drop("AAA001", "copy-" + i + ".xml", invoice + "<!-- copy " + i + " -->\n");
        }
        await(all);

        List<String> delivered = new java.util.ArrayList<>();
        for (int i = 1; i <= copies; i++) {
            if ("92".equals(Acks.status(reportOf("copy-" + i + ".xml")))) {
                delivered.add("copy-" + i + ".xml");
            }
        }
        assertEquals(1, delivered.size(), "delivered once: " + delivered);
        assertEquals(1, files(folders().out()).size());
        String invoiceId = flowIdOf(delivered.get(0)) + "-0001";
        for (int i = 1; i <= copies; i++) {
            String name = "copy-" + i + ".xml";
            if (!name.equals(delivered.get(0))) {
                Path report = reportOf(name);
                assertEquals(List.of("I17"), Acks.errorCodes(report), name);
                assertTrue(Acks.errorDescriptions(report).get(0).endsWith("as " + invoiceId), Acks.errorDescriptions(report).get(0));
            }
        }
    }

    @Test
    void theSameInvoiceTwiceInOneBatchIsDeliveredOnce() throws Exception {
        StringBuilder batch = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch xmlns=\"urn:chorus-edi:batch:1.0\">"
                + "<Header><PartnerCode>AAA001</PartnerCode><FlowId>B-1</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt>"
                + "<InvoiceCount>3</InvoiceCount></Header>\n");
        for (String invoice : new String[] {INVOICE.withNumber("B-1").ubl(), INVOICE.withNumber("B-2").cii(), INVOICE.withNumber("B-1").cii()}) {
            batch.append(invoice.substring(invoice.indexOf("?>") + 2)).append('\n');
        }
        batch.append("</Batch>\n");
        FlowsDone done = flowsDone(1);
        drop("AAA001", "batch.xml", batch.toString());
        await(done);

        Path report = reportOf("batch.xml");
        assertEquals("96", Acks.status(report));
        assertEquals(List.of("I17"), Acks.errorCodes(report));
        assertTrue(Acks.errorDescriptions(report).get(0).contains("(document 3 of the flow)"));
        assertEquals(2, files(folders().out()).size());
    }

    @Test
    void theLedgerShowsEveryFlowAndInvoiceWithItsStatuses() throws Exception {
        FlowsDone done = flowsDone(2);
        drop("AAA001", "ok.xml", INVOICE.withNumber("L-1").ubl());
        drop("BBB002", "ko.xml", INVOICE.withNumber("L-2").withTypeCode("751").ubl());
        await(done);
        String okFlow = flowIdOf("ok.xml");

        try (Database database = Database.open(engine.settings().database().url(), engine.settings().database().user(), "")) {
            LedgerQueries ledger = new LedgerQueries(database.dataSource());
            List<FlowRow> flows = ledger.flows(null, null);
            assertEquals(2, flows.size());
            FlowRow ok = flows.stream().filter(f -> f.flowId().equals(okFlow)).findFirst().orElseThrow();
            assertEquals("92", ok.status());
            assertEquals("PUBLISHED", ok.state());
            assertEquals(64, ok.sha256().length());
            assertEquals(1, ok.delivered());
            assertEquals(1, ledger.flows("BBB002", null).size());

            InvoiceRow invoice = ledger.invoices("L-1").get(0);
            assertEquals(okFlow + "-0001", invoice.invoiceId());
            assertTrue(Files.exists(invoice.outbox()), invoice.outbox().toString());
            assertEquals(2, invoice.statusLines().size());
            assertTrue(invoice.statusLines().get(0).endsWith("01 DEPOSEE"), invoice.statusLines().toString());
            assertTrue(invoice.statusLines().get(1).endsWith("03 MISE_A_DISPOSITION"), invoice.statusLines().toString());
            InvoiceRow rejected = ledger.invoices("L-2").get(0);
            assertTrue(rejected.statusLines().get(1).endsWith("REJETEE I11"), rejected.statusLines().toString());
        }
    }

    private Path reportOf(String fileName) throws Exception {
        return files(folders().ack()).stream().filter(p -> p.getFileName().toString().equals(flowIdOf(fileName) + ".flux.xml"))
                .findFirst().orElseThrow();
    }

    private String flowIdOf(String fileName) {
        try {
            Path kept = files(folders().root()).stream()
                    .filter(p -> p.getFileName().toString().endsWith("__" + fileName)).findFirst()
                    .orElseThrow(() -> new AssertionError("no archived or rejected copy of " + fileName));
            String name = kept.getFileName().toString();
            return name.substring(0, name.indexOf("__"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
