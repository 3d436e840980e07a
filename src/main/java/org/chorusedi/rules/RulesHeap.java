package org.chorusedi.rules;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * The share of the JVM's heap the EN 16931 rules build invoice trees in: half its maximum heap (-Xmx), the other
 * half left to the rest of the engine. Checking an invoice takes up to {@link #HEAP_PER_OWN_BYTE} times its own
 * bytes of heap (its tree, and the room Saxon and the collector need while it is built and walked: see
 * docs/contributors/performance.md). Each check holds that much of the share while it runs and waits for it in
 * turn, first come first served: large invoices are checked one after another, whatever the number of rules
 * threads, and an invoice is refused only when it would need more than the whole share.
 */
final class RulesHeap {

    /** What a check takes of the heap per byte of the invoice, its attachments aside (measured: 3.3 to 4.0). */
    static final int HEAP_PER_OWN_BYTE = 4;
    /** A semaphore counts in int: the share is counted in KiB, up to 2 TiB. */
    private static final long KIB = 1024;

    private static final RulesHeap THIS_JVM = new RulesHeap(Runtime.getRuntime().maxMemory());

    private final long maxHeap;
    private final int shareKib;
    private final Semaphore free;

    RulesHeap(long maxHeap) {
        this.maxHeap = maxHeap;
        this.shareKib = (int) Math.min(Integer.MAX_VALUE, maxHeap / 2 / KIB);
        this.free = new Semaphore(shareKib, true);
    }

    /** The heap of this JVM: one share for all its engines' rules threads. */
    static RulesHeap ofThisJvm() {
        return THIS_JVM;
    }

    long maxHeap() {
        return maxHeap;
    }

    /** The heap the rules' trees may take at once. */
    long share() {
        return shareKib * KIB;
    }

    /** The largest invoice the share can take, its attachments aside. */
    long maxInvoiceBytes() {
        return share() / HEAP_PER_OWN_BYTE;
    }

    /** The heap checking an invoice of so many own bytes takes. */
    static long need(long ownBytes) {
        return ownBytes * HEAP_PER_OWN_BYTE;
    }

    /** The smallest maximum heap whose share checks an invoice of so many own bytes. */
    static long heapFor(long ownBytes) {
        return needKib(ownBytes) * KIB * 2;
    }

    /** Rounded up: an invoice within maxInvoiceBytes() never asks for more than the whole share. */
    private static long needKib(long ownBytes) {
        return Math.max(1, (need(ownBytes) + KIB - 1) / KIB);
    }

    /**
     * The check of an invoice within {@link #maxInvoiceBytes()}, once its need is free in the share.
     *
     * @throws InterruptedException when the thread is interrupted while it waits (its flow was given up)
     */
    <T> T check(long ownBytes, Callable<T> check) throws Exception {
        if (ownBytes > maxInvoiceBytes()) {
            throw new IllegalArgumentException(ownBytes + " bytes are over the share's " + maxInvoiceBytes());
        }
        int kib = (int) needKib(ownBytes);
        free.acquire(kib);
        try {
            return check.call();
        } finally {
            free.release(kib);
        }
    }

    /** Whether a check waits for its turn (for the tests). */
    boolean checksWaiting() {
        return free.hasQueuedThreads();
    }
}
