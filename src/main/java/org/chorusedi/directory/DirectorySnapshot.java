package org.chorusedi.directory;

import static org.chorusedi.directory.DirectoryRows.SERVICE_COLUMNS;
import static org.chorusedi.directory.DirectoryRows.STRUCTURE_COLUMNS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One consistent read of the directory (a repeatable-read transaction: a snapshot in H2 and
 * PostgreSQL alike), for an extract: every structure, or those changed after a time, itself or
 * through any of its services. Each comes with all its services. Two cursors
 * walk the structures and the services in key order, so one structure at a time is in memory.
 */
public final class DirectorySnapshot implements AutoCloseable {

    /** What to do with each structure; may throw, which ends the read. */
    @FunctionalInterface
    public interface EntryAction<E extends Exception> {
        void accept(StructureEntry entry) throws E;
    }

    // Rows fetched per round trip; PostgreSQL only streams with a fetch size, outside autocommit.
    private static final int FETCH_SIZE = 2000;

    private static final String COUNT_ALL = "SELECT COUNT(*) FROM structure";
    private static final String COUNT_CHANGED = "SELECT COUNT(*) FROM structure WHERE changed_at > ?";
    private static final String ALL_STRUCTURES = "SELECT " + STRUCTURE_COLUMNS + " FROM structure ORDER BY identifier";
    private static final String ALL_SERVICES = "SELECT " + SERVICE_COLUMNS
            + " FROM service ORDER BY structure_identifier, code";
    // A structure's changed_at moves with its services too (DirectoryTransaction).
    private static final String CHANGED_STRUCTURES = "SELECT " + STRUCTURE_COLUMNS
            + " FROM structure WHERE changed_at > ? ORDER BY identifier";
    private static final String CHANGED_SERVICES = "SELECT " + SERVICE_COLUMNS + " FROM service"
            + " WHERE structure_identifier IN (SELECT identifier FROM structure WHERE changed_at > ?)"
            + " ORDER BY structure_identifier, code";

    private final Connection connection;

    private DirectorySnapshot(Connection connection) {
        this.connection = connection;
    }

    static DirectorySnapshot open(DataSource dataSource) {
        try {
            Connection connection = dataSource.getConnection();
            try {
                // The pool restores both settings when the connection comes back.
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                return new DirectorySnapshot(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot open a snapshot of the directory", e);
        }
    }

    /** How many structures {@link #forEach} gives for that {@code since} (null: every structure). */
    public long count(Instant since) {
        try (PreparedStatement select = prepare(since == null ? COUNT_ALL : COUNT_CHANGED, since);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new DirectoryException("cannot count the structures", e);
        }
    }

    /**
     * Gives every structure changed after {@code since} (null: every structure), in identifier
     * order, each with all its services in code order. Returns how many were given.
     */
    public <E extends Exception> long forEach(Instant since, EntryAction<E> action) throws E {
        try (PreparedStatement selectStructures = prepare(since == null ? ALL_STRUCTURES : CHANGED_STRUCTURES, since);
             PreparedStatement selectServices = prepare(since == null ? ALL_SERVICES : CHANGED_SERVICES, since);
             ResultSet structures = selectStructures.executeQuery();
             ResultSet services = selectServices.executeQuery()) {
            long given = 0;
            boolean moreServices = services.next();
            while (structures.next()) {
                StructureRow structure = DirectoryRows.readStructure(structures);
                List<ServiceRow> own = new ArrayList<>();
                // Both cursors are in the same identifier order: a structure's services come next.
                while (moreServices && services.getString(1).equals(structure.identifier())) {
                    own.add(DirectoryRows.readService(services));
                    moreServices = services.next();
                }
                action.accept(new StructureEntry(structure, own));
                given++;
            }
            if (moreServices) {
                throw new IllegalStateException("service " + services.getString(2) + " of " + services.getString(1)
                        + " does not follow its structure: the database orders the two tables differently");
            }
            return given;
        } catch (SQLException e) {
            throw new DirectoryException("cannot read the directory", e);
        }
    }

    /** Ends the read-only transaction and gives the connection back. */
    @Override
    public void close() {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            throw new DirectoryException("cannot end the directory snapshot", e);
        }
    }

    private PreparedStatement prepare(String sql, Instant since) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setFetchSize(FETCH_SIZE);
        if (since != null) {
            statement.setObject(1, DirectoryRows.utc(since));
        }
        return statement;
    }
}
