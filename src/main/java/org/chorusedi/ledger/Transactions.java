package org.chorusedi.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The ledger's work on its tables, each in one transaction: the commit protocol's and its read side's. */
final class Transactions {

    private Transactions() {
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction; a failure of the database is a {@link Ledger.LedgerException}. */
    static <T> T run(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new Ledger.LedgerException("ledger: " + e.getMessage(), e);
        }
    }
}
