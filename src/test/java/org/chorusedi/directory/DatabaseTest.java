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
import java.util.Arrays;
import java.util.List;
import org.chorusedi.database.Database;
import org.chorusedi.testkit.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    private static final Instant T1 = Instant.parse("2025-03-01T08:00:00Z");

    @TempDir
    Path dir;

    private String url;

    /** One database for the whole test (it is opened several times). */
    private String url() {
        if (url == null) {
            url = TestDatabase.url(dir);
        }
        return url;
    }

    @Test
    void openCreatesTheSchemaAndReopeningKeepsDataWithoutMigratingAgain() throws SQLException {
        StructureRow row = structure("12345678900011", "Mairie", true, false, false, false, false, false);
        List<String> migrations;
        try (Database database = Database.open(url(), TestDatabase.user(), "")) {
            migrations = appliedMigrations(database);
            assertEquals(List.of("1", "2", "3"), migrations.subList(0, 3), "the directory's migrations come first");
            new DirectoryStore(database.dataSource(), Clock.fixed(T1, ZoneOffset.UTC)).upsert(List.of(row), List.of());
        }
        try (Database database = Database.open(url(), TestDatabase.user(), "")) {
            assertEquals(migrations, appliedMigrations(database));
            assertEquals(new Structure("12345678900011", "Mairie", true, false, false, false, false, false, T1),
                    new DirectoryStore(database.dataSource()).structure("12345678900011").orElseThrow());
        }
    }

    @Test
    void aNewDatabaseHasEveryMigrationOfTheJarAppliedOnceAndNonePending() throws SQLException {
        try (Database database = Database.open(url(), TestDatabase.user(), "")) {
            MigrationInfoService info = Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration")
                    .load().info();
            assertEquals(0, info.pending().length, "made whole: nothing left for a second pass");
            List<String> jar = Arrays.stream(info.all()).map(m -> m.getVersion().getVersion()).toList();
            assertEquals(jar, appliedMigrations(database));
        }
    }

    @Test
    void newStructureGetsSiretAsIdentifierTypeByDefault() throws SQLException {
        try (Database database = Database.open(url(), TestDatabase.user(), "")) {
            new DirectoryStore(database.dataSource()).upsert(
                    List.of(structure("12345678900011", "Mairie", true, false, false, false, false, false)),
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

    private static StructureRow structure(String identifier, String name, boolean active, boolean serviceCodeRequired,
            boolean engagementRequired, boolean engagementOrServiceCodeRequired, boolean paymentStatusNotReported,
            boolean moa) {
        return new StructureRow(identifier, IdentifierType.SIRET, name, active, serviceCodeRequired, engagementRequired,
                engagementOrServiceCodeRequired, paymentStatusNotReported, moa, false, Address.NONE, null, null);
    }
}
