package org.chorusedi.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    private static final Instant T1 = Instant.parse("2025-03-01T08:00:00Z");

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("edi-data/db/chorus-edi").toAbsolutePath();
    }

    @Test
    void openCreatesTheSchemaAndReopeningKeepsDataWithoutMigratingAgain() throws SQLException {
        StructureRow row = new StructureRow("12345678900011", "Mairie", true, false, false, false, false, false);
        try (Database database = Database.open(url(), "sa", "")) {
            assertEquals(List.of("1", "10"), appliedMigrations(database));
            new DirectoryStore(database.dataSource(), Clock.fixed(T1, ZoneOffset.UTC)).upsert(List.of(row), List.of());
        }
        try (Database database = Database.open(url(), "sa", "")) {
            assertEquals(List.of("1", "10"), appliedMigrations(database));
            assertEquals(new Structure("12345678900011", "Mairie", true, false, false, false, false, false, T1),
                    new DirectoryStore(database.dataSource()).structure("12345678900011").orElseThrow());
        }
    }

    @Test
    void newStructureGetsSiretAsIdentifierTypeByDefault() throws SQLException {
        try (Database database = Database.open(url(), "sa", "")) {
            new DirectoryStore(database.dataSource()).upsert(
                    List.of(new StructureRow("12345678900011", "Mairie", true, false, false, false, false, false)),
                    List.of());
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT identifier_type FROM structure")) {
                rows.next();
                assertEquals("SIRET", rows.getString(1));
            }
        }
    }

    private static List<String> appliedMigrations(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\""
                     + " WHERE \"version\" IS NOT NULL AND \"success\" ORDER BY \"installed_rank\"")) {
            List<String> versions = new ArrayList<>();
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
            return versions;
        }
    }
}
