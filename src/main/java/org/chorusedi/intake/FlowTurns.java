package org.chorusedi.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.chorusedi.archive.ArchiveFormat;

/**
 * At most {@code chorus.intake.threads} flows at once, whichever thread runs them, and of them at most
 * {@code chorus.intake.large-flows} large ones. Camel's threads step runs a flow on the polling thread itself when its
 * queue (1,000 flows) is full: one flow more than the setting, which the operator did not plan for. That thread waits
 * for a turn here instead. Small flows (most single invoices) hold a few MB of heap and mostly wait for their forcing
 * to disk: many at once keep the cores busy. A large flow holds about 120 MB while it is read, whatever its size: the
 * heap the operator gives is planned by the large flows at once.
 */
final class FlowTurns {

    /**
     * A flow of this size or less that is not an archive is small: its invoice's tree for the rules is at most
     * 1 MiB too (rules.InvoiceTree), and its reading holds a few MB.
     */
    static final long SMALL_FLOW_BYTES = 1 << 20;
    /** Enough for the magic numbers of gzip and zip: a small archive may hold a large flow. */
    private static final int HEAD = 4;

    /** The turn a flow holds, to give back. */
    enum Turn { SMALL, LARGE }

    private final Semaphore turns;
    private final Semaphore large;

    FlowTurns(int threads, int largeFlows) {
        this.turns = new Semaphore(threads, true);
        this.large = new Semaphore(largeFlows, true);
    }

    /**
     * Waits for a turn for the flow whose file is there (in its drop directory, or taken by an earlier attempt); null
     * when the engine stops meanwhile (the flow is handed back, not read).
     */
    Turn take(Path file, BooleanSupplier stopping) {
        if (!acquire(turns, stopping)) {
            return null;
        }
        if (!isLarge(file)) {
            return Turn.SMALL;
        }
        if (!acquire(large, stopping)) {
            turns.release();
            return null;
        }
        return Turn.LARGE;
    }

    void give(Turn turn) {
        if (turn == Turn.LARGE) {
            large.release();
        }
        turns.release();
    }

    /** Over {@link #SMALL_FLOW_BYTES}, or an archive. A file that cannot be looked at is small: it fails at once. */
    static boolean isLarge(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return false; // never opened (F10)
            }
            if (attributes.size() > SMALL_FLOW_BYTES) {
                return true;
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                head = in.readNBytes(HEAD);
            }
            return ArchiveFormat.isGzip(head) || ArchiveFormat.isZip(head);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean acquire(Semaphore semaphore, BooleanSupplier stopping) {
        try {
            while (!semaphore.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (stopping.getAsBoolean()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
