package org.chorusedi.market;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.chorusedi.directory.DirectoryException;
import org.chorusedi.framework.Framework;

/**
 * Replaces each market a markets file names, in one transaction: the market is inserted, or its name updated;
 * its parties and legal commitments become exactly the file's. The markets the file does not name are left as
 * they are: a market is never deleted by a file that leaves it out.
 */
final class MarketWrite {

    private static final String UPDATE = "UPDATE market SET name = ?, last_modified = ? WHERE market_number = ?";
    private static final String INSERT = "INSERT INTO market (market_number, name, last_modified) VALUES (?, ?, ?)";
    private static final String DELETE_PARTIES = "DELETE FROM market_party WHERE market_number = ?";
    private static final String DELETE_ENGAGEMENTS = "DELETE FROM market_engagement WHERE market_number = ?";
    private static final String INSERT_PARTY = "INSERT INTO market_party (market_number, role, identifier, position,"
            + " service_code, validator_id, validator_service, frameworks) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_ENGAGEMENT = "INSERT INTO market_engagement (market_number, engagement)"
            + " VALUES (?, ?)";

    private final DataSource dataSource;
    private final Clock clock;

    MarketWrite(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    void replace(Collection<MarketsCsvImport.Entry> markets) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                write(connection, markets, now);
                connection.commit();
            } finally {
                connection.rollback(); // nothing left after the commit; undoes a failed write
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot write the markets", e);
        }
    }

    private static void write(Connection connection, Collection<MarketsCsvImport.Entry> markets, OffsetDateTime now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE);
             PreparedStatement insert = connection.prepareStatement(INSERT);
             PreparedStatement deleteParties = connection.prepareStatement(DELETE_PARTIES);
             PreparedStatement deleteEngagements = connection.prepareStatement(DELETE_ENGAGEMENTS);
             PreparedStatement insertParty = connection.prepareStatement(INSERT_PARTY);
             PreparedStatement insertEngagement = connection.prepareStatement(INSERT_ENGAGEMENT)) {
            for (MarketsCsvImport.Entry market : markets) {
                update.setString(1, market.name);
                update.setObject(2, now);
                update.setString(3, market.number);
                if (update.executeUpdate() == 0) {
                    insert.setString(1, market.number);
                    insert.setString(2, market.name);
                    insert.setObject(3, now);
                    insert.executeUpdate();
                }
                deleteParties.setString(1, market.number);
                deleteParties.addBatch();
                deleteEngagements.setString(1, market.number);
                deleteEngagements.addBatch();
                int position = 0;
                for (MarketsCsvImport.Party party : market.parties) {
                    insertParty.setString(1, market.number);
                    insertParty.setString(2, party.role().name());
                    insertParty.setString(3, party.identifier());
                    insertParty.setInt(4, ++position);
                    insertParty.setString(5, party.serviceCode());
                    insertParty.setString(6, party.validatorId());
                    insertParty.setString(7, party.validatorService());
                    insertParty.setString(8, party.frameworks() == null ? null
                            : party.frameworks().stream().map(Framework::name).collect(Collectors.joining(" ")));
                    insertParty.addBatch();
                }
                for (String engagement : market.engagements) {
                    insertEngagement.setString(1, market.number);
                    insertEngagement.setString(2, engagement);
                    insertEngagement.addBatch();
                }
            }
            deleteParties.executeBatch();
            deleteEngagements.executeBatch();
            insertParty.executeBatch();
            insertEngagement.executeBatch();
        }
    }
}
