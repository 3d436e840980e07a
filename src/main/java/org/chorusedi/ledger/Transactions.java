package org.chorusedi.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import javax.sql.DataSource;
import org.chorusedi.database.Database;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The ledger's work on its tables, each in one transaction: the commit protocol's and its read side's. A thread
 * committing a group of flows ({@link #group}) runs its work in the group's one transaction instead, each piece of work
 * still all or nothing (a savepoint). A commit that files are published after ({@link #forced}) is on disk when it
 * returns; a group holding such work says so, and its caller forces it.
 */
final class Transactions {

    /** The product name H2's driver gives: the one database whose commits are forced here. */
    private static final String H2 = "H2";

    /** The transaction of the group this thread commits, if it commits one. */
    private static final ThreadLocal<Group> GROUP = new ThreadLocal<>();

    /** A group's transaction, and whether a piece of its work must be on disk when it is committed. */
    private static final class Group {
        final Connection connection;
        boolean forced;

        Group(Connection connection) {
            this.connection = connection;
        }
    }

    private Transactions() {
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction; a failure of the database is a {@link Ledger.LedgerException}. */
    static <T> T run(DataSource dataSource, Work<T> work) {
        return run(dataSource, work, false);
    }

    /**
     * The same, its commit on disk when it returns: a commit point, which the flow's files are published after. In a
     * group, the group's caller forces the group's commit ({@link #group}).
     */
    static <T> T forced(DataSource dataSource, Work<T> work) {
        return run(dataSource, work, true);
    }

    private static <T> T run(DataSource dataSource, Work<T> work, boolean forced) {
        Group group = GROUP.get();
        if (group != null) {
            T result = inGroup(group.connection, work);
            group.forced |= forced;
            return result;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                if (forced) {
                    forceToDisk(connection);
                }
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
     * (undone if it throws). Returns whether a piece of it asked to be forced ({@link #forced}): the caller then forces
     * the ledger ({@link #forceToDisk(DataSource)}) before anything of the group is published. A
     * {@link Ledger.LedgerException} when the transaction cannot be opened or committed: what the group wrote may then be
     * applied or not, and is to be asked of the ledger.
     */
    static boolean group(DataSource dataSource, Runnable group) {
        if (GROUP.get() != null) {
            throw new IllegalStateException("this thread commits a group already");
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            Group transaction = new Group(connection);
            GROUP.set(transaction);
            try {
                group.run();
                GROUP.remove();
                connection.commit();
                return transaction.forced;
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

    /** {@link #forceToDisk(Connection)} on a connection of its own. */
    static void forceToDisk(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            forceToDisk(connection);
        } catch (SQLException e) {
            throw new Ledger.LedgerException("ledger: " + e.getMessage(), e);
        }
    }

    /**
     * Forces what the database committed to disk, where it does not do it itself. PostgreSQL forces its log at each
     * commit (synchronous_commit, on by default). H2 writes each commit to its file at once (WRITE_DELAY=0), which a
     * killed process cannot undo, but forces the file only when asked: after a power loss it could come back without
     * a commit whose files were published since, its invoices no longer known as delivered (sent again, delivered
     * twice). One forcing a group: what the group commit saves most on a slow disk.
     * <p>
     * The embedded H2's file is forced by its store ({@code MVStore.sync}), not by {@code CHECKPOINT SYNC}: that first
     * writes what the transactions under way changed (a store of their pages), and a group is forced while the next
     * group runs its statements.
     */
    private static void forceToDisk(Connection connection) throws SQLException {
        if (!H2.equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        MVStore store = Database.embeddedStore(connection);
        if (store != null) {
            try {
                store.sync();
            } catch (MVStoreException e) {
                throw new SQLException("cannot force the database file to disk: " + e.getMessage(), e);
            }
            return;
        }
        try (Statement sync = connection.createStatement()) {
            sync.execute("CHECKPOINT SYNC"); // an H2 file another process serves (AUTO_SERVER), or in memory
        }
    }
}
