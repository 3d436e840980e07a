package org.chorusedi.directory;

import static org.chorusedi.directory.DirectoryRows.SERVICE_COLUMNS;
import static org.chorusedi.directory.DirectoryRows.SERVICE_VALUES;
import static org.chorusedi.directory.DirectoryRows.STRUCTURE_COLUMNS;
import static org.chorusedi.directory.DirectoryRows.STRUCTURE_VALUES;
import static org.chorusedi.directory.DirectoryRows.bindServiceValues;
import static org.chorusedi.directory.DirectoryRows.bindStructureValues;
import static org.chorusedi.directory.DirectoryRows.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The writes of a directory transaction not sent yet, and how they are sent, in batches: a row is
 * inserted when new, else updated when its values differ, so that an unchanged row keeps its
 * times. A structure whose services changed is touched (changed_at), for DELTAs to find it. The
 * services of a structure that an entry leaves out are deactivated, unless the structure is new.
 */
final class PendingWrites implements AutoCloseable {

    /** Rows kept before they are sent. */
    static final int BATCH_SIZE = 500;

    // Insert-if-absent, then update-if-different for the rows that were not new: plain SQL that H2 and
    // PostgreSQL both run (ON CONFLICT is PostgreSQL's only, MERGE needs PostgreSQL 15), and every
    // statement finds its row by primary key, which a plan prepared while the tables were empty
    // still does once they hold the whole directory.
    private static final String INSERT_STRUCTURE = "INSERT INTO structure (" + STRUCTURE_COLUMNS + ", changed_at)"
            + " SELECT ?, " + marks(STRUCTURE_VALUES.size()) + ", ?, ?, ?"
            + " WHERE NOT EXISTS (SELECT 1 FROM structure WHERE identifier = ?)";
    private static final String UPDATE_STRUCTURE = "UPDATE structure SET " + assignments(STRUCTURE_VALUES)
            + ", copied_from = COALESCE(?, copied_from), last_modified = ?, changed_at = ?"
            + " WHERE identifier = ? AND (" + differences(STRUCTURE_VALUES)
            + " OR copied_from IS DISTINCT FROM COALESCE(?, copied_from))";
    private static final String INSERT_SERVICE = "INSERT INTO service (" + SERVICE_COLUMNS + ")"
            + " SELECT ?, ?, " + marks(SERVICE_VALUES.size()) + ", ?"
            + " WHERE NOT EXISTS (SELECT 1 FROM service WHERE structure_identifier = ? AND code = ?)";
    private static final String UPDATE_SERVICE = "UPDATE service SET " + assignments(SERVICE_VALUES)
            + ", last_modified = ? WHERE structure_identifier = ? AND code = ? AND (" + differences(SERVICE_VALUES) + ")";
    // The active services of some structures (at most a batch of them, one array parameter), compared
    // with the codes kept as they stream; those left out are deactivated one by one. So any number of
    // services kept fits: no statement lists them (PostgreSQL takes at most 65,535 parameters in one),
    // and none compares each row with all of them.
    private static final String ACTIVE_SERVICES = "SELECT structure_identifier, code FROM service"
            + " WHERE structure_identifier = ANY(?) AND active = TRUE";
    private static final String DEACTIVATE_SERVICE = "UPDATE service SET active = FALSE, last_modified = ?"
            + " WHERE structure_identifier = ? AND code = ? AND active = TRUE";
    private static final String TOUCH_STRUCTURE = "UPDATE structure SET changed_at = ? WHERE identifier = ?";

    /** The services of a structure to keep; its other active ones are deactivated. */
    private record Kept(String structureIdentifier, List<String> codes) {
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private final Connection connection;
    private final OffsetDateTime now;
    private final PreparedStatement insertStructure;
    private final PreparedStatement updateStructure;
    private final PreparedStatement insertService;
    private final PreparedStatement updateService;
    private final PreparedStatement touchStructure;
    private final PreparedStatement activeServices;
    private final PreparedStatement deactivateService;

    private final List<StructureRow> structures = new ArrayList<>();
    private final List<ServiceRow> services = new ArrayList<>();
    private final List<Kept> deactivations = new ArrayList<>();

    PendingWrites(Connection connection, OffsetDateTime now) throws SQLException {
        this.connection = connection;
        this.now = now;
        insertStructure = connection.prepareStatement(INSERT_STRUCTURE);
        updateStructure = connection.prepareStatement(UPDATE_STRUCTURE);
        insertService = connection.prepareStatement(INSERT_SERVICE);
        updateService = connection.prepareStatement(UPDATE_SERVICE);
        touchStructure = connection.prepareStatement(TOUCH_STRUCTURE);
        activeServices = connection.prepareStatement(ACTIVE_SERVICES);
        activeServices.setFetchSize(BATCH_SIZE);
        deactivateService = connection.prepareStatement(DEACTIVATE_SERVICE);
    }

    void add(StructureRow row) {
        structures.add(row);
    }

    void add(ServiceRow row) {
        services.add(row);
    }

    void deactivateServicesOtherThan(String structureIdentifier, List<String> codes) {
        deactivations.add(new Kept(structureIdentifier, codes));
    }

    boolean full() {
        return structures.size() + services.size() + deactivations.size() >= BATCH_SIZE;
    }

