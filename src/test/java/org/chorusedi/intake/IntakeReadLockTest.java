package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 6: the read lock checks both that a file stopped changing and that it is old enough,
 * whatever the minimum age; it never waits (a clock that does not move would hold a waiting lock for
 * ever); a file dated in the future is taken once it stayed the same.
 */
class IntakeReadLockTest {

    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration MIN_AGE = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    @Test
    void aFlowLookedAtWhileTheEngineStartsIsTakenAtTheFirstPollOnceTheIntervalHasPassedAndOneChangedSinceIsNot() throws Exception {
        Hand clock = new Hand();
        IntakeReadLock lock = new IntakeReadLock(INTERVAL, MIN_AGE, clock);
        Path partner = Files.createDirectories(dir.resolve("in/AAA001"));
        Path waiting = Files.writeString(partner.resolve("waiting.xml"), "<a/>");
        Path changed = Files.writeString(partner.resolve("changed.xml"), "<a>");
        for (Path file : new Path[] {waiting, changed}) {
            Files.setLastModifiedTime(file, FileTime.from(clock.now.minus(Duration.ofMinutes(5))));
        }
        lock.lookAtWaiting(dir.resolve("in"));
        Files.writeString(changed, "<a></a>");
        clock.advance(INTERVAL);

        assertTrue(lock.settled(waiting), "unchanged for the interval since the first look: taken at the first poll");
        assertFalse(lock.settled(changed), "changed since: looked at again, as by a poll");
        assertFalse(lock.settled(Files.writeString(partner.resolve("new.xml"), "<a/>")), "never seen before");
    }

    @Test
    void anOldFileStillGrowingIsNotTakenUntilItsSizeStaysTheSameForTheInterval() throws Exception {
        Hand clock = new Hand();
        IntakeReadLock lock = new IntakeReadLock(INTERVAL, MIN_AGE, clock);
        Path file = Files.writeString(dir.resolve("growing.xml"), "<a>");
        // Far older than the minimum age: Camel's changed read lock, given a minimum age, takes it at once.
        Files.setLastModifiedTime(file, FileTime.from(clock.now.minus(Duration.ofHours(1))));

        assertFalse(lock.settled(file), "first seen: not known to be settled yet");
        clock.advance(INTERVAL);
        Files.writeString(file, "<a>more", java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, FileTime.from(clock.now.minus(Duration.ofHours(1))));
        assertFalse(lock.settled(file), "its size changed: still being written");
        clock.advance(INTERVAL.minusMillis(1));
        assertFalse(lock.settled(file), "the same for less than the interval");
        clock.advance(Duration.ofMillis(1));
        assertTrue(lock.settled(file), "the same for the interval, and old enough");
    }

    @Test
    void aSettledFileYoungerThanTheMinimumAgeWaitsForIt() throws Exception {
        Hand clock = new Hand();
        IntakeReadLock lock = new IntakeReadLock(INTERVAL, MIN_AGE, clock);
        Path file = Files.writeString(dir.resolve("young.xml"), "<a/>");
        Files.setLastModifiedTime(file, FileTime.from(clock.now));

        assertFalse(lock.settled(file));
        clock.advance(INTERVAL);
        assertFalse(lock.settled(file), "unchanged, but younger than the minimum age");
        clock.advance(MIN_AGE.minus(INTERVAL));
        assertTrue(lock.settled(file));
    }

    @Test
    void aFileDatedInTheFutureCountsItsAgeFromWhenItWasFirstSeenSettled() throws Exception {
        Hand clock = new Hand();
        IntakeReadLock lock = new IntakeReadLock(INTERVAL, MIN_AGE, clock);
        Path file = Files.writeString(dir.resolve("dated-2100.xml"), "<a/>");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2100-01-01T00:00:00Z")));

        assertFalse(lock.settled(file));
        clock.advance(INTERVAL);
        assertFalse(lock.settled(file), "settled for less than the minimum age");
        clock.advance(MIN_AGE.minus(INTERVAL));
        assertTrue(lock.settled(file), "taken: the same for the minimum age, whatever its date");
    }

    @Test
    void aLinkOrAFifoIsLetThroughAtOnceWithoutBeingOpened() throws Exception {
        IntakeReadLock lock = new IntakeReadLock(INTERVAL, MIN_AGE, new Hand());
        Path link = Files.createSymbolicLink(dir.resolve("link.xml"), Path.of("/etc/passwd"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("fifo.xml").toString()).start();
        assertTrue(mkfifo.waitFor() == 0);

        assertTrue(lock.settled(link), "refused by the intake (F10), never opened");
        assertTrue(lock.settled(dir.resolve("fifo.xml")), "a reader opening a FIFO would wait for a writer");
    }
}
