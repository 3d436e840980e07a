package org.chorusedi.partner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.chorusedi.directory.DirectoryException;

/**
 * Replaces the whole registry by a partners file's, in one transaction: a partner is inserted, or
 * updated when its name or flag differ (an unchanged one keeps its last_modified); its connections
 * become exactly the file's; a stored partner the file leaves out becomes inactive and keeps its
 * connections. Partners are never deleted: the ledger's flows name them.
 */
final class RegistryWrite {

    private static final String ALL = "SELECT code, name, active FROM partner";
    private static final String INSERT = "INSERT INTO partner (code, name, active, last_modified) VALUES (?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE partner SET name = ?, active = ?, last_modified = ? WHERE code = ?";
    private static final String DEACTIVATE = "UPDATE partner SET active = FALSE, last_modified = ? WHERE code = ?";
    private static final String DELETE_CONNECTIONS = "DELETE FROM partner_connection WHERE partner_code = ?";
    private static final String INSERT_CONNECTION = "INSERT INTO partner_connection (partner_code, identifier, direction)"
            + " VALUES (?, ?, ?)";

    private final DataSource dataSource;
    private final Clock clock;

    RegistryWrite(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Returns the codes of the partners the file left out that were active, now inactive. */
    List<String> replace(Collection<PartnersCsvImport.Entry> partners) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<String> deactivated = write(connection, partners, now);
                connection.commit();
                return deactivated;
            } finally {
                connection.rollback(); // nothing left after the commit; undoes a failed write
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot write the partner registry", e);
        }
    }

    private static List<String> write(Connection connection, Collection<PartnersCsvImport.Entry> partners,
            OffsetDateTime now) throws SQLException {
        record Stored(String name, boolean active) {
        }
        Map<String, Stored> stored = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(ALL); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                stored.put(rows.getString(1), new Stored(rows.getString(2), rows.getBoolean(3)));
            }
        }
        Set<String> listed = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
             PreparedStatement update = connection.prepareStatement(UPDATE);
             PreparedStatement delete = connection.prepareStatement(DELETE_CONNECTIONS);
             PreparedStatement insertConnection = connection.prepareStatement(INSERT_CONNECTION)) {
            for (PartnersCsvImport.Entry partner : partners) {
                listed.add(partner.code);
                Stored before = stored.get(partner.code);
                if (before == null) {
                    insert.setString(1, partner.code);
                    insert.setString(2, partner.name);
                    insert.setBoolean(3, partner.active);
                    insert.setObject(4, now);
                    insert.addBatch();
                } else if (!before.equals(new Stored(partner.name, partner.active))) {
                    update.setString(1, partner.name);
                    update.setBoolean(2, partner.active);
                    update.setObject(3, now);
                    update.setString(4, partner.code);
                    update.addBatch();
                }
                delete.setString(1, partner.code);
                delete.addBatch();
                for (PartnerConnection declared : partner.connections) {
                    insertConnection.setString(1, declared.partnerCode());
                    insertConnection.setString(2, declared.identifier());
                    insertConnection.setString(3, declared.direction().name());
                    insertConnection.addBatch();
                }
            }
            insert.executeBatch();
            update.executeBatch();
            delete.executeBatch();
            insertConnection.executeBatch();
        }
        List<String> deactivated = new ArrayList<>();
        try (PreparedStatement deactivate = connection.prepareStatement(DEACTIVATE)) {
            for (Map.Entry<String, Stored> partner : stored.entrySet()) {
                if (partner.getValue().active() && !listed.contains(partner.getKey())) {
                    deactivated.add(partner.getKey());
                    deactivate.setObject(1, now);
                    deactivate.setString(2, partner.getKey());
                    deactivate.addBatch();
                }
            }
            deactivate.executeBatch();
        }
        deactivated.sort(null);
        return deactivated;
    }
}
