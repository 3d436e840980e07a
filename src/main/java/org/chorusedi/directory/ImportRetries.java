package org.chorusedi.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The directory files whose import failed for a reason other than their content (the database or
 * the disk), counted since the engine started: each waits before it is tried again, twice as long
 * after each failure, and has a bounded number of attempts. A file replaced meanwhile (another size
 * or date) starts again from its first attempt.
 */
final class ImportRetries {

    private record Failures(long size, Instant modified, int count, Instant next) {
    }

    private final int attempts;
    private final Duration firstDelay;
    private final Clock clock;
    private final Map<Path, Failures> failures = new HashMap<>();

    ImportRetries(int attempts, Duration firstDelay, Clock clock) {
        this.attempts = attempts;
        this.firstDelay = firstDelay;
        this.clock = clock;
    }

    /** How many attempts a file has before it is rejected. */
    int attempts() {
        return attempts;
    }

    /** False while the file waits for its next attempt. */
    synchronized boolean due(Path file) {
        Failures known = failures.get(file);
        if (known != null && !sameFile(file, known)) {
            failures.remove(file);
            return true;
        }
        return known == null || !clock.instant().isBefore(known.next());
    }

    /**
     * Records a failed attempt and returns its number, from 1: the file then waits {@link #delay(int)}
     * before it is tried again, until it is {@link #forget forgotten} (once it has left the folder).
     */
    synchronized int failed(Path file) {
        Failures known = failures.get(file);
        int count = known == null || !sameFile(file, known) ? 1 : known.count() + 1;
        BasicFileAttributes attributes = attributes(file);
        failures.put(file, new Failures(attributes == null ? -1 : attributes.size(),
                attributes == null ? Instant.MIN : attributes.lastModifiedTime().toInstant(), count,
                clock.instant().plus(delay(count))));
        return count;
    }

    /** How long a file waits after its {@code failed}-th failed attempt. */
    Duration delay(int failed) {
        return firstDelay.multipliedBy(1L << Math.min(failed - 1, 20));
    }

    synchronized void forget(Path file) {
        failures.remove(file);
    }

    private static boolean sameFile(Path file, Failures known) {
        BasicFileAttributes attributes = attributes(file);
        return attributes != null && attributes.size() == known.size()
                && attributes.lastModifiedTime().toInstant().equals(known.modified());
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
