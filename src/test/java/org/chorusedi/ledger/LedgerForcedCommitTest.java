package org.chorusedi.ledger;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.chorusedi.database.Database;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.flow.FlowOutcome;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit point is on disk before the files it publishes: H2 writes each commit to its file but forces the file only
 * when asked, so that a power loss could take back a commit whose flow was then published. Counted on H2's own file
 * system layer (a wrapper around its file channel), whatever database the other tests run on: PostgreSQL forces its
 * log at every commit itself.
 */
class LedgerForcedCommitTest {

    private static final String SHA = "c".repeat(64);

    @TempDir
    Path dir;

    @BeforeAll
    static void countForcings() {
        FilePath.register(new ForceCounting());
    }

    @Test
    void aCommitPointIsForcedToDiskBeforeItReturns() {
        try (Database database = open()) {
            Ledger ledger = new Ledger(database.dataSource());

            int beforeCommit = ForceCounting.FORCED.get();
            commit(ledger, "AAA001-20261207T100000000-0001");
            int afterCommit = ForceCounting.FORCED.get();
            ledger.parked("AAA001-20261207T100000000-0002", "AAA001", "flow.xml", 100, Instant.now(), dir.resolve("failed"), "a disk error");
            int afterParking = ForceCounting.FORCED.get();

            assertAll(
                    () -> assertTrue(afterCommit > beforeCommit, "the commit forced the ledger's file"),
                    () -> assertTrue(afterParking > afterCommit, "so did the parking: its file is in failed/ after it"),
                    () -> assertEquals(Optional.of(Ledger.State.PUBLISHING), ledger.state("AAA001-20261207T100000000-0001")));
        }
    }

    @Test
    void aGroupOfFlowsIsForcedOnceNotOnceAFlow() {
        try (Database database = open()) {
            Ledger ledger = new Ledger(database.dataSource());
            int before = ForceCounting.FORCED.get();
            ledger.inOneTransaction(() -> {
                for (int i = 1; i <= 5; i++) {
                    commit(ledger, "AAA001-20261207T100000000-000" + i);
                }
            });
            int forced = ForceCounting.FORCED.get() - before;

            assertAll(
                    () -> assertTrue(forced >= 1, "the group's commit forced the ledger's file"),
                    () -> assertTrue(forced < 5, "once for the group, not once a flow: " + forced),
                    () -> assertEquals(Optional.of(Ledger.State.PUBLISHING), ledger.state("AAA001-20261207T100000000-0005")));
        }
    }

    private Database open() {
        return Database.open("jdbc:h2:" + ForceCounting.SCHEME + ":" + dir.toAbsolutePath().resolve("ledger") + ";WRITE_DELAY=0", "sa", "");
    }

    private void commit(Ledger ledger, String flowId) {
        FlowOutcome flow = new FlowOutcome(flowId, "AAA001", "flow.xml", 100, SHA.substring(0, 60) + flowId.substring(flowId.length() - 4),
                OffsetDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneOffset.UTC), List.of(), List.of())
                .rejectedWith(new Finding(ReasonCode.F03, "not XML"));
        ledger.commit(flow, Instant.parse("2026-12-07T10:00:00Z"), dir.resolve("archive").resolve(flowId), Map.of(),
                dir.resolve("work").resolve(flowId), List.of(), List.of());
    }

    /** H2's files under {@code forcecount:}, each forcing of a database file counted. */
    public static final class ForceCounting extends FilePathWrapper {
        static final String SCHEME = "forcecount";
        static final AtomicInteger FORCED = new AtomicInteger();

        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public FileChannel open(String mode) throws IOException {
            FileChannel file = super.open(mode);
            boolean database = name.endsWith(".mv.db");
            return new FileBase() {
                @Override
                public int read(ByteBuffer dst) throws IOException {
                    return file.read(dst);
                }

                @Override
                public int read(ByteBuffer dst, long position) throws IOException {
                    return file.read(dst, position);
                }

                @Override
                public int write(ByteBuffer src) throws IOException {
                    return file.write(src);
                }

                @Override
                public int write(ByteBuffer src, long position) throws IOException {
                    return file.write(src, position);
                }

                @Override
                public long position() throws IOException {
                    return file.position();
                }

                @Override
                public FileChannel position(long newPosition) throws IOException {
                    file.position(newPosition);
                    return this;
                }

                @Override
                public long size() throws IOException {
                    return file.size();
                }

                @Override
                public FileChannel truncate(long size) throws IOException {
                    file.truncate(size);
                    return this;
                }

                @Override
                public void force(boolean metaData) throws IOException {
                    if (database) {
                        FORCED.incrementAndGet();
                    }
                    file.force(metaData);
                }

                @Override
                public FileLock tryLock(long position, long size, boolean shared) throws IOException {
                    return file.tryLock(position, size, shared);
                }

                @Override
                protected void implCloseChannel() throws IOException {
                    file.close();
                }
            };
        }
    }
}
