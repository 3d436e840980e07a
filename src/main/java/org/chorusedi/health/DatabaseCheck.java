package org.chorusedi.health;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;

/** The database answers: without it no flow can be numbered, decided or committed. */
public final class DatabaseCheck extends EngineCheck {

    private static final int TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;

    public DatabaseCheck(DataSource dataSource) {
        super("chorus-database");
        this.dataSource = dataSource;
    }

    @Override
    String problem(HealthCheckResultBuilder builder) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS) ? null : "the database does not answer";
        } catch (SQLException e) {
            return "the database cannot be reached: " + e.getMessage();
        }
    }
}
