package org.chorusedi.ledger;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chorusedi.database.Database;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.testkit.H2ForceCounting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit point is on disk before the files it publishes: H2 writes each commit to its file but forces the file only
 * when asked, so that a power loss could take back a commit whose flow was then published. Counted on H2's own file
 * system layer ({@link H2ForceCounting}), whatever database the other tests run on: PostgreSQL forces its log at every
 * commit itself.
 */
class LedgerForcedCommitTest {

    private static final String SHA = "c".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aCommitPointIsForcedToDiskBeforeItReturns() {
        try (Database database = open()) {
            Ledger ledger = new Ledger(database.dataSource());

            int beforeCommit = H2ForceCounting.forced();
            commit(ledger, "AAA001-20261207T100000000-0001");
            int afterCommit = H2ForceCounting.forced();
            ledger.parked("AAA001-20261207T100000000-0002", "AAA001", "flow.xml", 100, Instant.now(), dir.resolve("failed"), "a disk error");
            int afterParking = H2ForceCounting.forced();

            assertAll(
                    () -> assertTrue(afterCommit > beforeCommit, "the commit forced the ledger's file"),
                    () -> assertTrue(afterParking > afterCommit, "so did the parking: its file is in failed/ after it"),
                    () -> assertEquals(Optional.of(Ledger.State.PUBLISHING), ledger.state("AAA001-20261207T100000000-0001")));
        }
    }

    @Test
    void aGroupOfFlowsIsLeftToItsCallerToForceOnce() {
        try (Database database = open()) {
            Ledger ledger = new Ledger(database.dataSource());
            int before = H2ForceCounting.forced();
            boolean toForce = ledger.inOneTransaction(() -> {
                for (int i = 1; i <= 5; i++) {
                    commit(ledger, "AAA001-20261207T100000000-000" + i);
                }
            });
            int inTheGroup = H2ForceCounting.forced() - before;
            ledger.forceToDisk();
            int forced = H2ForceCounting.forced() - before;

            assertAll(
                    () -> assertTrue(toForce, "the group holds commit points: its caller must force it"),
                    () -> assertEquals(0, inTheGroup, "not forced inside the group: the next group may begin meanwhile"),
                    () -> assertTrue(forced >= 1, "the caller's forcing forced the ledger's file"),
                    () -> assertTrue(forced < 5, "once for the group, not once a flow: " + forced),
                    () -> assertEquals(Optional.of(Ledger.State.PUBLISHING), ledger.state("AAA001-20261207T100000000-0005")));
        }
    }

    @Test
    void marksAloneInAGroupAreNotToBeForcedAndMarksBesideACommitAre() {
        try (Database database = open()) {
            Ledger ledger = new Ledger(database.dataSource());
            commit(ledger, "AAA001-20261207T100000000-0001");
            commit(ledger, "AAA001-20261207T100000000-0002");
            boolean marksAlone = ledger.inOneTransaction(() -> ledger.published(List.of("AAA001-20261207T100000000-0001")));
            boolean withACommit = ledger.inOneTransaction(() -> {
                ledger.published(List.of("AAA001-20261207T100000000-0002"));
                commit(ledger, "AAA001-20261207T100000000-0003");
            });

            assertAll(
                    () -> assertFalse(marksAlone, "a lost mark only publishes its flow's files again: not to be forced"),
                    () -> assertTrue(withACommit, "the group holding a commit point is to be forced"),
                    () -> assertEquals(Optional.of(Ledger.State.PUBLISHED), ledger.state("AAA001-20261207T100000000-0001")),
                    () -> assertEquals(Optional.of(Ledger.State.PUBLISHED), ledger.state("AAA001-20261207T100000000-0002")),
                    () -> assertEquals(Optional.of(Ledger.State.PUBLISHING), ledger.state("AAA001-20261207T100000000-0003")));
        }
    }

    @Test
    void theLedgerIsForcedOnRequest() {
        try (Database database = open()) {
            Ledger ledger = new Ledger(database.dataSource());
            int before = H2ForceCounting.forced();
            ledger.forceToDisk();

            assertTrue(H2ForceCounting.forced() > before, "forced (before a flow committed by an earlier attempt is published)");
        }
    }

    @Test
    void aDepositIsForcedToDiskBeforeItsFileIsLinkedIntoIn() {
        try (Database database = open()) {
            ApiDeposits deposits = new Ledger(database.dataSource()).deposits();
            ApiDeposits.Deposit deposit = new ApiDeposits.Deposit("AAA001-20261207T100000000-0001", "AAA001", "flow.xml",
                    Instant.parse("2026-12-07T10:00:00Z"));
            Path dropped = dir.resolve("in").resolve("AAA001").resolve("flow.xml");
            int before = H2ForceCounting.forced();
            boolean recorded = deposits.waitsAt(deposit, 100, dropped);
            int forced = H2ForceCounting.forced() - before;

            assertAll(
                    () -> assertTrue(recorded),
                    () -> assertTrue(forced >= 1, "the flow id its client is answered is on disk before its file waits in in/"),
                    () -> assertEquals(Optional.of(deposit.flowId()), deposits.at(dropped, 100).map(ApiDeposits.Deposit::flowId)),
                    () -> assertFalse(deposits.waitsAt(new ApiDeposits.Deposit("AAA001-20261207T100000000-0002", "AAA001",
                            "flow.xml", Instant.parse("2026-12-07T10:00:01Z")), 100, dropped), "another deposit waits there"));
        }
    }

    private Database open() {
        return Database.open(H2ForceCounting.url(dir), "sa", "");
    }

    private void commit(Ledger ledger, String flowId) {
        FlowOutcome flow = new FlowOutcome(flowId, "AAA001", "flow.xml", 100, SHA.substring(0, 60) + flowId.substring(flowId.length() - 4),
                OffsetDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneOffset.UTC), List.of(), List.of())
                .rejectedWith(new Finding(ReasonCode.F03, "not XML"));
        ledger.commit(flow, Instant.parse("2026-12-07T10:00:00Z"), dir.resolve("archive").resolve(flowId), Map.of(),
                dir.resolve("work").resolve(flowId), List.of(), List.of());
    }
}
