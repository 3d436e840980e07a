package org.chorusedi.directory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The engine's database: a small connection pool on a schema brought up to date by Flyway. */
public final class Database implements AutoCloseable {

    private static final String MIGRATIONS = "classpath:db/migration";
    // Imports and lookups are few and short: a handful of connections is plenty, even for PostgreSQL.
    private static final int MAX_CONNECTIONS = 4;
    // Directory writes and extract snapshots take turns on one row (DirectoryClock): an extract may
    // wait for a whole import. H2 gives up on a lock after 2 s by default; PostgreSQL waits.
    private static final String H2_LOCK_TIMEOUT = "SET LOCK_TIMEOUT 120000";

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Opens the pool and applies the pending migrations; e.g. {@code jdbc:h2:file:/abs/edi-data/db/chorus-edi}. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("chorus-edi-db");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            config.setConnectionInitSql(H2_LOCK_TIMEOUT);
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
