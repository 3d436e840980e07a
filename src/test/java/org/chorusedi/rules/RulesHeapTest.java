package org.chorusedi.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.validation.Syntax;
import org.junit.jupiter.api.Test;

/**
 * The largest invoice the EN 16931 rules check follows the maximum heap, whatever the number of rules threads:
 * half the heap for the trees, four bytes of heap per byte of invoice or 80 per node of its tree, whichever is more;
 * large invoices take their turn; a tree built ahead of its check takes only what is free with no check waiting.
 */
class RulesHeapTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void theLargestInvoiceOfTwentyBytesANodeIsAnEighthOfTheMaximumHeap() {
        for (long heap : new long[] {32 * MIB, 256 * MIB, 512 * MIB, 1024 * MIB}) {
            long largest = heap / 8;
            assertTrue(new RulesHeap(heap).fits(RulesHeap.need(largest, largest / 20)), heap + ": " + largest);
            assertFalse(new RulesHeap(heap).fits(RulesHeap.need(largest + 1024, largest / 20)), heap + ": " + largest);
        }
        // A heap past what a semaphore counts in KiB: its share stops at 2 TiB.
        assertEquals(Integer.MAX_VALUE * 1024L, new RulesHeap(Long.MAX_VALUE).share());
    }

    @Test
    void theHeapAnInvoiceNeedsIsTheOneItsDerivedCapAdmits() {
        // The generated 100 MB invoice: 190,000 lines, 5,890,135 nodes as read.
        long need = RulesHeap.need(100_480_693, 5_890_135);
        assertEquals(5_890_135L * 80, need, "its nodes ask more than its bytes");
        assertEquals(899 * MIB, (RulesHeap.heapFor(need) + MIB - 1) / MIB * MIB, "898.7 MiB");
        assertTrue(new RulesHeap(RulesHeap.heapFor(need)).fits(need));
        assertFalse(new RulesHeap(RulesHeap.heapFor(need) - 2 * MIB).fits(need));
        assertTrue(new RulesHeap(1024 * MIB).fits(need), "a 100 MB invoice is checked with -Xmx1g");
    }

    @Test
    void aDenseInvoiceIsHeldToItsNodes() {
        // Two MiB of empty elements: a node every 6 bytes asks 15 bytes of heap per byte.
        long need = RulesHeap.need(2 * MIB, 2 * MIB / 6);
        assertEquals(2 * MIB / 6 * 80, need);
        assertTrue(new RulesHeap(32 * MIB).fits(RulesHeap.need(2 * MIB, 0)), "within what its bytes would be allowed");
        assertFalse(new RulesHeap(32 * MIB).fits(need));
        assertTrue(new RulesHeap(RulesHeap.heapFor(need)).fits(need));
    }

    @Test
    void anInvoiceOverTheShareIsNeverWaitedFor() {
        RulesHeap heap = new RulesHeap(32 * MIB);
        assertThrows(IllegalArgumentException.class, () -> heap.check(heap.share() + 1, () -> "checked"));
    }

    @Test
    void anInvoiceOfTheWholeShareIsChecked() throws Exception {
        RulesHeap heap = new RulesHeap(32 * MIB + 1000);
        assertEquals("checked", heap.check(heap.share(), () -> "checked"));
    }

    @Test
    void twoLargeInvoicesAreCheckedOneAfterTheOther() throws Exception {
        RulesHeap heap = new RulesHeap(1024 * MIB);
        long large = heap.share() * 2 / 3;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstRunning = new CountDownLatch(1);
            CountDownLatch firstMayEnd = new CountDownLatch(1);
            AtomicBoolean secondRan = new AtomicBoolean();
            Future<?> first = threads.submit(() -> heap.check(large, () -> {
                firstRunning.countDown();
                firstMayEnd.await();
                return null;
            }));
            firstRunning.await();
            Future<?> second = threads.submit(() -> heap.check(large, () -> secondRan.getAndSet(true)));
            while (!heap.checksWaiting()) {
                Thread.onSpinWait();
            }
            assertFalse(secondRan.get(), "the second waits while the first's tree is in the heap");
            firstMayEnd.countDown();
            first.get();
            second.get();
            assertTrue(secondRan.get());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aTreeBuiltAheadNeverTakesTheHeapACheckWaitsFor() throws Exception {
        RulesHeap heap = new RulesHeap(1024 * MIB);
        long large = heap.share() * 2 / 3;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstRunning = new CountDownLatch(1);
            CountDownLatch firstMayEnd = new CountDownLatch(1);
            Future<?> first = threads.submit(() -> heap.check(large, () -> {
                firstRunning.countDown();
                firstMayEnd.await();
                return null;
            }));
            firstRunning.await();
            Future<?> second = threads.submit(() -> heap.check(large, () -> null));
            while (!heap.checksWaiting()) {
                Thread.onSpinWait();
            }
            RulesHeap.Share tree = heap.newShare();
            assertFalse(tree.hold(MIB), "free, but a check waits for it: the tree is not built");
            assertTrue(tree.dropped());
            firstMayEnd.countDown();
            first.get();
            second.get();
            assertTrue(heap.newShare().hold(MIB), "no check waits: a tree is built");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aTooLargeInvoiceIsRefusedSayingWhatHeapWouldCheckIt() throws Exception {
        RulesControl rules = new RulesControl(RuleLevel.REJECT, Map.of(), null, new RulesHeap(256 * MIB));
        RulesControl.Invoice invoice = new RulesControl.Invoice("invoice 'F-1' (document 1 of the flow)", Syntax.UBL_INVOICE,
                Path.of("never-read.xml"), 40 * MIB, 1_000_000, null);

        List<RulesControl.Verdict> verdicts = rules.check("AAA001", List.of(invoice));

        assertEquals(1, verdicts.get(0).rejections().size());
        assertEquals(ReasonCode.I20, verdicts.get(0).rejections().get(0).code());
        assertEquals("invoice 'F-1' (document 1 of the flow): EN16931-SIZE: the invoice weighs 41943040 bytes without its"
                + " attachments, a tree of 1000000 nodes: the EN 16931 rules would need 160 MiB of heap to check it, over the 128 MiB they may take"
                + " of this engine's 256 MiB (half); a maximum heap of 320 MiB (-Xmx) would check it at /",
                verdicts.get(0).rejections().get(0).description());
    }
}
