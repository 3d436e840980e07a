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
 * waiting then works on all of them. One group's work at a time; then, while the next group's work may start, what
 * follows it ({@code then}: a wait for the disk, say) before the group's threads go on. The work records each piece's
 * outcome in the piece itself.
 */
final class Grouped<T> {

    private final Consumer<List<T>> work;
    private final Consumer<List<T>> then;
    /** The pieces waiting for the next group. */
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    /** The pieces of the groups being worked on, or followed up. */
    private final Map<T, Boolean> taken = new IdentityHashMap<>();
    private boolean working;

    /** {@code work}: what is done for a group; it must not throw (a piece's failure is recorded in the piece). */
    Grouped(Consumer<List<T>> work) {
        this(work, group -> { });
    }

    /**
     * {@code work}, one group at a time, then {@code then} for the same group, beside the next group's work; neither
     * may throw.
     */
    Grouped(Consumer<List<T>> work, Consumer<List<T>> then) {
        this.work = work;
        this.then = then;
    }

    /**
     * Hands {@code piece} in; returns once the group it joined has been worked on and followed up, by this thread or
     * another.
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
            try {
                work.accept(group);
            } finally {
                synchronized (this) {
                    working = false;
                    notifyAll();
                }
            }
            then.accept(group);
        } finally {
            synchronized (this) {
                group.forEach(taken::remove);
                notifyAll();
            }
        }
    }
}
