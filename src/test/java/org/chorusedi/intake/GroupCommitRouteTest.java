package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.FaultyDataSource.Fault;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 27, item 2: flows that reach their commit together are committed in one ledger transaction, then published
 * side by side and marked published together. The first flow's commit is held until the others wait at the commit
 * point: they form the next group. Inside a group, a flow's duplicates are checked against the flows before it; a group whose transaction is
 * refused or lost is settled flow by flow as a commit of its own would be; a flow failing inside its group fails
 * alone. A published flow is marked so in the next group's transaction, beside the commits in it. Every case ends with
 * each flow delivered once and acknowledged, nothing left staged or parked.
 */
class GroupCommitRouteTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();
    private static final String OUTBOX = InvoiceTemplate.MINISTRY + "/SCE-ACHATS";
    /** The held flow and the five that wait for it. */
    private static final int FLOWS = 6;

    @Override
    protected Properties properties() {
        Properties properties = super.properties();
        // As many flows decided at once as the test drops, so that they all reach the commit point together (and one
        // more, dropped while they wait).
        properties.setProperty("chorus.intake.threads", String.valueOf(FLOWS + 1));
        return properties;
    }

    @Test
    void flowsReachingTheirCommitTogetherAreCommittedInOneTransactionAndEachPublished() throws Exception {
        holdTheFirstCommitUntilTheOthersWait(null);
        FlowsDone done = flowsDone(FLOWS);
        dropDistinctInvoices("GROUP");
        await(done);

        assertAll(
                () -> assertEquals(FLOWS, files(folders().out().resolve(OUTBOX)).size(), "every invoice delivered once"),
                () -> assertTrue(database.flowCommitsApplied() < FLOWS,
                        "the flows that waited were committed together: " + database.flowCommitsApplied() + " transactions for " + FLOWS + " flows"),
                () -> assertEveryFlowPublishedAndAcknowledged(FLOWS, "92"),
                () -> assertNothingLeft());
    }

    @Test
    void insideAGroupAFlowCarryingTheSameInvoiceAsAFlowBeforeItIsADuplicate() throws Exception {
        holdTheFirstCommitUntilTheOthersWait(null);
        FlowsDone done = flowsDone(FLOWS);
        drop("AAA001", "first.xml", MINISTRY.withNumber("F-HELD").ubl());
        // Staged side by side while none of them is committed: each one's first check finds no duplicate.
        byte[] same = MINISTRY.withNumber("F-SAME").ubl().getBytes(StandardCharsets.UTF_8);
        for (int i = 2; i <= FLOWS; i++) {
            drop("AAA001", "same-" + i + ".xml", same);
        }
        await(done);

        List<String> statuses = statusesOfAllFlows();
        assertAll(
                () -> assertTrue(database.flowCommitsApplied() < FLOWS, "the same invoices were committed in one group"),
                () -> assertEquals(2, files(folders().out().resolve(OUTBOX)).size(), "F-HELD and F-SAME, each delivered once"),
                () -> assertEquals(4, statuses.stream().filter("93"::equals).count(), () -> "the resends are rejected: " + statuses),
                () -> assertEquals(4, files(folders().rejected()).size(), "each resend kept as rejected"),
                () -> assertNothingLeft());
    }

    @Test
    void aGroupWhoseTransactionIsRefusedIsDecidedAgainAndEachFlowDeliveredOnce() throws Exception {
        eachFlowDeliveredOnceWhen("REFUSED", () -> database.failNextFlowCommit(Fault.REFUSED, false));
    }

    @Test
    void aGroupWhoseTransactionIsAppliedThenReportedLostIsPublishedOnce() throws Exception {
        eachFlowDeliveredOnceWhen("LOST", () -> database.failNextFlowCommit(Fault.APPLIED_THEN_LOST, false));
    }

    @Test
    void aFlowFailingInsideItsGroupFailsAloneAndTheOthersAreCommitted() throws Exception {
        // The first flow of the next group fails as it writes its row: its work is undone, the group's other flows commit.
        eachFlowDeliveredOnceWhen("ALONE", () -> database.duringNextFlowCommit(() -> {
            throw new IllegalStateException("a flow's own failure inside its group (the test's fault)");
        }));
    }

    @Test
    void aGroupWhoseForcingFailsPublishesItsFlowsOnceTheLedgerIsForced() throws Exception {
        // H2 alone is forced by the engine: PostgreSQL forces its log at each commit.
        assumeFalse(TestDatabase.postgres(), "the engine forces H2's file only (skipped on PostgreSQL)");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger intake = (Logger) LoggerFactory.getLogger("org.chorusedi.intake");
        intake.addAppender(log);
        try {
            // Armed inside the first flow's commit: that group's forcing fails, and its flow is not published then; it
            // is settled once the ledger can be forced (at the next forcing), and published once.
            eachFlowDeliveredOnceWhen("FORCING", database::failNextForcing);

            assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains(
                    "is committed but its commit cannot be forced to disk")), "the group's forcing failed");
        } finally {
            intake.detachAppender(log);
        }
    }

    @Test
    void aRefusedGroupHoldingAPublishedFlowsMarkAndACommitLeavesEveryFlowPublishedOnce() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger intake = (Logger) LoggerFactory.getLogger("org.chorusedi.intake");
        intake.addAppender(log);
        try {
            // The first flow is committed alone, the five that waited for it together; their group is held until the
            // first flow's files are in place (its mark then waits) and a seventh flow waits to commit: the next group
            // holds that mark and that commit, and its transaction is refused.
            holdTheFirstCommitUntilTheOthersWait(() -> database.duringNextFlowCommit(() -> {
                try {
                    drop("AAA001", "mixed-7.xml", MINISTRY.withNumber("F-MIXED-7").ubl());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                // Every flow waits at the commit point: the five in this group, the first flow's mark and the seventh's
                // commit, which the next group takes together.
                waitFor(() -> threadsAtTheCommitPoint() == FLOWS + 1);
                database.afterNextFlowCommit(() -> database.failNextFlowCommit(Fault.REFUSED, false));
            }));
            FlowsDone done = flowsDone(FLOWS + 1);
            dropDistinctInvoices("MIXED");
            await(done);
            // The first flow, its mark refused with the group, is settled by the engine's settling thread.
            waitFor(() -> published() == FLOWS + 1 && workIsEmpty());

            assertAll(
                    () -> assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains(
                            "the transaction marking it published failed")), "a published flow's mark was in the refused group"),
                    () -> assertEquals(FLOWS + 1, files(folders().out().resolve(OUTBOX)).size(), "every invoice delivered once"),
                    () -> assertEveryFlowPublishedAndAcknowledged(FLOWS + 1, "92"),
                    () -> assertNothingLeft());
        } finally {
            intake.detachAppender(log);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Waits up to 30 s for {@code condition}, then a moment more: what waits for a group then waits for the next one. */
    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The threads that handed a piece to the commit point's groups and wait for it (or work on their group). */
    private static long threadsAtTheCommitPoint() {
        return Thread.getAllStackTraces().values().stream().filter(GroupCommitRouteTest::atTheCommitPoint).count();
    }

    /** In the commit point's groups: not in the grouping that forces the published flows' folders before. */
    private static boolean atTheCommitPoint(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length - 1; i++) {
            if (stack[i].getClassName().equals(Grouped.class.getName()) && stack[i].getMethodName().equals("run")) {
                return !stack[i + 1].getMethodName().equals("forceFoldersWithOthers");
            }
        }
        return false;
    }

    private long published() {
        return ledger().flows("AAA001", null).stream().filter(flow -> flow.state().equals("PUBLISHED")).count();
    }

    private boolean workIsEmpty() {
        try {
            return files(folders().work()).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distinct invoices dropped, the group's commit prepared by {@code forTheGroup}: each invoice delivered once. */
    private void eachFlowDeliveredOnceWhen(String prefix, Runnable forTheGroup) throws Exception {
        holdTheFirstCommitUntilTheOthersWait(forTheGroup);
        FlowsDone done = flowsDone(FLOWS);
        dropDistinctInvoices(prefix);
        await(done);

        assertAll(
                () -> assertEquals(FLOWS, files(folders().out().resolve(OUTBOX)).size(), "every invoice delivered once"),
                () -> assertEveryFlowPublishedAndAcknowledged(FLOWS, "92"),
                () -> assertNothingLeft());
    }

    private void dropDistinctInvoices(String prefix) throws IOException {
        for (int i = 1; i <= FLOWS; i++) {
            drop("AAA001", prefix.toLowerCase() + "-" + i + ".xml", MINISTRY.withNumber("F-" + prefix + "-" + i).ubl());
        }
    }

    /**
     * The first flow commit waits, inside its transaction, until every other dropped flow waits at the commit point
     * (they form one group), and a moment more; then {@code thenForTheGroup} prepares what happens to that group's
     * commit.
     */
    private void holdTheFirstCommitUntilTheOthersWait(Runnable thenForTheGroup) {
        database.duringNextFlowCommit(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try {
                while (threadsAtTheCommitPoint() < FLOWS && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thenForTheGroup != null) {
                thenForTheGroup.run();
            }
        });
    }

    private void assertEveryFlowPublishedAndAcknowledged(int count, String status) throws Exception {
        List<FlowRow> flows = ledger().flows("AAA001", null);
        assertEquals(count, flows.size(), () -> "one ledger row a flow: " + flows);
        Map<String, Long> states = flows.stream().collect(Collectors.groupingBy(FlowRow::state, Collectors.counting()));
        assertEquals(Map.of("PUBLISHED", (long) count), states);
        assertEquals(List.of(status), statusesOfAllFlows().stream().distinct().toList());
    }

    private List<String> statusesOfAllFlows() throws Exception {
        List<String> statuses = new ArrayList<>();
        for (Path ack : files(folders().ack("AAA001"))) {
            if (ack.getFileName().toString().endsWith(".flux.xml")) {
                statuses.add(Acks.status(ack));
            }
        }
        return statuses;
    }

    private void assertNothingLeft() throws IOException {
        assertEquals(List.of(), files(folders().work()), "nothing left staged");
        assertEquals(List.of(), files(folders().failed()), "nothing parked");
        assertEquals(List.of(), files(folders().in()), "nothing left in in/");
    }
}
