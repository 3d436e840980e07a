package org.chorusedi.partner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.chorusedi.directory.DirectoryException;

/** The partner registry and its connections, stored in the engine's database (migration V14). */
public final class Partners implements PartnerLookup {

    private static final String PARTNER = "SELECT code, name, active FROM partner WHERE code = ?";
    private static final String ALL_PARTNERS = "SELECT code, name, active FROM partner ORDER BY code";
    private static final String CONNECTED = "SELECT 1 FROM partner_connection"
            + " WHERE partner_code = ? AND identifier = ? AND direction = ?";
    private static final String CONNECTIONS = "SELECT partner_code, identifier, direction FROM partner_connection"
            + " WHERE partner_code = ? ORDER BY direction, identifier";
    private static final String CONNECTED_FOR = "SELECT partner_code FROM partner_connection"
            + " WHERE identifier = ? AND direction = ? ORDER BY partner_code";

    private final DataSource dataSource;

    public Partners(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Optional<Partner> partner(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(PARTNER)) {
            select.setString(1, code);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(partner(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot read partner " + code, e);
        }
    }

    @Override
    public boolean connected(String partnerCode, String identifier, Direction direction) {
        if (partnerCode == null || identifier == null) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(CONNECTED)) {
            select.setString(1, partnerCode);
            select.setString(2, identifier);
            select.setString(3, direction.name());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot read the connections of partner " + partnerCode, e);
        }
    }

    /** Every partner, active or not, by code. */
    public List<Partner> partners() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(ALL_PARTNERS);
             ResultSet rows = select.executeQuery()) {
            List<Partner> partners = new ArrayList<>();
            while (rows.next()) {
                partners.add(partner(rows));
            }
            return partners;
        } catch (SQLException e) {
            throw new DirectoryException("cannot read the partners", e);
        }
    }

    /** The partner's connections, emission first, by identifier. */
    public List<PartnerConnection> connections(String partnerCode) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(CONNECTIONS)) {
            select.setString(1, partnerCode);
            try (ResultSet rows = select.executeQuery()) {
                List<PartnerConnection> connections = new ArrayList<>();
                while (rows.next()) {
                    connections.add(new PartnerConnection(rows.getString(1), rows.getString(2),
                            Direction.valueOf(rows.getString(3))));
                }
                return connections;
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot read the connections of partner " + partnerCode, e);
        }
    }

    /** The codes of the partners connected for that structure in that direction, active or not. */
    public List<String> connectedFor(String identifier, Direction direction) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(CONNECTED_FOR)) {
            select.setString(1, identifier);
            select.setString(2, direction.name());
            try (ResultSet rows = select.executeQuery()) {
                List<String> codes = new ArrayList<>();
                while (rows.next()) {
                    codes.add(rows.getString(1));
                }
                return codes;
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot read the partners connected for " + identifier, e);
        }
    }

    private static Partner partner(ResultSet row) throws SQLException {
        return new Partner(row.getString("code"), row.getString("name"), row.getBoolean("active"));
    }
}
