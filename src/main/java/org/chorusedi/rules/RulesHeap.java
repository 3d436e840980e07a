package org.chorusedi.rules;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * The share of the JVM's heap the EN 16931 rules build invoice trees in: half its maximum heap (-Xmx), the other
 * half left to the rest of the engine. Checking an invoice takes up to {@link #HEAP_PER_OWN_BYTE} times its own
 * bytes of heap (its tree, and the room Saxon and the collector need while it is built and walked: see
 * docs/contributors/performance.md), or {@link #HEAP_PER_NODE} per node of its tree if that is more. Each check
 * holds that much of the share while it runs and waits for it in turn, first come first served: large invoices are
 * checked one after another, whatever the number of rules threads, and an invoice is refused only when it would
 * need more than the whole share.
 */
final class RulesHeap {

    /** What a check takes of the heap per byte of the invoice, its attachments aside (measured: 3.3 to 4.0 with the baseline). */
    static final int HEAP_PER_OWN_BYTE = 4;
    /**
     * What a check takes per node of its tree (element, attribute or text, as read), should the nodes ask more than
     * the bytes: below 20 bytes a node (measured, the engine's baseline aside: 47 to 52 for the generated invoices, 17
     * bytes a node; 53 to 78 for an invoice of empty notes, 6 bytes a node).
     */
    static final int HEAP_PER_NODE = 80;
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

    /** The heap checking an invoice of so many own bytes and nodes takes. */
    static long need(long ownBytes, long treeNodes) {
        return Math.max(ownBytes * HEAP_PER_OWN_BYTE, treeNodes * HEAP_PER_NODE);
    }

    /** Whether the share can take a check that needs so much. */
    boolean fits(long need) {
        return needKib(need) <= shareKib;
    }

    /** The smallest maximum heap whose share takes a check that needs so much. */
    static long heapFor(long need) {
        return needKib(need) * KIB * 2;
    }

    /** Rounded up: a check that fits never asks for more than the whole share. */
    private static long needKib(long need) {
        return Math.max(1, (need + KIB - 1) / KIB);
    }

    /**
     * A check that fits, once what it needs is free in the share.
     *
     * @throws InterruptedException when the thread is interrupted while it waits (its flow was given up)
     */
    <T> T check(long need, Callable<T> check) throws Exception {
        if (!fits(need)) {
            throw new IllegalArgumentException(need + " bytes are over the share's " + share());
        }
        int kib = (int) needKib(need);
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
