package org.chorusedi.rules;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import net.sf.saxon.s9api.XdmNode;

/**
 * The share of the JVM's heap the EN 16931 rules build invoice trees in: half its maximum heap (-Xmx), the other
 * half left to the rest of the engine. Checking an invoice takes up to {@link #HEAP_PER_OWN_BYTE} times its own
 * bytes of heap (its tree, and the room Saxon and the collector need while it is built and walked: see
 * docs/contributors/performance.md), or {@link #HEAP_PER_NODE} per node of its tree if that is more. Each check
 * holds that much of the share while it runs and waits for it in turn, first come first served: large invoices are
 * checked one after another, whatever the number of rules threads, and an invoice is refused only when it would
 * need more than the whole share.
 * <p>
 * A tree built ahead of its check, from the first pass ({@link InvoiceTree}), holds a {@link Share} of its own,
 * taken only when free with no check waiting. A check that would wait takes such shares back first, oldest first,
 * their trees dropped (their invoices are then parsed from their staged files): only running checks hold the share
 * for good, so a check never waits on a tree whose own check is queued behind it.
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
    /** The share is counted in KiB, as an int: up to 2 TiB. */
    private static final long KIB = 1024;

    private static final RulesHeap THIS_JVM = new RulesHeap(maxHeapOfThisJvm());

    private final long maxHeap;
    private final int shareKib;
    private int freeKib;
    /** Checks waiting for their need, in their order of arrival. */
    private final Deque<Thread> waiting = new ArrayDeque<>();
    /** Trees' shares that are not in a running check, oldest first: taken back when a check would wait. */
    private final Set<Share> takeBack = new LinkedHashSet<>();

    RulesHeap(long maxHeap) {
        this.maxHeap = maxHeap;
        this.shareKib = (int) Math.min(Integer.MAX_VALUE, maxHeap / 2 / KIB);
        this.freeKib = shareKib;
    }

    /** The heap of this JVM: one share for all its engines' rules threads. */
    static RulesHeap ofThisJvm() {
        return THIS_JVM;
    }

    /**
     * The JVM's maximum heap as set (-Xmx, or the JVM's default). Not {@link Runtime#maxMemory}: under the parallel
     * collector, which the launcher gives {@code run}, it leaves out a survivor space (910 MiB of -Xmx1g), and the
     * heap a refusal advises would then not check the invoice.
     */
    static long maxHeapOfThisJvm() {
        return Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("MaxHeapSize").getValue());
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
    private static int needKib(long need) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (need + KIB - 1) / KIB));
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
        int kib = needKib(need);
        take(kib);
        try {
            return check.call();
        } finally {
            give(kib);
        }
    }

    private synchronized void take(int kib) throws InterruptedException {
        Thread self = Thread.currentThread();
        waiting.add(self);
        try {
            while (waiting.peek() != self || freeKib < kib) {
                if (waiting.peek() == self && !takeBack.isEmpty()) {
                    takeBack.iterator().next().dropLocked();
                } else {
                    wait();
                }
            }
            freeKib -= kib;
        } finally {
            waiting.remove(self);
            notifyAll();
        }
    }

    private synchronized void give(int kib) {
        freeKib += kib;
        notifyAll();
    }

    /** A share for a tree about to be built, holding nothing yet. */
    synchronized Share newShare() {
        Share share = new Share();
        takeBack.add(share);
        return share;
    }

    /** Whether a check waits for its turn (for the tests). */
    synchronized boolean checksWaiting() {
        return !waiting.isEmpty();
    }

    /** What is free of the share, in bytes (for the tests). */
    synchronized long free() {
        return freeKib * KIB;
    }

    /** The heap one tree holds from the first pass to the end of its check; its tree is dropped with it. */
    final class Share {
        private int kib;
        private boolean dropped;
        private XdmNode tree;

        /**
         * Holds this much, taking more only when it is free and no check waits, giving back what is over; false
         * (and dropped) when it cannot.
         */
        boolean hold(long need) {
            synchronized (RulesHeap.this) {
                int more = needKib(need) - kib;
                if (dropped || more > 0 && (!waiting.isEmpty() || freeKib < more)) {
                    dropLocked();
                    return false;
                }
                freeKib -= more;
                kib += more;
                RulesHeap.this.notifyAll();
                return true;
            }
        }

        /** The tree built, kept unless its share was taken back meanwhile. */
        void keep(XdmNode built) {
            synchronized (RulesHeap.this) {
                if (!dropped) {
                    tree = built;
                }
            }
        }

        /** The tree, for its check: the share is no longer taken back. Null when it was (or was never kept). */
        XdmNode use() {
            synchronized (RulesHeap.this) {
                if (dropped || tree == null) {
                    dropLocked();
                    return null;
                }
                takeBack.remove(this);
                return tree;
            }
        }

        /** Its check is done, or its flow is: gives everything back. Idempotent. */
        void release() {
            synchronized (RulesHeap.this) {
                dropLocked();
            }
        }

        boolean dropped() {
            synchronized (RulesHeap.this) {
                return dropped;
            }
        }

        private void dropLocked() {
            if (!dropped) {
                dropped = true;
                tree = null;
                takeBack.remove(this);
                freeKib += kib;
                kib = 0;
                RulesHeap.this.notifyAll();
            }
        }
    }
}
