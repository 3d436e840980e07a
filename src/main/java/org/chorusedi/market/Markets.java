package org.chorusedi.market;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.chorusedi.directory.DirectoryException;
import org.chorusedi.framework.Framework;
import org.chorusedi.framework.Role;

/**
 * The market registry, stored in the engine's database (migration V23). Read at each call, as the partner
 * registry is: a markets file imported is seen by the next invoice.
 */
public final class Markets implements MarketLookup {

    private static final String MARKET = "SELECT market_number, name FROM market WHERE market_number = ?";
    private static final String ALL_MARKETS = "SELECT market_number, name FROM market ORDER BY market_number";
    private static final String PARTIES = "SELECT role, identifier, service_code, validator_id, validator_service,"
            + " frameworks FROM market_party WHERE market_number = ? ORDER BY position";
    private static final String ENGAGEMENTS = "SELECT engagement FROM market_engagement WHERE market_number = ?"
            + " ORDER BY engagement";

    private final DataSource dataSource;

    public Markets(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Optional<Market> market(String number) {
        if (number == null) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(MARKET)) {
            select.setString(1, number);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(market(connection, row.getString(1), row.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot read market " + number, e);
        }
    }

    /** Every market, by number, each with its parties in file order. */
    public List<Market> markets() {
        try (Connection connection = dataSource.getConnection()) {
            record Row(String number, String name) {
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(ALL_MARKETS);
                 ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2)));
                }
            }
            List<Market> markets = new ArrayList<>();
            for (Row row : rows) {
                markets.add(market(connection, row.number(), row.name()));
            }
            return markets;
        } catch (SQLException e) {
            throw new DirectoryException("cannot read the markets", e);
        }
    }

    /** The frameworks a party of that role may deposit when the markets file names none: all its role's. */
    public static Set<Framework> frameworksOf(Role role) {
        Set<Framework> frameworks = EnumSet.noneOf(Framework.class);
        Arrays.stream(Framework.values()).filter(f -> f.depositor().equals(Optional.of(role))).forEach(frameworks::add);
        return frameworks;
    }

    private static Market market(Connection connection, String number, String name) throws SQLException {
        List<MarketParty> parties = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(PARTIES)) {
            select.setString(1, number);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Role role = Role.valueOf(rows.getString(1));
                    parties.add(new MarketParty(role, rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), frameworks(role, rows.getString(6))));
                }
            }
        }
        Set<String> engagements = new LinkedHashSet<>();
        try (PreparedStatement select = connection.prepareStatement(ENGAGEMENTS)) {
            select.setString(1, number);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    engagements.add(rows.getString(1));
                }
            }
        }
        return new Market(number, name, List.copyOf(parties), Collections.unmodifiableSet(engagements));
    }

    /** As stored: the codes space-separated, or null for all the role's. */
    private static Set<Framework> frameworks(Role role, String stored) {
        if (stored == null) {
            return Collections.unmodifiableSet(frameworksOf(role));
        }
        Set<Framework> frameworks = EnumSet.noneOf(Framework.class);
        for (String code : stored.split(" ")) {
            frameworks.add(Framework.valueOf(code));
        }
        return Collections.unmodifiableSet(frameworks);
    }
}
