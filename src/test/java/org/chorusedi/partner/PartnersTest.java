package org.chorusedi.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.chorusedi.database.Database;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's read side on the tables of migration V14, H2 or PostgreSQL. */
class PartnersTest {

    @TempDir
    Path dir;

    private Database database;
    private Partners partners;

    @BeforeEach
    void open() throws SQLException {
        database = Database.open(TestDatabase.url(dir), TestDatabase.user(), "");
        partners = new Partners(database.dataSource());
        try (Connection connection = database.dataSource().getConnection();
             Statement sql = connection.createStatement()) {
            sql.executeUpdate("insert into partner (code, name, active, last_modified) values"
                    + " ('AAA001', 'Opérateur A', true, current_timestamp),"
                    + " ('OLD001', 'Ancien opérateur', false, current_timestamp)");
            sql.executeUpdate("insert into partner_connection (partner_code, identifier, direction) values"
                    + " ('AAA001', '73282932000074', 'EMISSION'),"
                    + " ('AAA001', '11000201100044', 'RECEPTION'),"
                    + " ('OLD001', '73282932000074', 'EMISSION')");
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void partnersAreReadBackActiveOrNot() {
        assertEquals(Optional.of(new Partner("AAA001", "Opérateur A", true)), partners.partner("AAA001"));
        assertEquals(Optional.of(new Partner("OLD001", "Ancien opérateur", false)), partners.partner("OLD001"));
        assertEquals(Optional.empty(), partners.partner("ZZZ999"));
        assertEquals(Optional.empty(), partners.partner("aaa001"), "codes are folder names: case counts");
        assertEquals(List.of("AAA001", "OLD001"), partners.partners().stream().map(Partner::code).toList());
    }

    @Test
    void aConnectionHoldsInItsOwnDirectionWhateverThePartnersActiveFlag() {
        assertTrue(partners.connected("AAA001", "73282932000074", Direction.EMISSION));
        assertFalse(partners.connected("AAA001", "73282932000074", Direction.RECEPTION));
        assertTrue(partners.connected("AAA001", "11000201100044", Direction.RECEPTION));
        assertFalse(partners.connected("AAA001", "11000201100044", Direction.EMISSION));
        assertTrue(partners.connected("OLD001", "73282932000074", Direction.EMISSION), "an inactive partner keeps them");
        assertFalse(partners.connected("ZZZ999", "73282932000074", Direction.EMISSION));
        assertFalse(partners.connected("AAA001", null, Direction.EMISSION));
    }

    @Test
    void connectionsAreListedByPartnerAndByStructure() {
        assertEquals(List.of(new PartnerConnection("AAA001", "73282932000074", Direction.EMISSION),
                new PartnerConnection("AAA001", "11000201100044", Direction.RECEPTION)), partners.connections("AAA001"));
        assertEquals(List.of("AAA001", "OLD001"), partners.connectedFor("73282932000074", Direction.EMISSION));
        assertEquals(List.of(), partners.connectedFor("73282932000074", Direction.RECEPTION));
    }
}
