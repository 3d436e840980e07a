package org.chorusedi.flow;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.chorusedi.logging.FlowLog;

/**
 * Writes a flow's small staged invoices on a thread of its own: creating a file costs far more than
 * parsing a small invoice on some file systems, and the parser need not wait for it. At most
 * {@link #PENDING_KIB} KiB wait to be written, so memory stays bounded.
 */
final class StagingWriter implements AutoCloseable {

    private static final int PENDING_KIB = 16 * 1024;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "chorus-staging");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore pending = new Semaphore(PENDING_KIB);
    /** The first failure of the staging thread, an Error included: the flow's reader throws it. */
    private volatile Throwable failure;

    void write(Path file, byte[] bytes, int length) throws IOException {
        throwFailure();
        int kib = Math.max(1, length / 1024);
        try {
            pending.acquire(kib);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while staging " + file);
        }
        thread.execute(FlowLog.carried(() -> {
            try (var out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(bytes, 0, length);
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                pending.release(kib);
            }
        }));
    }

    /** Waits until everything is written; throws the first failure. */
    void finish() throws IOException {
        thread.shutdown();
        try {
            while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                // a slow disk: keep waiting, the flow is not complete before its invoices are staged
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while staging");
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
        thread.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (thread.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
