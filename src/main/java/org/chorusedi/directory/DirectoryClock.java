package org.chorusedi.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The directory_clock row. A write transaction locks it until it ends and dates its changes after
 * the last snapshot time handed out; an extract locks it for a moment to take its snapshot time.
 * So a change dated at or before a snapshot time was committed before that snapshot was taken, and
 * every later change is dated after it: a DELTA that starts from a snapshot time misses nothing.
 */
final class DirectoryClock {

    private static final String LOCK = "SELECT last_snapshot FROM directory_clock WHERE id = 1 FOR UPDATE";
    private static final String MARK = "UPDATE directory_clock SET last_snapshot = ? WHERE id = 1";

    private DirectoryClock() {
    }

    /** In a write transaction: holds the lock until the transaction ends; returns the time to date its changes. */
    static OffsetDateTime lockForWrite(Connection connection, Clock clock) throws SQLException {
        return OffsetDateTime.ofInstant(after(clock, lock(connection)), ZoneOffset.UTC);
    }

    /** In a transaction of its own, committed here: a time after every committed change and before every later one. */
    static Instant snapshot(Connection connection, Clock clock) throws SQLException {
        Instant time = after(clock, lock(connection));
        try (PreparedStatement mark = connection.prepareStatement(MARK)) {
            mark.setObject(1, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
            mark.executeUpdate();
        }
        connection.commit();
        return time;
    }

    private static Instant lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK); ResultSet row = lock.executeQuery()) {
            row.next();
            OffsetDateTime last = row.getObject(1, OffsetDateTime.class);
            return last == null ? null : last.toInstant();
        }
    }

    /** The clock's time, but strictly after the last snapshot even if the clock stands still or steps back. */
    private static Instant after(Clock clock, Instant lastSnapshot) {
        // Microseconds: what both databases keep of a timestamp.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (lastSnapshot == null || now.isAfter(lastSnapshot)) {
            return now;
        }
        return lastSnapshot.plus(1, ChronoUnit.MICROS);
    }
}
