package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.chorusedi.cli.ChorusEdi;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.Ledger.State;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.FaultyDataSource.Fault;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 2: a commit is never assumed, in the running engine, with its database failing on purpose
 * at a flow's commit. A commit applied but reported as failed is published, not abandoned; a commit refused
 * leaves nothing and the flow goes through on its next attempt; a commit whose outcome cannot be asked leaves
 * the flow whole until the ledger answers; a committed flow whose staged file is lost stays in publication,
 * visible, never taken for published.
 */
class CommitNeverAssumedRouteTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();
    private static final String OUTBOX = InvoiceTemplate.MINISTRY + "/SCE-ACHATS";

    @Test
    void aCommitAppliedThenReportedFailedIsPublishedOnceAndNeverAbandoned() throws Exception {
        byte[] invoice = MINISTRY.withNumber("F-LOST-1").ubl().getBytes(StandardCharsets.UTF_8);
        database.failNextFlowCommit(Fault.APPLIED_THEN_LOST, false);
        FlowsDone done = flowsDone(1);
        drop("AAA001", "lost-commit.xml", invoice);
        await(done);

        FlowsDone again = flowsDone(1);
        drop("AAA001", "the-same-again.xml", invoice);
        await(again);

        Path delivered = single(folders().out().resolve(OUTBOX), ".xml");
        String flowId = flowIdOf(delivered);
        assertAll(
                () -> assertArrayEquals(invoice, Files.readAllBytes(delivered), "delivered once, as it came"),
                () -> assertEquals(Optional.of(State.PUBLISHED), state(flowId)),
                () -> assertEquals("92", Acks.status(folders().ack("AAA001").resolve(flowId + ".flux.xml"))),
                () -> assertTrue(Files.exists(single(folders().archive(), "__lost-commit.xml"))),
                () -> assertEquals(List.of("F09"), codesOf("the-same-again.xml"), "the ledger and the outbox agree: a resend is a duplicate"),
                () -> assertEquals(List.of(), files(folders().work()), "nothing left staged"),
                () -> assertEquals(List.of(), files(folders().failed()), "nothing parked"));
    }

    @Test
    void aCommitRefusedLeavesNothingAndTheFlowGoesThroughOnItsNextAttempt() throws Exception {
        byte[] invoice = MINISTRY.withNumber("F-REFUSED-1").ubl().getBytes(StandardCharsets.UTF_8);
        database.failNextFlowCommit(Fault.REFUSED, false);
        FlowsDone done = flowsDone(1);
        drop("AAA001", "refused-commit.xml", invoice);
        await(done);

        Path delivered = single(folders().out().resolve(OUTBOX), ".xml");
        List<FlowRow> flows = ledger().flows(null, null);
        assertAll(
                () -> assertArrayEquals(invoice, Files.readAllBytes(delivered)),
                () -> assertEquals(1, flows.size(), () -> "one flow in the ledger: " + flows),
                () -> assertEquals(flowIdOf(delivered), flows.get(0).flowId(), "the flow keeps its id through its attempts"),
                () -> assertEquals("PUBLISHED", flows.get(0).state()),
                () -> assertEquals(List.of(), files(folders().work())),
                () -> assertEquals(List.of(), files(folders().failed())));
    }

    @Test
    void aCommitWhoseOutcomeCannotBeAskedLeavesTheFlowWholeUntilTheLedgerAnswers() throws Exception {
        byte[] invoice = MINISTRY.withNumber("F-UNCLEAR-1").ubl().getBytes(StandardCharsets.UTF_8);
        database.failNextFlowCommit(Fault.APPLIED_THEN_LOST, true);
        drop("AAA001", "unclear-commit.xml", invoice);
        Path staging = awaitOneStagingFolder();
        // Every attempt the route makes (three in the tests' configuration) finds the ledger out of reach.
        assertTrue(new org.apache.camel.builder.NotifyBuilder(context).fromRoute("flow-intake").whenDone(1).create()
                .matches(30, TimeUnit.SECONDS), "the route gives up on the flow for now");
        List<Path> outboxWhileUnclear = files(folders().out());
        List<Path> parkedWhileUnclear = files(folders().failed());
        boolean stagedWhileUnclear = Files.isDirectory(staging.resolve("original"));

        FlowsDone done = flowsDone(1);
        database.reachable();
        await(done);
        // The settling thread may finish this flow outside any exchange: its original is kept (what await sees)
        // just before the ledger marks it published.
        awaitPublished(staging.getFileName().toString());

        Path delivered = single(folders().out().resolve(OUTBOX), ".xml");
        assertAll(
                () -> assertEquals(List.of(), outboxWhileUnclear, "while the ledger cannot say, nothing is published"),
                () -> assertEquals(List.of(), parkedWhileUnclear, "a flow that may be committed is never parked"),
                () -> assertTrue(stagedWhileUnclear, "its original waits, taken, in its staging folder"),
                () -> assertArrayEquals(invoice, Files.readAllBytes(delivered), "once the ledger answers, the flow is published"),
                () -> assertEquals(staging.getFileName().toString(), flowIdOf(delivered), "under the flow id it was committed with"),
                () -> assertEquals(Optional.of(State.PUBLISHED), state(flowIdOf(delivered))),
                () -> assertEquals(List.of(), files(folders().work())));
    }

    @Test
    void aCommittedFlowWhoseStagedInvoiceIsLostStaysInPublicationVisiblyAndIsNeverTakenForPublished() throws Exception {
        byte[] invoice = MINISTRY.withNumber("F-VANISHED-1").ubl().getBytes(StandardCharsets.UTF_8);
        database.afterNextFlowCommit(() -> {
            try (var staged = Files.list(folders().work())) {
                for (Path flow : staged.toList()) {
                    Files.delete(flow.resolve("invoice-000001.xml"));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        drop("AAA001", "staged-file-lost.xml", invoice);
        String flowId = awaitOneStagingFolder().getFileName().toString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ledger().flows(null, null).stream().noneMatch(f -> f.problem() != null)) {
            assertTrue(System.nanoTime() < deadline, "the problem is recorded in the ledger");
            Thread.sleep(20);
        }

        FlowRow flow = ledger().flows(null, null).get(0);
        String listed = flowsCommand();
        assertAll(
                () -> assertEquals(flowId, flow.flowId()),
                () -> assertEquals("PUBLISHING", flow.state(), "never marked published"),
                () -> assertTrue(flow.problem().contains("neither staged as") && flow.problem().contains("invoice-000001.xml"),
                        flow::problem),
                () -> assertEquals(List.of(), files(folders().out()), "nothing delivered"),
                () -> assertEquals(List.of(), files(folders().ack()), "not acknowledged: an acknowledgement would claim the invoice is there"),
                () -> assertTrue(listed.contains(flowId) && listed.contains("PUBLISHING") && listed.contains("neither staged as"),
                        () -> "the flows command shows it stuck, and why:\n" + listed));
    }

    /** The one flow in work/, once it is there. */
    private Path awaitOneStagingFolder() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<Path> staged;
            try (var flows = Files.list(folders().work())) {
                staged = flows.toList();
            }
            if (staged.size() == 1) {
                return staged.get(0);
            }
            assertTrue(System.nanoTime() < deadline, "a flow is taken into work/");
            Thread.sleep(10);
        }
    }

    private List<String> codesOf(String fileName) throws Exception {
        Path kept = single(folders().rejected(), "__" + fileName);
        String flowId = kept.getFileName().toString().substring(0, kept.getFileName().toString().indexOf("__"));
        return Acks.errorCodes(folders().ack("AAA001").resolve(flowId + ".flux.xml"));
    }

    private String flowsCommand() {
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, ChorusEdi.execute("flows", "--root", root.toString(), "-Dchorus.db.url=" + databaseUrl(),
                    "-Dchorus.db.user=" + TestDatabase.user()));
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Where the flow stands in the commit protocol. */
    /** Waits until the ledger says the flow is published, or fails at the deadline; the state is asserted after. */
    private void awaitPublished(String flowId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!state(flowId).equals(Optional.of(State.PUBLISHED)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private Optional<State> state(String flowId) {
        return new Ledger(testDatabase().dataSource()).state(flowId);
    }

    private static String flowIdOf(Path outboxFile) {
        String name = outboxFile.getFileName().toString();
        return name.substring(0, name.length() - "-0001.xml".length());
    }
}
