package org.chorusedi.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's lease in {@code cluster_node}: renewed every third of its length on a connection of its own (a
 * busy pool never delays it), judged by the database's clock alone (the nodes' clocks may differ). Once it has
 * passed, the other nodes take this node's flows over; its own commits are refused then (NodeClaims' fence).
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final ClusterSettings settings;
    private final String url;
    private final String user;
    private final String password;
    private final ScheduledExecutorService renewals;
    private Connection connection;
    private long lastRenewed = System.nanoTime();
    /** The dropped files this node takes, shared with the live nodes it reads every second. */
    private final DropShares dropShares;

    private ClusterNode(ClusterSettings settings, String url, String user, String password) {
        this.settings = settings;
        this.url = url;
        this.user = user;
        this.password = password;
        this.dropShares = new DropShares(settings.nodeId());
        this.renewals = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chorus-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A node id another live node holds: this one does not start (exit 3, as a held root). */
    public static final class NodeIdTaken extends Exception {
        NodeIdTaken(String message) {
            super(message);
        }
    }

    /**
     * Joins the cluster under the node id of the settings, then renews its lease until closed. A node id whose
     * lease has not passed (the same node killed and started again at once) is waited for, for one lease: a lease
     * renewed meanwhile is another live node's, and this one does not start.
     */
    public static ClusterNode join(ClusterSettings settings, String url, String user, String password)
            throws NodeIdTaken, InterruptedException {
        ClusterNode node = new ClusterNode(settings, url, user, password);
        try {
            node.register();
        } catch (SQLException e) {
            node.close();
            throw new IllegalStateException("cannot join the cluster in the database " + url + ": " + e.getMessage(), e);
        } catch (NodeIdTaken | InterruptedException e) {
            node.close();
            throw e;
        }
        long period = settings.renewal().toMillis();
        node.renewals.scheduleWithFixedDelay(node::renew, period, period, TimeUnit.MILLISECONDS);
        // The live nodes read every second too: a node that joins or dies changes the shares within a second, not a renewal.
        node.renewals.scheduleWithFixedDelay(node::refreshShares, 1, 1, TimeUnit.SECONDS);
        LOG.info("node {} joined the cluster: its lease of {} s is renewed every {} s", settings.nodeId(),
                settings.lease().toSeconds(), settings.renewal().toSeconds());
        return node;
    }

    public String nodeId() {
        return settings.nodeId();
    }

    /** Which dropped files this node takes, as it last read the live nodes (every second). */
    public DropShares dropShares() {
        return dropShares;
    }

    /** The live nodes, by the database's clock, for the drop shares. */
    private void readLiveNodes() throws SQLException {
        try (PreparedStatement query = connection().prepareStatement(
                "SELECT node_id FROM cluster_node WHERE lease_until > clock_timestamp() ORDER BY node_id");
             ResultSet rows = query.executeQuery()) {
            List<String> nodes = new ArrayList<>();
            while (rows.next()) {
                nodes.add(rows.getString(1));
            }
            dropShares.liveNodes(nodes);
        }
    }

    private void register() throws SQLException, NodeIdTaken, InterruptedException {
        Timestamp held = leaseUntil();
        if (held != null && held.after(databaseNow())) {
            LOG.warn("node id {} holds a lease until {}: waiting for it to pass (a node of that id still alive keeps it)",
                    settings.nodeId(), held);
            Thread.sleep(Math.max(0, held.getTime() - databaseNow().getTime()) + settings.renewal().toMillis());
            Timestamp after = leaseUntil();
            if (after != null && after.after(held)) {
                throw new NodeIdTaken("the node id " + settings.nodeId() + " is held by a live node (its lease was renewed until "
                        + after + "): give each node its own chorus.cluster.node-id");
            }
        }
        try (PreparedStatement upsert = connection().prepareStatement("""
                INSERT INTO cluster_node (node_id, started_at, lease_until) VALUES (?, now(), now() + ? * INTERVAL '1 millisecond')
                ON CONFLICT (node_id) DO UPDATE SET started_at = EXCLUDED.started_at, lease_until = EXCLUDED.lease_until""")) {
            upsert.setString(1, settings.nodeId());
            upsert.setLong(2, settings.lease().toMillis());
            upsert.executeUpdate();
        }
        lastRenewed = System.nanoTime();
        readLiveNodes();
    }

    private Timestamp leaseUntil() throws SQLException {
        try (PreparedStatement query = connection().prepareStatement("SELECT lease_until FROM cluster_node WHERE node_id = ?")) {
            query.setString(1, settings.nodeId());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getTimestamp(1) : null;
            }
        }
    }

    private Timestamp databaseNow() throws SQLException {
        try (PreparedStatement query = connection().prepareStatement("SELECT clock_timestamp()");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getTimestamp(1);
        }
    }

    /** Never throws: the shares stay as they were until the next read succeeds. */
    private synchronized void refreshShares() {
        try {
            readLiveNodes();
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            LOG.debug("node {} could not read the live nodes now: {}", settings.nodeId(), Printable.of(e.toString()));
        }
    }

    /** Never throws: a failed renewal is logged, and the next one tries again on a new connection. */
    private synchronized void renew() {
        try (PreparedStatement update = connection().prepareStatement(
                "UPDATE cluster_node SET lease_until = now() + ? * INTERVAL '1 millisecond' WHERE node_id = ?")) {
            update.setLong(1, settings.lease().toMillis());
            update.setString(2, settings.nodeId());
            if (update.executeUpdate() == 0) {
                register();
            }
            lastRenewed = System.nanoTime();
            readLiveNodes();
        } catch (SQLException | NodeIdTaken | RuntimeException e) {
            closeConnection();
            long sinceMs = (System.nanoTime() - lastRenewed) / 1_000_000;
            if (sinceMs >= settings.lease().toMillis()) {
                LOG.error("node {} could not renew its lease for {} s ({}): it has passed, the other nodes take this node's flows"
                        + " over, and its own commits are refused until it is renewed", settings.nodeId(), sinceMs / 1000,
                        Printable.of(e.toString()));
            } else {
                LOG.warn("node {} could not renew its lease ({}): tried again in {} s", settings.nodeId(), Printable.of(e.toString()),
                        settings.renewal().toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(url, user, password);
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a new one is opened at the next renewal
            }
            connection = null;
        }
    }

    /** Leaves the cluster: the lease is dropped, so that the other nodes take over at once whatever this node leaves. */
    @Override
    public synchronized void close() {
        renewals.shutdownNow();
        try (PreparedStatement delete = connection().prepareStatement("DELETE FROM cluster_node WHERE node_id = ?")) {
            delete.setString(1, settings.nodeId());
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("node {} could not drop its lease ({}): the other nodes take its flows over once it passes", settings.nodeId(),
                    Printable.of(e.toString()));
        } finally {
            closeConnection();
        }
    }
}
