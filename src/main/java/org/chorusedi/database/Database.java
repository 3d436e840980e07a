package org.chorusedi.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's database: a small connection pool on a schema brought up to date by Flyway. */
public final class Database implements AutoCloseable {

    private static final String MIGRATIONS = "classpath:db/migration";
    // Imports and lookups are few and short: a handful of connections is plenty, even for PostgreSQL.
    private static final int MAX_CONNECTIONS = 4;
    // Directory writes and extract snapshots take turns on one row (DirectoryClock): an extract may
    // wait for a whole import. H2 gives up on a lock after 2 s by default; PostgreSQL waits.
    private static final String H2_LOCK_TIMEOUT = "SET LOCK_TIMEOUT 120000";
    // H2 parses a statement again when it is not among the last 8 its session prepared (its QUERY_CACHE_SIZE), and a
    // flow prepares about twenty: 7 % of the engine's CPU on single files went to parsing SQL (docs/contributors/
    // performance.md, "The ledger's share of a flow"). The engine's statements, about a hundred, fit in 128.
    private static final String H2_QUERY_CACHE_SIZE = "128";
    private static final String H2_FILE = "jdbc:h2:file:";
    private static final String H2_SUFFIX = ".mv.db";

    private final HikariDataSource pool;
    private final H2Upkeep upkeep;

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database(HikariDataSource pool) {
        this.pool = pool;
        try {
            this.upkeep = H2Upkeep.start(pool);
        } catch (RuntimeException e) {
            pool.close(); // the file is not left open by a start that fails here
            throw e;
        }
    }

    /**
     * The store of the H2 file this connection reaches in this JVM, for what H2 offers only there (its upkeep, forcing
     * its file); null for PostgreSQL, or an H2 file another process serves (AUTO_SERVER).
     */
    public static MVStore embeddedStore(Connection connection) throws SQLException {
        if (connection.isWrapperFor(JdbcConnection.class)
                && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local
                && local.getDatabase().isPersistent()) {
            return local.getDatabase().getStore().getMvStore();
        }
        return null;
    }

    /** Opens the pool and applies the pending migrations; e.g. {@code jdbc:h2:file:/abs/edi-data/db/chorus-edi}. */
    public static Database open(String jdbcUrl, String user, String password) {
        // Flyway itself logs at WARN only (logback.xml); the crash tests kill the engine after this line.
        LOG.debug("applying the pending migrations of {}", jdbcUrl);
        boolean made = createH2Whole(jdbcUrl, user, password);
        HikariConfig config = new HikariConfig();
        config.setPoolName("chorus-edi-db");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            config.setConnectionInitSql(H2_LOCK_TIMEOUT);
            config.addDataSourceProperty("QUERY_CACHE_SIZE", H2_QUERY_CACHE_SIZE);
        }
        HikariDataSource pool = new HikariDataSource(config);
        if (made) {
            return new Database(pool); // every migration applied just now: Flyway would only scan and check them again
        }
        try {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    /**
     * A new H2 file is made whole or not at all: H2 applies a migration's DDL outside any transaction, so a stop in the
     * middle of the first start's migrations would leave a half-made schema that Flyway cannot undo (a table copied
     * for an ALTER and never dropped, say). The schema is made in a file aside, which is linked into place once it is
     * complete; a file a stopped start left aside (named with its pid) is never used: the next start makes its own.
     * (PostgreSQL's DDL is transactional.) Returns whether it made it, every migration applied.
     */
    private static boolean createH2Whole(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith(H2_FILE)) {
            return false;
        }
        int options = jdbcUrl.indexOf(';');
        String path = jdbcUrl.substring(H2_FILE.length(), options < 0 ? jdbcUrl.length() : options);
        Path file = Path.of(path + H2_SUFFIX);
        if (path.startsWith("~") || Files.exists(file)) {
            return false; // a home-relative path is H2's to resolve
        }
        String asidePath = path + ".new-" + ProcessHandle.current().pid();
        Path aside = Path.of(asidePath + H2_SUFFIX);
        try {
            Files.deleteIfExists(aside);
            String asideUrl = H2_FILE + asidePath + (options < 0 ? "" : jdbcUrl.substring(options));
            Flyway.configure().dataSource(asideUrl, user, password).locations(MIGRATIONS).load().migrate();
            try (Connection connection = DriverManager.getConnection(asideUrl, user, password);
                 Statement shutdown = connection.createStatement()) {
                shutdown.execute("SHUTDOWN");
            }
            try (FileChannel written = FileChannel.open(aside, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            // A hard link never replaces a file another process made meanwhile, as a rename would.
            Files.createLink(file, aside);
            try (FileChannel folder = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                folder.force(true);
            }
            return true;
        } catch (FileAlreadyExistsException madeMeanwhile) {
            LOG.debug("another process made {} meanwhile", file);
            return false;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create the database " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(aside);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", aside, e.toString());
            }
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        if (upkeep != null) {
            upkeep.close();
        }
        pool.close();
    }
}
