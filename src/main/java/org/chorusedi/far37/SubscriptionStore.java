package org.chorusedi.far37;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where each subscriber's extracts stand (table far37_subscription). */
public final class SubscriptionStore {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStore.class);

    /** A subscriber's last published extract, and its last published FULL. */
    public record Subscription(String partner, long lastSequence, Instant lastPublished, Instant lastFull) {
    }

    /** What must happen in the transaction that advances a subscription, last before it commits. */
    @FunctionalInterface
    interface Publishing {
        void run() throws IOException;
    }

    private static final String FIND = "SELECT partner_code, last_sequence, last_published, last_full"
            + " FROM far37_subscription WHERE partner_code = ?";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String INSERT = "INSERT INTO far37_subscription"
            + " (last_sequence, last_published, last_full, partner_code) VALUES (?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE far37_subscription"
            + " SET last_sequence = ?, last_published = ?, last_full = ? WHERE partner_code = ?";

    private final DataSource dataSource;

    public SubscriptionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empty until the subscriber's first extract is published. */
    public Optional<Subscription> find(String partner) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, FIND, partner);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the FAR37 subscription of " + partner + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code next} as the subscriber's state, provided it is still {@code previous} (empty: no
     * extract yet), with {@code publishing} run last before the commit. Throws, recording nothing,
     * when the state moved meanwhile, when {@code publishing} fails, or when the database does. A
     * commit reported as failed may have been applied all the same (a connection lost during COMMIT):
     * the database is then asked what it holds; recorded, this returns; not recorded, it throws;
     * when it cannot be told, it throws {@link UnclearCommit}.
     */
    void advance(Optional<Subscription> previous, Subscription next, Publishing publishing) throws IOException {
        SQLException commitFailure;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<Subscription> current = find(connection, LOCK, next.partner());
                if (!current.equals(previous)) {
                    throw new IllegalStateException("the FAR37 subscription of " + next.partner()
                            + " changed during the publication (another process published for it)");
                }
                try (PreparedStatement write = connection.prepareStatement(current.isPresent() ? UPDATE : INSERT)) {
                    write.setLong(1, next.lastSequence());
                    write.setObject(2, utc(next.lastPublished()));
                    write.setObject(3, utc(next.lastFull()));
                    write.setString(4, next.partner());
                    write.executeUpdate();
                }
                publishing.run();
            } catch (IOException | RuntimeException | SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            try {
                connection.commit();
                connection.setAutoCommit(true);
                return;
            } catch (SQLException e) {
                commitFailure = e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the FAR37 subscription of " + next.partner() + ": "
                    + e.getMessage(), e);
        }
        settle(previous, next, commitFailure);
    }

    /** After a commit reported as failed: returns if it was applied all the same, else throws. */
    private void settle(Optional<Subscription> previous, Subscription next, SQLException commitFailure) {
        Optional<Subscription> recorded;
        try {
            recorded = find(next.partner());
        } catch (IllegalStateException e) {
            throw new UnclearCommit("the commit of the FAR37 subscription of " + next.partner() + " failed ("
                    + commitFailure.getMessage() + ") and whether it was applied cannot be read: " + e.getMessage());
        }
        if (recorded.equals(Optional.of(next))) {
            LOG.warn("the commit of the FAR37 subscription of {} was reported as failed ({}), but the database holds it:"
                    + " extract {} is published", next.partner(), commitFailure.getMessage(), next.lastSequence());
            return;
        }
        if (recorded.equals(previous)) {
            throw new IllegalStateException("cannot record the FAR37 subscription of " + next.partner()
                    + ", its commit failed: " + commitFailure.getMessage(), commitFailure);
        }
        throw new UnclearCommit("the commit of the FAR37 subscription of " + next.partner() + " failed ("
                + commitFailure.getMessage() + ") and the database now holds sequence "
                + recorded.map(Subscription::lastSequence).orElse(0L) + ", neither the one before nor this one");
    }

    /** Whether a subscription was recorded cannot be told: what it would have recorded must be left as it is. */
    static final class UnclearCommit extends IllegalStateException {
        UnclearCommit(String message) {
            super(message);
        }
    }

    private static Optional<Subscription> find(Connection connection, String sql, String partner) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, partner);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Subscription(row.getString(1), row.getLong(2),
                        row.getObject(3, OffsetDateTime.class).toInstant(),
                        row.getObject(4, OffsetDateTime.class).toInstant()));
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
