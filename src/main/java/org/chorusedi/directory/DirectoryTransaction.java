package org.chorusedi.directory;

import static org.chorusedi.directory.DirectoryRows.SERVICE_COLUMNS;
import static org.chorusedi.directory.DirectoryRows.STRUCTURE_COLUMNS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes to the directory in one database transaction, sent in batches. Nothing is kept unless
 * {@link #commit()} is called before {@link #close()}. Reads through it see its own writes.
 * Every structure it changes, itself or through one of its services, gets the same changed_at,
 * after the last extract's snapshot (see {@link DirectoryClock}); directory transactions take turns.
 */
public final class DirectoryTransaction implements DirectoryLookup, AutoCloseable {

    private static final String ACTIVE_STRUCTURES = "SELECT identifier FROM structure WHERE active = TRUE";
    private static final String DEACTIVATE_STRUCTURE = "UPDATE structure SET active = FALSE, last_modified = ?,"
            + " changed_at = ? WHERE identifier = ? AND active = TRUE";
    private static final String STRUCTURE_ROW = "SELECT " + STRUCTURE_COLUMNS + " FROM structure WHERE identifier = ?";
    private static final String SERVICE_ROW = "SELECT " + SERVICE_COLUMNS
            + " FROM service WHERE structure_identifier = ? AND code = ?";

    private final Connection connection;
    private final OffsetDateTime now;
    private final PendingWrites pending;

    private DirectoryTransaction(Connection connection, OffsetDateTime now) throws SQLException {
        this.connection = connection;
        this.now = now;
        this.pending = new PendingWrites(connection, now);
    }

    static DirectoryTransaction open(DataSource dataSource, Clock clock) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return new DirectoryTransaction(connection, DirectoryClock.lockForWrite(connection, clock));
        } catch (SQLException e) {
            DirectoryException failure = new DirectoryException("cannot start a directory transaction", e);
            if (connection != null) {
                try {
                    connection.rollback();
                    connection.close(); // closes the statements already prepared
                } catch (SQLException closing) {
                    failure.addSuppressed(closing);
                }
            }
            throw failure;
        }
    }

    /** Inserts the structure, or updates it when a value differs; an unchanged structure keeps its times. */
    public void upsert(StructureRow row) {
        pending.add(row);
        flushWhenFull();
    }

    /** Inserts the service, or updates it when a value differs; an unchanged service keeps its times. */
    public void upsert(ServiceRow row) {
        pending.add(row);
        flushWhenFull();
    }

    /** Deactivates the active services of that structure whose code is not among these. */
    public void deactivateServicesOtherThan(String structureIdentifier, Collection<String> codes) {
        pending.deactivateServicesOtherThan(structureIdentifier, List.copyOf(codes));
        flushWhenFull();
    }

    /** Deactivates every active structure whose identifier is not among these; returns how many. */
    public int deactivateStructuresOtherThan(Set<String> identifiers) {
        try {
            pending.flush();
            List<String> absent = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(ACTIVE_STRUCTURES);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!identifiers.contains(rows.getString(1))) {
                        absent.add(rows.getString(1));
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement(DEACTIVATE_STRUCTURE)) {
                for (String identifier : absent) {
                    update.setObject(1, now);
                    update.setObject(2, now);
                    update.setString(3, identifier);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return absent.size();
        } catch (SQLException e) {
            throw new DirectoryException("cannot deactivate the structures left out", e);
        }
    }

    /** Replaces a structure's SIRET by a new one (see {@link SiretChange}); nothing is written unless it is done. */
    public SiretChange.Outcome changeSiret(String oldIdentifier, String newIdentifier) {
        try {
            pending.flush();
            return SiretChange.apply(connection, now, oldIdentifier, newIdentifier);
        } catch (SQLException e) {
            throw new DirectoryException("cannot change the SIRET " + oldIdentifier + " to " + newIdentifier, e);
        }
    }

    /** Activates or deactivates a structure at an operator's request (see {@link StructureActivation}). */
    public StructureActivation.Outcome activation(StructureActivation.Request request) {
        try {
            pending.flush();
            return StructureActivation.apply(connection, now, request);
        } catch (SQLException e) {
            throw new DirectoryException("cannot " + (request.activate() ? "activate " : "deactivate ") + request.identifier(), e);
        }
    }

    @Override
    public Optional<Structure> structure(String identifier) {
        try {
            pending.flush();
            return DirectoryStore.findStructure(connection, identifier);
        } catch (SQLException e) {
            throw new DirectoryException("cannot read structure " + identifier, e);
        }
    }

    @Override
    public Optional<Service> service(String structureIdentifier, String serviceCode) {
        try {
            pending.flush();
            return DirectoryStore.findService(connection, structureIdentifier, serviceCode);
        } catch (SQLException e) {
            throw new DirectoryException("cannot read service " + serviceCode + " of " + structureIdentifier, e);
        }
    }

    /** Every value of the structure, as this transaction sees it. */
    public Optional<StructureRow> structureRow(String identifier) {
        try {
            pending.flush();
            return findStructureRow(connection, identifier);
        } catch (SQLException e) {
            throw new DirectoryException("cannot read structure " + identifier, e);
        }
    }

    /** Every value of the service, as this transaction sees it. */
    public Optional<ServiceRow> serviceRow(String structureIdentifier, String code) {
        try {
            pending.flush();
            try (PreparedStatement select = connection.prepareStatement(SERVICE_ROW)) {
                select.setString(1, structureIdentifier);
                select.setString(2, code);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(DirectoryRows.readService(row)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot read service " + code + " of " + structureIdentifier, e);
        }
    }

    public void commit() {
        try {
            pending.flush();
            connection.commit();
        } catch (SQLException e) {
            throw new DirectoryException("cannot commit the directory transaction", e);
        }
    }

    /** Drops what was written since the last commit, and gives the connection back. */
    @Override
    public void close() {
        SQLException failure = null;
        try {
            pending.close();
        } catch (SQLException e) {
            failure = e;
        }
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            failure = chain(failure, e);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            failure = chain(failure, e);
        }
        if (failure != null) {
            throw new DirectoryException("cannot end the directory transaction", failure);
        }
    }

    static Optional<StructureRow> findStructureRow(Connection connection, String identifier) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(STRUCTURE_ROW)) {
            select.setString(1, identifier);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(DirectoryRows.readStructure(row)) : Optional.empty();
            }
        }
    }

    private void flushWhenFull() {
        if (pending.full()) {
            try {
                pending.flush();
            } catch (SQLException e) {
                throw new DirectoryException("cannot write to the directory", e);
            }
        }
    }

    private static SQLException chain(SQLException first, SQLException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
