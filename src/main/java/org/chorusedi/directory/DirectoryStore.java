package org.chorusedi.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** The directory of public structures, stored in the database of {@link Database}. */
public final class DirectoryStore implements DirectoryLookup {

    private static final String STRUCTURE_COLUMNS = """
            SELECT identifier, name, active, service_code_required, engagement_required,
                   engagement_or_service_code_required, payment_status_not_reported, moa, last_modified
            FROM structure""";
    private static final String STRUCTURE_BY_IDENTIFIER = STRUCTURE_COLUMNS + " WHERE identifier = ?";
    private static final String SERVICE_BY_KEY = """
            SELECT structure_identifier, code, name, active, engagement_required, last_modified
            FROM service WHERE structure_identifier = ? AND code = ?""";

    private final DataSource dataSource;
    private final Clock clock;

    public DirectoryStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /** The clock dates the changes (last_modified, changed_at) and the snapshots. */
    public DirectoryStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Structure> structure(String identifier) {
        if (identifier == null) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            return findStructure(connection, identifier);
        } catch (SQLException e) {
            throw new DirectoryException("cannot read structure " + identifier, e);
        }
    }

    @Override
    public Optional<Service> service(String structureIdentifier, String serviceCode) {
        if (structureIdentifier == null || serviceCode == null) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            return findService(connection, structureIdentifier, serviceCode);
        } catch (SQLException e) {
            throw new DirectoryException("cannot read service " + serviceCode + " of " + structureIdentifier, e);
        }
    }

    /**
     * The structures whose identifier starts with {@code text} or whose name contains it (in any case), by
     * identifier, at most {@code limit} of them: what an operator looks up.
     */
    public List<Structure> search(String text, int limit) {
        String pattern = text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(STRUCTURE_COLUMNS
                     + " WHERE identifier LIKE ? ESCAPE '\\' OR LOWER(name) LIKE ? ESCAPE '\\' ORDER BY identifier LIMIT ?")) {
            select.setString(1, pattern + "%");
            select.setString(2, "%" + pattern + "%");
            select.setInt(3, limit);
            List<Structure> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(structure(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new DirectoryException("cannot search the directory for " + text, e);
        }
    }

    /** Inserts or updates these rows in one transaction; a row equal to the stored one keeps its last_modified. */
    public void upsert(List<StructureRow> structures, List<ServiceRow> services) {
        try (DirectoryTransaction transaction = begin()) {
            structures.forEach(transaction::upsert);
            services.forEach(transaction::upsert);
            transaction.commit();
        }
    }

    /**
     * Starts a transaction of batched writes, for writes too many to hold in a list (the imports).
     * Directory writes take turns: a transaction waits for the one before to end.
     */
    public DirectoryTransaction begin() {
        return DirectoryTransaction.open(dataSource, clock);
    }

    /** Replaces a structure's SIRET by a new one (see {@link SiretChange}), in a transaction of its own. */
    public SiretChange.Outcome changeSiret(String oldIdentifier, String newIdentifier) {
        try (DirectoryTransaction transaction = begin()) {
            SiretChange.Outcome outcome = transaction.changeSiret(oldIdentifier, newIdentifier);
            transaction.commit();
            return outcome;
        }
    }

    /** Activates or deactivates a structure at an operator's request (see {@link StructureActivation}), in a transaction of its own. */
    public StructureActivation.Outcome activation(StructureActivation.Request request) {
        try (DirectoryTransaction transaction = begin()) {
            StructureActivation.Outcome outcome = transaction.activation(request);
            transaction.commit();
            return outcome;
        }
    }

    /** The codes of a structure's services, active or not, in code order. */
    public List<String> serviceCodes(String structureIdentifier) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT code FROM service WHERE structure_identifier = ? ORDER BY code")) {
            select.setString(1, structureIdentifier);
            try (ResultSet rows = select.executeQuery()) {
                List<String> codes = new ArrayList<>();
                while (rows.next()) {
                    codes.add(rows.getString(1));
                }
                return codes;
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot read the services of " + structureIdentifier, e);
        }
    }

    /** The last activation or deactivation an operator asked for this structure, if any. */
    public Optional<StructureActivation.LastRequest> lastRequest(String identifier) {
        try (Connection connection = dataSource.getConnection()) {
            return StructureActivation.last(connection, identifier);
        } catch (SQLException e) {
            throw new DirectoryException("cannot read the requests of structure " + identifier, e);
        }
    }

    /**
     * A snapshot time for an extract: every change dated at or before it is committed, and every
     * later change will be dated after it. Waits for a directory write in progress to end.
     */
    public Instant snapshotTime() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return DirectoryClock.snapshot(connection, clock);
            } finally {
                connection.rollback(); // nothing left after the commit; undoes a failed one
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot take a snapshot time", e);
        }
    }

    /** A consistent read of the whole directory; close it when done. Take its time with {@link #snapshotTime()} first. */
    public DirectorySnapshot snapshot() {
        return DirectorySnapshot.open(dataSource);
    }

    static Optional<Structure> findStructure(Connection connection, String identifier) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(STRUCTURE_BY_IDENTIFIER)) {
            select.setString(1, identifier);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(structure(row)) : Optional.empty();
            }
        }
    }

    private static Structure structure(ResultSet row) throws SQLException {
        return new Structure(
                row.getString("identifier"),
                row.getString("name"),
                row.getBoolean("active"),
                row.getBoolean("service_code_required"),
                row.getBoolean("engagement_required"),
                row.getBoolean("engagement_or_service_code_required"),
                row.getBoolean("payment_status_not_reported"),
                row.getBoolean("moa"),
                row.getObject("last_modified", OffsetDateTime.class).toInstant());
    }

    static Optional<Service> findService(Connection connection, String structureIdentifier, String code)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SERVICE_BY_KEY)) {
            select.setString(1, structureIdentifier);
            select.setString(2, code);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Service(
                        row.getString("structure_identifier"),
                        row.getString("code"),
                        row.getString("name"),
                        row.getBoolean("active"),
                        row.getBoolean("engagement_required"),
                        row.getObject("last_modified", OffsetDateTime.class).toInstant()));
            }
        }
    }
}
