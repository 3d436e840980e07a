package org.chorusedi.testkit;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The engine's database, failing on purpose the way a database does, at the commit of a flow (the
 * transaction that inserts its row into ledger_flow): a commit refused (nothing applied), a commit applied
 * and then reported as failed (the connection lost during COMMIT), optionally with the database then out of
 * reach; and something to do right after a flow's commit is applied (a staged file lost, say). Also a forcing of the
 * ledger to disk that fails (H2's file: PostgreSQL forces at its commits).
 */
public final class FaultyDataSource implements DataSource {

    /** What the next flow commit does. */
    public enum Fault { REFUSED, APPLIED_THEN_LOST }

    private final DataSource database;
    private volatile Fault nextFlowCommit;
    private volatile Runnable afterFlowCommit;
    private volatile Runnable duringFlowCommit;
    private volatile boolean unreachable;
    private volatile boolean unreachableAfterFault;
    private volatile Error atNextDirectoryLookUp;
    private volatile boolean failNextForcing;
    private final AtomicInteger flowCommitsApplied = new AtomicInteger();

    public FaultyDataSource(DataSource database) {
        this.database = database;
    }

    /** The next flow commit fails so; {@code thenUnreachable}: the database cannot be reached after it, until {@link #reachable}. */
    public void failNextFlowCommit(Fault fault, boolean thenUnreachable) {
        this.unreachableAfterFault = thenUnreachable;
        this.nextFlowCommit = fault;
    }

    /** Runs once, right after the next flow commit is applied. */
    public void afterNextFlowCommit(Runnable action) {
        this.afterFlowCommit = action;
    }

    /**
     * Runs once, in the next flow commit's transaction, before it writes its flow's row: what another node of a cluster
     * commits meanwhile (on a connection of its own).
     */
    public void duringNextFlowCommit(Runnable action) {
        this.duringFlowCommit = action;
    }

    /** How many transactions that wrote flows were committed (a group commit writes several flows in one). */
    public int flowCommitsApplied() {
        return flowCommitsApplied.get();
    }

    /** The next look-up of a structure in the directory throws this (what the JVM throws when it runs out of heap, say). */
    public void errorAtNextDirectoryLookUp(Error error) {
        this.atNextDirectoryLookUp = error;
    }

    /** The next forcing of the ledger to disk (H2's file) fails, as on a disk that reports an error. */
    public void failNextForcing() {
        this.failNextForcing = true;
    }

    public void reachable() {
        unreachable = false;
    }

    /** The database cannot be reached from now on, until {@link #reachable}. */
    public void unreachable() {
        unreachable = true;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (unreachable) {
            throw new SQLException("connection refused (the test's database is out of reach)", "08001");
        }
        return wrap(database.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    private Connection wrap(Connection connection) {
        boolean[] flowCommit = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Error error = atNextDirectoryLookUp;
                    if (error != null && method.getName().equals("prepareStatement") && args != null && args[0] instanceof String query
                            && query.toUpperCase(Locale.ROOT).contains("FROM STRUCTURE")) {
                        atNextDirectoryLookUp = null;
                        throw error;
                    }
                    if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
                            && sql.strip().toUpperCase(Locale.ROOT).startsWith("INSERT INTO LEDGER_FLOW (FLOW_ID, PARTNER, FILE_NAME, SIZE_BYTES, SHA256")) {
                        flowCommit[0] = true;
                        Runnable action = duringFlowCommit;
                        duringFlowCommit = null;
                        if (action != null) {
                            action.run();
                        }
                    }
                    if (failNextForcing && method.getName().equals("unwrap")) {
                        // The ledger reaches H2's store through the connection to force its file.
                        failNextForcing = false;
                        throw new SQLException("the disk reported an error while forcing (the test's fault)", "58030");
                    }
                    if (method.getName().equals("commit") && flowCommit[0]) {
                        flowCommit[0] = false;
                        commitFlow(connection);
                        return null;
                    }
                    if (method.getName().equals("rollback") || method.getName().equals("close")) {
                        flowCommit[0] = false;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void commitFlow(Connection connection) throws SQLException {
        Fault fault = nextFlowCommit;
        nextFlowCommit = null;
        if (fault == Fault.REFUSED) {
            throw new SQLException("commit refused (the test's fault)", "40001");
        }
        connection.commit();
        flowCommitsApplied.incrementAndGet();
        Runnable action = afterFlowCommit;
        afterFlowCommit = null;
        if (action != null) {
            action.run();
        }
        if (fault == Fault.APPLIED_THEN_LOST) {
            unreachable = unreachableAfterFault;
            throw new SQLException("connection lost during COMMIT (the test's fault)", "08006");
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return database.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        database.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        database.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return database.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return database.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return database.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return database.isWrapperFor(type);
    }
}
