package org.chorusedi.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded H2 file to what it holds. H2 writes each commit as a new chunk and frees a chunk once none of its
 * pages is live. The ledger's rows are written once and kept, under keys that fall anywhere in their indexes, so nearly
 * every chunk keeps a few live pages and is never freed. H2's background writer moves such pages into new chunks, and
 * the last chunks into the holes, but it runs only when H2 delays its writes, and the engine has it write every commit
 * at once (WRITE_DELAY=0, {@link DatabaseSettings}). This does that part of its work, on H2's own methods. Measured
 * (bench/ledger-file.sh): 30,000 single files left a file of 1.7 GB, 6 % live, without it; 107 to 121 MB with it.
 */
final class H2Upkeep implements AutoCloseable {

    /** How often the chunks are looked at. */
    private static final long PERIOD_MS = 1000;
    /** Passes without a commit before the engine counts as idle: a pause between two flows is not. */
    private static final int IDLE_PASSES = 5;
    /** Live pages are moved out of their chunks when these hold less live data than this, in % (H2's own, busy). */
    private static final int REWRITE_BELOW = 81;
    /** Chunks are moved towards the file's start when less of it than this is used, in % (AUTO_COMPACT_FILL_RATE). */
    private static final int MOVE_BELOW = 90;

    private static final Logger LOG = LoggerFactory.getLogger(H2Upkeep.class);

    private final MVStore store;
    private final ScheduledExecutorService timer;
    /** The store's version after the last pass: unchanged, nothing was committed since. */
    private long seenVersion = -1;
    /** How many passes in a row found nothing committed since the one before. */
    private int quietPasses;

    private H2Upkeep(MVStore store) {
        this.store = store;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chorus-h2-upkeep");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::pass, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts the upkeep if {@code dataSource} is an H2 file this process serves; else does nothing. */
    static H2Upkeep start(DataSource dataSource) {
        MVStore store = embeddedStore(dataSource);
        return store == null ? null : new H2Upkeep(store);
    }

    private void pass() {
        try {
            if (store.isClosed()) {
                return;
            }
            quietPasses = store.getCurrentVersion() == seenVersion ? quietPasses + 1 : 0;
            boolean idle = quietPasses >= IDLE_PASSES;
            // What H2's own writer moves in a pass: a quarter of the changes it holds before writing, all when idle.
            int budget = store.getAutoCommitMemory();
            if (store.compact(REWRITE_BELOW, idle ? budget : budget / 4)) {
                // Written now, not with the next commit: the chunks they leave empty can be freed from then on.
                store.commit();
            }
            if (idle && store.getFileStore() instanceof RandomAccessStore file) {
                // Frees the empty chunks older than H2's RETENTION_TIME; then, if the file has room, moves its last
                // chunks into the holes and cuts its end. H2 forces the file before it overwrites anything, and
                // holds the commits meanwhile: so only while none come.
                file.compactMoveChunks(MOVE_BELOW, 8L * budget, store);
            }
            seenVersion = store.getCurrentVersion();
        } catch (RuntimeException e) {
            // The next pass tries again; the ledger's commits do not depend on this one.
            LOG.warn("cannot compact the database file: {}", e.toString());
        }
    }

    private static MVStore embeddedStore(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Database.embeddedStore(connection); // null: its upkeep, if any, is elsewhere
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            // A pass under way ends before the pool closes the database under it.
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
