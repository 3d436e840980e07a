package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.chorusedi.cluster.FlowClaims;
import org.chorusedi.config.Folders;
import org.chorusedi.database.Database;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.testkit.H2ForceCounting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow committed before a stop is published by the next start, and the ledger is forced to disk before its files
 * move: its commit's own forcing may not have ended (the engine killed right after the commit), and a power loss after
 * the publication must not take the commit back.
 */
class UnfinishedFlowsForcingTest {

    private static final String FLOW = "AAA001-20261207T100000000-0001";

    @TempDir
    Path root;

    private final ExecutorService forcing = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopForcing() {
        forcing.shutdownNow();
    }

    @Test
    void aCommittedFlowIsPublishedAtStartUpOnceTheLedgerIsForced() throws IOException {
        Folders folders = new Folders(root).create();
        try (Database database = Database.open(H2ForceCounting.url(root.resolve("db")), "sa", "")) {
            Ledger ledger = new Ledger(database.dataSource());
            Path staging = Files.createDirectories(folders.work().resolve(FLOW));
            Path report = Files.writeString(staging.resolve("flux.xml"), "<CPPStatut/>");
            Path published = Files.createDirectories(folders.ack().resolve("AAA001")).resolve(FLOW + ".flux.xml");
            FlowOutcome flow = new FlowOutcome(FLOW, "AAA001", "flow.xml", 100, "d".repeat(64),
                    OffsetDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneOffset.UTC), List.of(), List.of())
                    .rejectedWith(new Finding(ReasonCode.F03, "not XML"));
            ledger.commit(flow, Instant.parse("2026-12-07T10:00:00Z"), folders.rejected("AAA001").resolve("flow.xml"), Map.of(),
                    staging, List.of(new Ledger.Move(report, published)), List.of());

            int before = H2ForceCounting.forced();
            new UnfinishedFlows(folders, ledger, Clock.systemUTC(), FlowClaims.LOCAL, new DiskSync(forcing)).settleAll();

            assertAll(
                    () -> assertTrue(H2ForceCounting.forced() > before, "the ledger was forced before the flow was published"),
                    () -> assertTrue(Files.exists(published), "its acknowledgement is in place"),
                    () -> assertEquals(Optional.of(Ledger.State.PUBLISHED), ledger.state(FLOW)));
        }
    }
}
