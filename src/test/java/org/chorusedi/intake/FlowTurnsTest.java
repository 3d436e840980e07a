package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The intake's turns: with two threads configured, a third flow (Camel's polling thread running it because the
 * threads step's queue is full) waits for one of the two to end; a flow waiting when the engine stops is handed back.
 */
class FlowTurnsTest {

    @Test
    void aThirdFlowWaitsUntilOneOfTheTwoEnds() throws Exception {
        FlowTurns turns = new FlowTurns(2);
        assertTrue(turns.take(() -> false));
        assertTrue(turns.take(() -> false));

        Thread[] third = new Thread[1];
        CompletableFuture<Boolean> taken = CompletableFuture.supplyAsync(() -> {
            third[0] = Thread.currentThread();
            return turns.take(() -> false);
        });
        awaitWaiting(third);
        assertFalse(taken.isDone(), "the third flow runs beside the two");

        turns.give();
        assertTrue(taken.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFlowWaitingWhenTheEngineStopsIsHandedBack() throws Exception {
        FlowTurns turns = new FlowTurns(1);
        assertTrue(turns.take(() -> false));
        AtomicBoolean stopping = new AtomicBoolean();

        Thread[] waiting = new Thread[1];
        CompletableFuture<Boolean> taken = CompletableFuture.supplyAsync(() -> {
            waiting[0] = Thread.currentThread();
            return turns.take(stopping::get);
        });
        awaitWaiting(waiting);
        stopping.set(true);

        assertEquals(false, taken.get(10, TimeUnit.SECONDS));
    }

    /** Until the thread is parked in the semaphore. */
    private static void awaitWaiting(Thread[] thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread[0] == null || thread[0].getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the flow never came to wait for its turn");
            Thread.sleep(5);
        }
    }
}
