package org.chorusedi.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Writes to the directory in one database transaction, sent in batches. Nothing is kept unless
 * {@link #commit()} is called before {@link #close()}. Reads through it see its own writes.
 */
public final class DirectoryTransaction implements DirectoryLookup, AutoCloseable {

    private static final int BATCH_SIZE = 500;

    // Insert-if-absent then update-if-different: plain SQL that H2 and PostgreSQL both run, where
    // ON CONFLICT is PostgreSQL's only and MERGE needs PostgreSQL 15.
    private static final String INSERT_STRUCTURE = """
            INSERT INTO structure (identifier, name, active, service_code_required, engagement_required,
                                   engagement_or_service_code_required, payment_status_not_reported, moa,
                                   last_modified)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
            WHERE NOT EXISTS (SELECT 1 FROM structure WHERE identifier = ?)""";
    // Only a row whose values differ is touched: an unchanged structure keeps its last_modified.
    private static final String UPDATE_STRUCTURE = """
            UPDATE structure
            SET name = ?, active = ?, service_code_required = ?, engagement_required = ?,
                engagement_or_service_code_required = ?, payment_status_not_reported = ?, moa = ?,
                last_modified = ?
            WHERE identifier = ?
              AND (name IS DISTINCT FROM ? OR active IS DISTINCT FROM ?
                   OR service_code_required IS DISTINCT FROM ? OR engagement_required IS DISTINCT FROM ?
                   OR engagement_or_service_code_required IS DISTINCT FROM ?
                   OR payment_status_not_reported IS DISTINCT FROM ? OR moa IS DISTINCT FROM ?)""";
    private static final String INSERT_SERVICE = """
            INSERT INTO service (structure_identifier, code, name, active, engagement_required, last_modified)
            SELECT ?, ?, ?, ?, ?, ?
            WHERE NOT EXISTS (SELECT 1 FROM service WHERE structure_identifier = ? AND code = ?)""";
    private static final String UPDATE_SERVICE = """
            UPDATE service
            SET name = ?, active = ?, engagement_required = ?, last_modified = ?
            WHERE structure_identifier = ? AND code = ?
              AND (name IS DISTINCT FROM ? OR active IS DISTINCT FROM ? OR engagement_required IS DISTINCT FROM ?)""";

    private final Connection connection;
    private final OffsetDateTime now;
    private final PreparedStatement insertStructure;
    private final PreparedStatement updateStructure;
    private final PreparedStatement insertService;
    private final PreparedStatement updateService;
    private int pendingRows;

    private DirectoryTransaction(Connection connection, OffsetDateTime now) throws SQLException {
        this.connection = connection;
        this.now = now;
        insertStructure = connection.prepareStatement(INSERT_STRUCTURE);
        updateStructure = connection.prepareStatement(UPDATE_STRUCTURE);
        insertService = connection.prepareStatement(INSERT_SERVICE);
        updateService = connection.prepareStatement(UPDATE_SERVICE);
    }

    static DirectoryTransaction open(DataSource dataSource, OffsetDateTime now) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return new DirectoryTransaction(connection, now);
        } catch (SQLException e) {
            DirectoryException failure = new DirectoryException("cannot start a directory transaction", e);
            if (connection != null) {
                try {
                    connection.close(); // closes the statements already prepared
                } catch (SQLException closing) {
                    failure.addSuppressed(closing);
                }
            }
            throw failure;
        }
    }

    public void upsert(StructureRow row) {
        try {
            insertStructure.setString(1, row.identifier());
            int i = bindStructureValues(insertStructure, 2, row);
            insertStructure.setObject(i++, now);
            insertStructure.setString(i, row.identifier());
            insertStructure.addBatch();

            i = bindStructureValues(updateStructure, 1, row);
            updateStructure.setObject(i++, now);
            updateStructure.setString(i++, row.identifier());
            bindStructureValues(updateStructure, i, row);
            updateStructure.addBatch();
        } catch (SQLException e) {
            throw new DirectoryException("cannot write structure " + row.identifier(), e);
        }
        rowAdded();
    }

    public void upsert(ServiceRow row) {
        try {
            insertService.setString(1, row.structureIdentifier());
            insertService.setString(2, row.code());
            int i = bindServiceValues(insertService, 3, row);
            insertService.setObject(i++, now);
            insertService.setString(i++, row.structureIdentifier());
            insertService.setString(i, row.code());
            insertService.addBatch();

            i = bindServiceValues(updateService, 1, row);
            updateService.setObject(i++, now);
            updateService.setString(i++, row.structureIdentifier());
            updateService.setString(i++, row.code());
            bindServiceValues(updateService, i, row);
            updateService.addBatch();
        } catch (SQLException e) {
            throw new DirectoryException("cannot write service " + row.code() + " of " + row.structureIdentifier(), e);
        }
        rowAdded();
    }

    @Override
    public Optional<Structure> structure(String identifier) {
        try {
            flush();
            return DirectoryStore.findStructure(connection, identifier);
        } catch (SQLException e) {
            throw new DirectoryException("cannot read structure " + identifier, e);
        }
    }

    @Override
    public Optional<Service> service(String structureIdentifier, String serviceCode) {
        try {
            flush();
            return DirectoryStore.findService(connection, structureIdentifier, serviceCode);
        } catch (SQLException e) {
            throw new DirectoryException("cannot read service " + serviceCode + " of " + structureIdentifier, e);
        }
    }

    public void commit() {
        try {
            flush();
            connection.commit();
        } catch (SQLException e) {
            throw new DirectoryException("cannot commit the directory transaction", e);
        }
    }

    /** Drops what was written since the last commit, and gives the connection back. */
    @Override
    public void close() {
        SQLException failure = null;
        for (PreparedStatement statement : List.of(insertStructure, updateStructure, insertService, updateService)) {
            try {
                statement.close();
            } catch (SQLException e) {
                failure = chain(failure, e);
            }
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

    private void rowAdded() {
        if (++pendingRows >= BATCH_SIZE) {
            try {
                flush();
            } catch (SQLException e) {
                throw new DirectoryException("cannot write to the directory", e);
            }
        }
    }

    private void flush() throws SQLException {
        if (pendingRows == 0) {
            return;
        }
        // Inserts before updates, for the last row of a key to win; structures before services, for their foreign key.
        insertStructure.executeBatch();
        updateStructure.executeBatch();
        insertService.executeBatch();
        updateService.executeBatch();
        pendingRows = 0;
    }

    /** Binds the values that may change, from {@code index}; returns the next index. */
    private static int bindStructureValues(PreparedStatement statement, int index, StructureRow row)
            throws SQLException {
        setNullableString(statement, index++, row.name());
        statement.setBoolean(index++, row.active());
        statement.setBoolean(index++, row.serviceCodeRequired());
        statement.setBoolean(index++, row.engagementRequired());
        statement.setBoolean(index++, row.engagementOrServiceCodeRequired());
        statement.setBoolean(index++, row.paymentStatusNotReported());
        statement.setBoolean(index++, row.moa());
        return index;
    }

    private static int bindServiceValues(PreparedStatement statement, int index, ServiceRow row) throws SQLException {
        setNullableString(statement, index++, row.name());
        statement.setBoolean(index++, row.active());
        statement.setBoolean(index++, row.engagementRequired());
        return index;
    }

    private static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
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
