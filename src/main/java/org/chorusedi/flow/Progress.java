package org.chorusedi.flow;

import java.util.function.LongSupplier;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a long flow's progress at a steady interval: bytes and invoices done, rate, estimate. */
final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final long INTERVAL_NANOS = 10_000_000_000L;

    /** The sender's file name, fit for a log line (no control character can forge one). */
    private final String name;
    private final long totalBytes;
    private final LongSupplier bytesRead;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastLog = start;

    Progress(String name, long totalBytes, LongSupplier bytesRead) {
        this(name, totalBytes, bytesRead, INTERVAL_NANOS);
    }

    Progress(String name, long totalBytes, LongSupplier bytesRead, long intervalNanos) {
        this.name = Printable.of(name);
        this.totalBytes = totalBytes;
        this.bytesRead = bytesRead;
        this.intervalNanos = intervalNanos;
    }

    void invoiceDone(int invoices) {
        long now = System.nanoTime();
        if (now - lastLog < intervalNanos) {
            return;
        }
        lastLog = now;
        long read = bytesRead.getAsLong();
        double seconds = (now - start) / 1e9;
        double rate = read / seconds;
        long remaining = rate > 0 ? (long) ((totalBytes - read) / rate) : -1;
        LOG.info("{}: {} MB of {} MB read, {} invoice(s), {} MB/s, about {} s left", name, read / 1_000_000,
                totalBytes / 1_000_000, invoices, String.format("%.1f", rate / 1e6), remaining);
    }
}
