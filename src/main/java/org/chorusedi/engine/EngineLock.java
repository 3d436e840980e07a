package org.chorusedi.engine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chorusedi.text.Printable;

/**
 * One engine per root and per database: two engines taking the same files, or deciding against the same
 * ledger, would deliver invoices twice and undo each other's publications. A running engine holds a lock
 * on {@code <root>/engine.lock} (which says who holds it) and a lock in the database (an advisory lock on
 * PostgreSQL, a locked row of {@code engine_lock} elsewhere), each released by the operating system or
 * the database when the engine stops, however it stops. Nodes of a cluster (issue 14, package cluster)
 * share the root and the database: each takes the same advisory lock shared, so that a single engine
 * cannot start beside them, nor they beside it.
 */
public final class EngineLock implements AutoCloseable {

    /** The advisory lock's key on PostgreSQL: any number, the same for every engine. */
    private static final long ADVISORY_KEY = 0x43484f5255534544L;

    /**
     * The roots this JVM holds. A second channel on a lock file must never be opened and closed here: closing
     * any channel on a file releases every lock the process holds on it.
     */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path root;
    private final FileChannel file;
    private final FileLock fileLock;
    private Connection database;

    private EngineLock(Path root, FileChannel file, FileLock fileLock) {
        this.root = root;
        this.file = file;
        this.fileLock = fileLock;
    }

    /**
     * A node of a cluster: no lock on the root, which the nodes share; on the database (PostgreSQL, the only one
     * cluster mode takes), the single engine's advisory lock taken shared.
     *
     * @throws Held when a single engine works on that database
     */
    public static EngineLock forClusterNode(String jdbcUrl, String user, String password) throws Held {
        EngineLock lock = new EngineLock(null, null, null);
        lock.database = lockDatabase(jdbcUrl, user, password, true);
        return lock;
    }

    /** Another engine holds the root or the database. */
    public static final class Held extends Exception {
        Held(String message) {
            super(message);
        }
    }

    /**
     * Takes the root's lock: first of all, before the database is opened.
     *
     * @throws Held when another engine holds the root, naming it
     */
    public static EngineLock onRoot(Path root) throws Held, IOException {
        Path lockFile = root.resolve("engine.lock");
        String holder = "pid " + ProcessHandle.current().pid() + " on " + host() + ", since " + Instant.now();
        String heldBy = HELD_HERE.putIfAbsent(root, holder);
        if (heldBy != null) {
            throw new Held("the root " + root + " is held by another engine (" + heldBy + "): stop it first, or use another root");
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(root);
            throw e;
        }
        if (lock == null) {
            channel.close();
            HELD_HERE.remove(root);
            throw new Held("the root " + root + " is held by another engine (" + holder(lockFile) + "): stop it first, or use another root");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new EngineLock(root, channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            HELD_HERE.remove(root);
            throw e;
        }
    }

    /**
     * Takes the database's lock, once the database is migrated (its lock row exists).
     *
     * @throws Held when another engine works on that database
     */
    public void onDatabase(String jdbcUrl, String user, String password) throws Held {
        database = lockDatabase(jdbcUrl, user, password, false);
    }

    private static Connection lockDatabase(String jdbcUrl, String user, String password, boolean shared) throws Held {
        Connection connection;
        try {
            connection = DriverManager.getConnection(jdbcUrl, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database " + jdbcUrl + " to take the engine's lock: " + e.getMessage(), e);
        }
        boolean taken;
        try (Statement statement = connection.createStatement()) {
            if (jdbcUrl.startsWith("jdbc:postgresql:")) {
                String take = shared ? "pg_try_advisory_lock_shared" : "pg_try_advisory_lock";
                try (ResultSet row = statement.executeQuery("SELECT " + take + "(" + ADVISORY_KEY + ")")) {
                    taken = row.next() && row.getBoolean(1);
                }
            } else {
                // The row stays locked as long as this transaction is open: as long as the engine runs.
                connection.setAutoCommit(false);
                try (ResultSet row = statement.executeQuery("SELECT name FROM engine_lock WHERE name = 'engine' FOR UPDATE NOWAIT")) {
                    taken = row.next();
                } catch (SQLException e) {
                    taken = false;
                }
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take the engine's lock in the database " + jdbcUrl + ": " + e.getMessage(), e);
        }
        if (!taken) {
            closeQuietly(connection);
            throw new Held(shared ? "the database " + jdbcUrl + " is in use by an engine not in cluster mode: stop it first"
                    : "the database " + jdbcUrl + " is in use by another engine: one engine per database"
                    + " (nodes in cluster mode, chorus.cluster.enabled, share one)");
        }
        return connection;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the database lets go of a closed connection's locks
        }
    }

    /** Who holds the lock file, as it says (read only when this process does not hold it). */
    private static String holder(Path lockFile) {
        try (InputStream in = Files.newInputStream(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            String text = new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "unknown" : Printable.of(text);
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }

    @Override
    public void close() {
        if (database != null) {
            closeQuietly(database);
        }
        if (file == null) {
            return; // a cluster node's: no lock on the root
        }
        try {
            fileLock.release();
            file.close();
        } catch (IOException ignored) {
            // the operating system lets go of a closed file's locks
        } finally {
            HELD_HERE.remove(root);
        }
    }
}
