package org.chorusedi.far37;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A DataSource whose next commit fails the way a test chooses, for what follows an unclear commit:
 * applied and then reported as failed (the connection lost during COMMIT), really failed, or applied
 * with the database unreachable afterwards.
 */
final class CommitFailures {

    enum Failure {
        /** The server applies the commit; the client is told it failed. */
        APPLIED_THEN_REPORTED_FAILED,
        /** The commit is not applied, and reported as failed. */
        NOT_APPLIED,
        /** Applied and reported failed, and no connection can be had afterwards until {@link #reconnect()}. */
        APPLIED_THEN_DATABASE_UNREACHABLE
    }

    private final DataSource real;
    private Failure next;
    private boolean unreachable;

    CommitFailures(DataSource real) {
        this.real = real;
    }

    /** The next commit fails so. */
    void failNextCommit(Failure failure) {
        next = failure;
    }

    void reconnect() {
        unreachable = false;
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        if (unreachable) {
                            throw new SQLException("Connection refused (test)");
                        }
                        return connection(real.getConnection());
                    }
                    return invoke(real, method, arguments);
                });
    }

    private Connection connection(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("commit") && next != null) {
                        Failure failure = next;
                        next = null;
                        if (failure == Failure.NOT_APPLIED) {
                            connection.rollback();
                        } else {
                            connection.commit();
                        }
                        unreachable = failure == Failure.APPLIED_THEN_DATABASE_UNREACHABLE;
                        throw new SQLException("I/O error: connection reset during COMMIT (test)");
                    }
                    return invoke(connection, method, arguments);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
