package org.chorusedi.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The flows deposited over the partners' API that the ledger does not hold yet (table {@code api_deposit}): in the
 * database rather than in the answering engine's memory, so that whichever engine takes the deposited file from
 * {@code in/<partner>/} (another node of a cluster, or the same engine after a restart) numbers it with the flow id
 * its client was answered, and any node tells that client it was received. A deposit's row goes in the transaction
 * that records its flow (see {@link Ledger#commit}).
 */
public final class ApiDeposits {

    /** SQLSTATE of a unique key violated, in H2 and in PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    ApiDeposits(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A flow deposited: its id, its partner, the name its client gave it, when it was received. */
    public record Deposit(String flowId, String partner, String name, Instant receivedAt) {
    }

    /**
     * Before the deposited file is linked at {@code dropped}: false when another deposit waits at that path. On disk
     * when it returns, as a commit point is: after a power loss the file found there is still taken under the flow id
     * its client was answered.
     */
    public boolean waitsAt(Deposit deposit, long sizeBytes, Path dropped) {
        try {
            Transactions.forced(dataSource, connection -> {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO api_deposit (flow_id, partner, file_name, received_at, size_bytes, dropped_key)
                        VALUES (?, ?, ?, ?, ?, ?)""")) {
                    insert.setString(1, deposit.flowId());
                    insert.setString(2, deposit.partner());
                    insert.setString(3, deposit.name());
                    insert.setObject(4, OffsetDateTime.ofInstant(deposit.receivedAt(), ZoneOffset.UTC));
                    insert.setLong(5, sizeBytes);
                    insert.setString(6, key(dropped));
                    return insert.executeUpdate();
                }
            });
            return true;
        } catch (Ledger.LedgerException e) {
            if (e.getCause() instanceof SQLException cause && UNIQUE_VIOLATION.equals(cause.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** The deposit was not kept after all (its rename failed): forgotten. */
    public void forget(String flowId) {
        update("DELETE FROM api_deposit WHERE flow_id = ?", flowId);
    }

    /** The deposit waiting at this path with this size, if the file found there is one. */
    public Optional<Deposit> at(Path dropped, long sizeBytes) {
        return query("SELECT flow_id, partner, file_name, received_at FROM api_deposit WHERE dropped_key = ? AND size_bytes = ?",
                key(dropped), sizeBytes);
    }

    /** A deposit not in the ledger yet: received, being taken or decided. */
    public Optional<Deposit> pending(String flowId) {
        return query("SELECT flow_id, partner, file_name, received_at FROM api_deposit WHERE flow_id = ?", flowId);
    }

    /** Its file is taken into work/: the path in in/ is free for a new file. */
    public void taken(String flowId) {
        update("UPDATE api_deposit SET dropped_key = NULL WHERE flow_id = ?", flowId);
    }

    /** Its file, uncommitted, was put back into in/ at this path: taken again under the same flow id. */
    public void putBack(String flowId, Path dropped) {
        update("UPDATE api_deposit SET dropped_key = ? WHERE flow_id = ?", key(dropped), flowId);
    }

    /** In the transaction that records the flow in the ledger: its deposit is the ledger's now. */
    static void recorded(Connection connection, String flowId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM api_deposit WHERE flow_id = ?")) {
            delete.setString(1, flowId);
            delete.executeUpdate();
        }
    }

    private int update(String sql, Object... values) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new Ledger.LedgerException("API deposits: " + e.getMessage(), e);
        }
    }

    private Optional<Deposit> query(String sql, Object... values) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? Optional.of(new Deposit(row.getString(1), row.getString(2), row.getString(3),
                                row.getObject(4, OffsetDateTime.class).toInstant()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new Ledger.LedgerException("API deposits: " + e.getMessage(), e);
        }
    }

    /** A path in the drop directories, as every node names it (they mount the root at the same path). */
    private static String key(Path dropped) {
        try {
            byte[] path = dropped.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(path));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
