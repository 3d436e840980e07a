package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.chorusedi.intake.FlowTurns.Turn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake's turns: no more flows at once than chorus.intake.threads (a flow beyond them, Camel's polling thread
 * running it because the threads step's queue is full, waits for one to end), of them no more large ones than
 * chorus.intake.large-flows; a flow waiting when the engine stops is handed back.
 */
class FlowTurnsTest {

    @TempDir
    Path folder;
    private Path small;
    private Path large;

    @BeforeEach
    void files() throws IOException {
        small = Files.writeString(folder.resolve("invoice.xml"), "<Invoice/>");
        large = Files.write(folder.resolve("batch.xml"), new byte[(int) FlowTurns.SMALL_FLOW_BYTES + 1]);
    }

    @Test
    void aThirdFlowWaitsUntilOneOfTheTwoEnds() throws Exception {
        FlowTurns turns = new FlowTurns(2, 2);
        assertEquals(Turn.SMALL, turns.take(small, () -> false));
        assertEquals(Turn.SMALL, turns.take(small, () -> false));

        CompletableFuture<Turn> taken = waitingTake(turns, small, () -> false);
        assertFalse(taken.isDone(), "the third flow runs beside the two");

        turns.give(Turn.SMALL);
        assertEquals(Turn.SMALL, taken.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSecondLargeFlowWaitsWhileSmallFlowsGoOn() throws Exception {
        FlowTurns turns = new FlowTurns(4, 1);
        assertEquals(Turn.LARGE, turns.take(large, () -> false));

        CompletableFuture<Turn> taken = waitingTake(turns, large, () -> false);
        assertFalse(taken.isDone(), "two large flows at once");
        // The large flow waiting holds one of the four turns: two are left for small flows.
        assertEquals(Turn.SMALL, turns.take(small, () -> false));
        assertEquals(Turn.SMALL, turns.take(small, () -> false));

        turns.give(Turn.LARGE);
        assertEquals(Turn.LARGE, taken.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFlowWaitingWhenTheEngineStopsIsHandedBack() throws Exception {
        FlowTurns turns = new FlowTurns(1, 1);
        assertEquals(Turn.SMALL, turns.take(small, () -> false));
        AtomicBoolean stopping = new AtomicBoolean();

        CompletableFuture<Turn> taken = waitingTake(turns, small, stopping::get);
        stopping.set(true);

        assertNull(taken.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aLargeFlowHandedBackGivesItsTurnBack() throws Exception {
        FlowTurns turns = new FlowTurns(2, 1);
        assertEquals(Turn.LARGE, turns.take(large, () -> false));
        AtomicBoolean stopping = new AtomicBoolean();

        CompletableFuture<Turn> taken = waitingTake(turns, large, stopping::get);
        stopping.set(true);
        assertNull(taken.get(10, TimeUnit.SECONDS));

        assertEquals(Turn.SMALL, turns.take(small, () -> true), "the turn it waited with is free again");
    }

    @Test
    void archivesAndFilesOverOneMebibyteAreLarge() throws IOException {
        Path gzip = folder.resolve("flow.xml.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write("<Invoice/>".getBytes());
        }
        Path zip = folder.resolve("flow.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("invoice.xml"));
            out.write("<Invoice/>".getBytes());
        }
        Path exactlyOneMebibyte = Files.write(folder.resolve("edge.xml"), new byte[(int) FlowTurns.SMALL_FLOW_BYTES]);
        Path link = Files.createSymbolicLink(folder.resolve("link.xml"), large);

        assertFalse(FlowTurns.isLarge(small));
        assertFalse(FlowTurns.isLarge(exactlyOneMebibyte));
        assertTrue(FlowTurns.isLarge(large));
        assertTrue(FlowTurns.isLarge(gzip), "a small gzip may hold a large flow");
        assertTrue(FlowTurns.isLarge(zip), "a small zip may hold a large flow");
        assertFalse(FlowTurns.isLarge(link), "a link is never read (F10)");
        assertFalse(FlowTurns.isLarge(folder.resolve("gone.xml")), "a file gone fails at once");
    }

    /** Asks for a turn on another thread, once that thread waits for it in a semaphore. */
    private static CompletableFuture<Turn> waitingTake(FlowTurns turns, Path file, BooleanSupplier stopping)
            throws InterruptedException {
        Thread[] thread = new Thread[1];
        CompletableFuture<Turn> taken = CompletableFuture.supplyAsync(() -> {
            thread[0] = Thread.currentThread();
            return turns.take(file, stopping);
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread[0] == null || thread[0].getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the flow never came to wait for its turn");
            Thread.sleep(5);
        }
        return taken;
    }
}
