package org.chorusedi.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The database a test runs on: embedded H2 in the test's folder, or, when the environment names a
 * PostgreSQL server (CHORUS_TEST_POSTGRES, the JDBC URL of a database on it, and CHORUS_TEST_POSTGRES_USER,
 * a user who may create databases, default postgres; .ci/run sets them), a new database of its own on that
 * server. The same tests then run on both.
 */
public final class TestDatabase {

    private static final String POSTGRES = System.getenv("CHORUS_TEST_POSTGRES");
    private static final String POSTGRES_USER = System.getenv().getOrDefault("CHORUS_TEST_POSTGRES_USER", "postgres");

    private TestDatabase() {
    }

    /** True when the tests run on PostgreSQL. */
    public static boolean postgres() {
        return POSTGRES != null && !POSTGRES.isBlank();
    }

    /** The user of {@link #url}'s databases (no password: the test server trusts its loopback). */
    public static String user() {
        return postgres() ? POSTGRES_USER : "sa";
    }

    /** A fresh, empty database: H2 under {@code folder}, or a new PostgreSQL database. */
    public static String url(Path folder) {
        if (!postgres()) {
            return "jdbc:h2:file:" + folder.toAbsolutePath().resolve("test-db") + ";WRITE_DELAY=0";
        }
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(POSTGRES, POSTGRES_USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + POSTGRES, e);
        }
        int slash = POSTGRES.indexOf('/', "jdbc:postgresql://".length());
        int query = POSTGRES.indexOf('?');
        return POSTGRES.substring(0, slash + 1) + name + (query < 0 ? "" : POSTGRES.substring(query));
    }
}
