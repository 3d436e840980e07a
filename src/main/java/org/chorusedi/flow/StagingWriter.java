package org.chorusedi.flow;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.chorusedi.logging.FlowLog;

/**
 * Writes a flow's small staged invoices beside its parser: creating a file costs far more than parsing a small
 * invoice on some file systems, and the parser need not wait for it. At most {@link #PENDING_KIB} KiB wait to be
 * written, so memory stays bounded. A flow's writes run one at a time, in order, on a thread of a pool every flow
 * shares: a thread started for each flow cost a fifth of a single-invoice flow's CPU
 * (docs/contributors/performance.md, "A staging thread per flow").
 */
final class StagingWriter implements AutoCloseable {

    private static final int PENDING_KIB = 16 * 1024;
    /** Shared by the flows being read: a thread per flow writing at the moment; an idle one ends after a minute. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "chorus-staging");
        t.setDaemon(true);
        return t;
    });

    private final Semaphore pending = new Semaphore(PENDING_KIB);
    /** The first failure of a write, an Error included: the flow's reader throws it. */
    private volatile Throwable failure;
    /** This flow's writes not started yet (guarded by this). */
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /** Whether a thread of the pool is writing this flow's files (guarded by this). */
    private boolean draining;

    void write(Path file, byte[] bytes, int length) throws IOException {
        throwFailure();
        int kib = Math.max(1, length / 1024);
        try {
            pending.acquire(kib);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while staging " + file);
        }
        Runnable task = FlowLog.carried(() -> {
            try (var out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(bytes, 0, length);
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                pending.release(kib);
            }
        });
        synchronized (this) {
            queue.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            THREADS.execute(this::drain);
        } catch (RuntimeException | Error e) {
            // no thread to write them (none could be started): the flow fails, and finish() must not wait
            synchronized (this) {
                queue.clear();
                draining = false;
                notifyAll();
            }
            throw e;
        }
    }

    /** This flow's writes, in order, until none is left. */
    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    notifyAll();
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable e) { // what the write itself let through: its thread must go on, or finish() waits for ever
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }

    /** Waits until everything is written; throws the first failure. */
    void finish() throws IOException {
        synchronized (this) {
            while (draining) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while staging");
                }
            }
        }
        throwFailure();
    }

    private void throwFailure() throws IOException {
        Throwable failed = failure;
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
    }

    /**
     * Drops the writes still queued and waits for the one under way: a flow rejected as a whole has its
     * staging folder removed next, and no write may land in it after that.
     */
    @Override
    public void close() {
        boolean interrupted = false;
        synchronized (this) {
            queue.clear();
            while (draining) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
