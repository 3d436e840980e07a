package org.chorusedi.intake;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Work that threads hand in one piece at a time, done for every piece waiting at once by one of them (the group
 * commit's pattern): a thread whose piece arrives while a group is being worked on waits, and the first of those
 * waiting then works on all of them. One group at a time; the work records each piece's outcome in the piece itself.
 */
final class Grouped<T> {

    private final Consumer<List<T>> work;
    /** The pieces waiting for the next group. */
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    /** The pieces of the group being worked on. */
    private final Map<T, Boolean> taken = new IdentityHashMap<>();
    private boolean working;

    /** {@code work}: what is done for a group; it must not throw (a piece's failure is recorded in the piece). */
    Grouped(Consumer<List<T>> work) {
        this.work = work;
    }

    /**
     * Hands {@code piece} in; returns once the group it joined has been worked on, by this thread or another.
     *
     * @throws InterruptedIOException when interrupted before a group took the piece (nothing was done with it); once
     *         taken, the thread waits for its group's end whatever happens, and keeps its interrupt
     */
    void run(T piece) throws InterruptedIOException {
        List<T> group;
        synchronized (this) {
            waiting.add(piece);
            boolean interrupted = false;
            while (waiting.contains(piece) ? working : taken.containsKey(piece)) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    if (waiting.remove(piece)) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for its group");
                    }
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (!waiting.contains(piece)) {
                return;
            }
            group = new ArrayList<>(waiting);
            waiting.clear();
            group.forEach(p -> taken.put(p, Boolean.TRUE));
            working = true;
        }
        try {
            work.accept(group);
        } finally {
            synchronized (this) {
                group.forEach(taken::remove);
                working = false;
                notifyAll();
            }
        }
    }
}
