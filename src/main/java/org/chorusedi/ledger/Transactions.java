package org.chorusedi.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import javax.sql.DataSource;

/**
 * The ledger's work on its tables, each in one transaction: the commit protocol's and its read side's. A thread
 * committing a group of flows ({@link #group}) runs its work in the group's one transaction instead, each piece of work
 * still all or nothing (a savepoint).
 */
final class Transactions {

    /** The transaction of the group this thread commits, if it commits one. */
    private static final ThreadLocal<Connection> GROUP = new ThreadLocal<>();

    private Transactions() {
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction; a failure of the database is a {@link Ledger.LedgerException}. */
    static <T> T run(DataSource dataSource, Work<T> work) {
        Connection group = GROUP.get();
        if (group != null) {
            return inGroup(group, work);
        }
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

    /** Within the group's transaction: a failed piece of work is undone alone, the group's other work stays. */
    private static <T> T inGroup(Connection group, Work<T> work) {
        try {
            Savepoint before = group.setSavepoint();
            try {
                T result = work.run(group);
                group.releaseSavepoint(before);
                return result;
            } catch (SQLException | RuntimeException e) {
                group.rollback(before);
                throw e;
            }
        } catch (SQLException e) {
            throw new Ledger.LedgerException("ledger: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code group} with every piece of ledger work this thread does in one transaction, committed when it returns
     * (undone if it throws). A {@link Ledger.LedgerException} when the transaction cannot be opened or committed: what
     * the group wrote may then be applied or not, and is to be asked of the ledger.
     */
    static void group(DataSource dataSource, Runnable group) {
        if (GROUP.get() != null) {
            throw new IllegalStateException("this thread commits a group already");
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            GROUP.set(connection);
            try {
                group.run();
                GROUP.remove();
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                GROUP.remove();
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the connection is lost: nothing of the group is applied, or its commit is unclear (the caller asks)
                }
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new Ledger.LedgerException("ledger: " + e.getMessage(), e);
        }
    }
}
