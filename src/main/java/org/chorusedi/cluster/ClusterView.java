package org.chorusedi.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * This node and its cluster as its operators' endpoints show them (docs/operators/cluster.md): which node
 * answers, since when, the flows it works on, and in cluster mode every node of {@code cluster_node} with its
 * lease and the claims it holds, alive as the database's clock judges (as the claims are). The single engine
 * is a cluster of one: itself, without lease nor claims.
 */
public final class ClusterView {

    /** How long the meters keep what they read of the nodes: scrapes, however frequent, cost a query per this at most. */
    private static final Duration METERS_READING = Duration.ofSeconds(5);

    /** More nodes than any cluster has: the answer stays small whatever the table holds. */
    private static final int MAX_NODES = 100;

    private static final String NODES = """
            SELECT n.node_id, n.started_at, n.lease_until, n.lease_until > now(),
                   (SELECT COUNT(*) FROM flow_claim c WHERE c.node_id = n.node_id)
            FROM cluster_node n""";

    /** A node: {@code leaseUntil} and {@code claims} are null for the single engine, which has neither. */
    public record Node(String nodeId, Instant startedAt, Instant leaseUntil, boolean alive, Integer claims) {
    }

    private final ClusterSettings settings;
    private final Instant startedAt;
    private final FlowsAtWork atWork;
    private final DataSource database;
    private volatile MetersReading metersReading;

    /** What the meters read of the nodes, and when (System.nanoTime); null nodes: the database did not answer. */
    private record MetersReading(List<Node> nodes, long at) {
    }

    public ClusterView(ClusterSettings settings, Instant startedAt, FlowsAtWork atWork, DataSource database) {
        this.settings = settings;
        this.startedAt = startedAt;
        this.atWork = atWork;
        this.database = database;
    }

    public String nodeId() {
        return settings.nodeId();
    }

    /** {@code single} or {@code cluster}, as the endpoints name the mode. */
    public String mode() {
        return settings.enabled() ? "cluster" : "single";
    }

    public boolean cluster() {
        return settings.enabled();
    }

    /** When this engine started, by its own clock. */
    public Instant startedAt() {
        return startedAt;
    }

    public FlowsAtWork atWork() {
        return atWork;
    }

    /**
     * The nodes, by node id: in cluster mode each one of {@code cluster_node}, dead ones too until they are
     * started again (a node stopped cleanly leaves it); the single engine alone otherwise.
     *
     * @throws IllegalStateException when the database cannot be read
     */
    public List<Node> nodes() {
        if (!cluster()) {
            return List.of(new Node(nodeId(), startedAt, null, true, null));
        }
        return read(NODES + " ORDER BY n.node_id LIMIT " + MAX_NODES);
    }

    /** This node's lease and claims as the database holds them; empty when it holds no lease (the single engine never does). */
    public Optional<Node> self() {
        return read(NODES + " WHERE n.node_id = ?", nodeId()).stream().findFirst();
    }

    /** For the meters, in cluster mode: this node's claims; NaN when the database does not answer. */
    public double claimsHeld() {
        List<Node> nodes = metersNodes();
        return nodes == null ? Double.NaN
                : nodes.stream().filter(n -> n.nodeId().equals(nodeId())).mapToInt(Node::claims).sum();
    }

    /** For the meters, in cluster mode: the nodes alive; NaN when the database does not answer. */
    public double nodesAlive() {
        List<Node> nodes = metersNodes();
        return nodes == null ? Double.NaN : nodes.stream().filter(Node::alive).count();
    }

    private List<Node> metersNodes() {
        MetersReading last = metersReading;
        if (last == null || System.nanoTime() - last.at() > METERS_READING.toNanos()) {
            List<Node> nodes;
            try {
                nodes = nodes();
            } catch (IllegalStateException e) {
                // A gauge without a value: the health check chorus-database says why.
                nodes = null;
            }
            last = new MetersReading(nodes, System.nanoTime());
            metersReading = last;
        }
        return last.nodes();
    }

    private List<Node> read(String sql, String... values) {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                query.setString(i + 1, values[i]);
            }
            List<Node> nodes = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    nodes.add(new Node(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
                            rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getBoolean(4), rows.getInt(5)));
                }
            }
            return nodes;
        } catch (SQLException e) {
            throw new IllegalStateException("the cluster's nodes cannot be read: " + e.getMessage(), e);
        }
    }
}