    /** Sends what is pending: structures before services, for their foreign key; a row given twice, the last wins. */
    void flush() throws SQLException {
        Set<String> newStructures = new HashSet<>();
        Set<String> changedStructures = new HashSet<>();
        List<StructureRow> existing = new ArrayList<>();
        int[] inserted = send(insertStructure, structures, this::bindInsert);
        for (int i = 0; i < inserted.length; i++) {
            StructureRow row = structures.get(i);
            if (inserted[i] > 0) {
                newStructures.add(row.identifier());
                changedStructures.add(row.identifier());
            } else {
                existing.add(row); // or not known to be new: updating it too changes nothing more
            }
        }
        int[] updated = send(updateStructure, existing, this::bindUpdate);
        for (int i = 0; i < updated.length; i++) {
            if (mayHaveChanged(updated[i])) {
                changedStructures.add(existing.get(i).identifier());
            }
        }

        Set<String> touched = new LinkedHashSet<>();
        List<ServiceRow> existingServices = new ArrayList<>();
        int[] insertedServices = send(insertService, services, this::bindInsert);
        for (int i = 0; i < insertedServices.length; i++) {
            ServiceRow row = services.get(i);
            if (insertedServices[i] > 0) {
                touched.add(row.structureIdentifier());
            } else {
                existingServices.add(row);
            }
        }
        int[] updatedServices = send(updateService, existingServices, this::bindUpdate);
        for (int i = 0; i < updatedServices.length; i++) {
            if (mayHaveChanged(updatedServices[i])) {
                touched.add(existingServices.get(i).structureIdentifier());
            }
        }
        touched.addAll(deactivate(newStructures));

        touched.removeAll(changedStructures); // dated now already
        for (String identifier : touched) {
            touchStructure.setObject(1, now);
            touchStructure.setString(2, identifier);
            touchStructure.addBatch();
        }
        touchStructure.executeBatch();
        structures.clear();
        services.clear();
        deactivations.clear();
    }

    /** A new structure had no services to deactivate. Returns the structures whose services changed. */
    private Set<String> deactivate(Set<String> newStructures) throws SQLException {
        Map<String, Set<String>> kept = new HashMap<>();
        for (Kept structure : deactivations) {
            if (!newStructures.contains(structure.structureIdentifier())) {
                kept.put(structure.structureIdentifier(), new HashSet<>(structure.codes()));
            }
        }
        Set<String> changed = new HashSet<>();
        if (kept.isEmpty()) {
            return changed;
        }
        activeServices.setArray(1, connection.createArrayOf("varchar", kept.keySet().toArray()));
        int pending = 0;
        try (ResultSet active = activeServices.executeQuery()) {
            while (active.next()) {
                String structure = active.getString(1);
                String code = active.getString(2);
                if (!kept.get(structure).contains(code)) {
                    deactivateService.setObject(1, now);
                    deactivateService.setString(2, structure);
                    deactivateService.setString(3, code);
                    deactivateService.addBatch();
                    changed.add(structure);
                    if (++pending == BATCH_SIZE) {
                        deactivateService.executeBatch();
                        pending = 0;
                    }
                }
            }
        }
        deactivateService.executeBatch();
        return changed;
    }

    private static <T> int[] send(PreparedStatement statement, List<T> rows, Binder<T> binder) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        for (T row : rows) {
            binder.bind(statement, row);
            statement.addBatch();
        }
        return statement.executeBatch();
    }

    /** A driver may not tell how many rows a statement changed: then it may have. */
    private static boolean mayHaveChanged(int count) {
        return count > 0 || count == Statement.SUCCESS_NO_INFO;
    }

    private void bindInsert(PreparedStatement statement, StructureRow row) throws SQLException {
        statement.setString(1, row.identifier());
        int i = bindStructureValues(statement, 2, row);
        DirectoryRows.setString(statement, i++, row.copiedFrom());
        statement.setObject(i++, lastModified(row.lastModified()));
        statement.setObject(i++, now);
        statement.setString(i, row.identifier());
    }

    private void bindUpdate(PreparedStatement statement, StructureRow row) throws SQLException {
        int i = bindStructureValues(statement, 1, row);
        DirectoryRows.setString(statement, i++, row.copiedFrom());
        statement.setObject(i++, lastModified(row.lastModified()));
        statement.setObject(i++, now);
        statement.setString(i++, row.identifier());
        i = bindStructureValues(statement, i, row);
        DirectoryRows.setString(statement, i, row.copiedFrom());
    }

    private void bindInsert(PreparedStatement statement, ServiceRow row) throws SQLException {
        statement.setString(1, row.structureIdentifier());
        statement.setString(2, row.code());
        int i = bindServiceValues(statement, 3, row);
        statement.setObject(i++, lastModified(row.lastModified()));
        statement.setString(i++, row.structureIdentifier());
        statement.setString(i, row.code());
    }

    private void bindUpdate(PreparedStatement statement, ServiceRow row) throws SQLException {
        int i = bindServiceValues(statement, 1, row);
        statement.setObject(i++, lastModified(row.lastModified()));
        statement.setString(i++, row.structureIdentifier());
        statement.setString(i++, row.code());
        bindServiceValues(statement, i, row);
    }

    /** A row's own time when it has one (FAR37 import), else the time of this write. */
    private OffsetDateTime lastModified(Instant own) {
        return own == null ? now : utc(own);
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        List<PreparedStatement> statements = List.of(insertStructure, updateStructure, insertService, updateService,
                touchStructure, activeServices, deactivateService);
        for (PreparedStatement statement : statements) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static String assignments(List<String> columns) {
        return columns.stream().map(column -> column + " = ?").collect(Collectors.joining(", "));
    }

    private static String differences(List<String> columns) {
        return columns.stream().map(column -> column + " IS DISTINCT FROM ?").collect(Collectors.joining(" OR "));
    }
}
