package org.chorusedi.intake;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * At most {@code chorus.intake.threads} flows at once, whichever thread runs them. Camel's threads step runs a flow on
 * the polling thread itself when its queue (1,000 flows) is full: one flow more than the setting, and the heap a large
 * flow takes, which the operator did not plan for. That thread waits for a turn here instead.
 */
final class FlowTurns {

    private final Semaphore turns;

    FlowTurns(int threads) {
        this.turns = new Semaphore(threads, true);
    }

    /** Waits for a turn; false when the engine stops meanwhile (the flow is handed back, not read). */
    boolean take(BooleanSupplier stopping) {
        try {
            while (!turns.tryAcquire(100, TimeUnit.MILLISECONDS)) {
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

    void give() {
        turns.release();
    }
}
