package org.chorusedi.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.chorusedi.ledger.CommitFence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's claims on its flows, in {@code flow_claim} (PostgreSQL). Claims in the ledger's own database
 * rather than Camel's {@code readLock=idempotent} with camel-sql's {@code JdbcOrphanLockAwareIdempotentRepository}:
 * that repository locks a file name while Camel's exchange runs, but the intake takes hold of the file itself (it
 * renames it into {@code work/<flow id>/}), and what must stay held, and be taken over when a node dies, is the
 * flow in {@code work/} until it is published, parked or put back, across the route's retries; and the claim must
 * fence the ledger's commit in the commit's own transaction. A claim lives as long as its node's lease
 * (ClusterNode): one renewal per node, not one per flow. A published flow's claim ends in the transaction that marks
 * it published (CommitFence). Every time is the database's.
 */
public final class NodeClaims implements FlowClaims, CommitFence {

    private static final Logger LOG = LoggerFactory.getLogger(NodeClaims.class);

    /** A node whose lease has passed, or that left: its claims are anybody's to take over. */
    private static final String DEAD = "node_id NOT IN (SELECT node_id FROM cluster_node WHERE lease_until > now())";

    private final DataSource database;
    private final String nodeId;

    public NodeClaims(DataSource database, String nodeId) {
        this.database = database;
        this.nodeId = nodeId;
    }

    @Override
    public boolean claim(String flowId, Path dropped) {
        String file;
        try {
            file = fileKey(dropped);
        } catch (IOException gone) {
            return false;
        }
        if (update("""
                INSERT INTO flow_claim (flow_id, node_id, dropped_key, claimed_at) VALUES (?, ?, ?, now())
                ON CONFLICT DO NOTHING""", flowId, nodeId, file) == 1) {
            return true;
        }
        // Another node's claim on that file; or this flow's own, claimed by an attempt that failed after it.
        return flows("SELECT flow_id FROM flow_claim WHERE flow_id = ? AND node_id = ?", flowId, nodeId).size() == 1;
    }

    /**
     * The dropped file itself, not only its path: the path and the file system's id of the file (device and inode).
     * Two nodes that found the same file name it alike; a new file dropped at that path once this one was taken is
     * another file (this one keeps its inode in work/ while it is claimed), so that a claim is never cleared when its
     * file is taken: one write a flow fewer. Where the file system gives no id, its size and modification time stand in.
     */
    private static String fileKey(Path dropped) throws IOException {
        BasicFileAttributes file = Files.readAttributes(dropped, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object id = file.fileKey() != null ? file.fileKey() : file.size() + " " + file.lastModifiedTime().toMillis();
        return sha256(dropped + "\n" + id);
    }

    @Override
    public boolean settle(String flowId) {
        // Its own, or a dead node's: one UPDATE, so that of two nodes taking it over, one does.
        List<String> holder = flows("SELECT node_id FROM flow_claim WHERE flow_id = ?", flowId);
        if (update("UPDATE flow_claim SET node_id = ?, claimed_at = now() WHERE flow_id = ? AND (node_id = ? OR " + DEAD + ")",
                nodeId, flowId, nodeId) == 1) {
            if (!holder.isEmpty() && !holder.get(0).equals(nodeId)) {
                LOG.info("node {} takes over flow {} from node {}, whose lease has passed", nodeId, flowId, holder.get(0));
            }
            return true;
        }
        // Nobody's (what a finished flow left, or a flow of the single engine before the cluster): claimed now.
        return update("INSERT INTO flow_claim (flow_id, node_id, claimed_at) VALUES (?, ?, now()) ON CONFLICT (flow_id) DO NOTHING",
                flowId, nodeId) == 1;
    }

    @Override
    public List<String> abandoned() {
        return flows("SELECT flow_id FROM flow_claim WHERE " + DEAD + " ORDER BY flow_id LIMIT 100");
    }

    @Override
    public List<String> own() {
        return flows("SELECT flow_id FROM flow_claim WHERE node_id = ? ORDER BY flow_id", nodeId);
    }

    private List<String> flows(String sql, String... values) {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                query.setString(i + 1, values[i]);
            }
            List<String> flows = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    flows.add(rows.getString(1));
                }
            }
            return flows;
        } catch (SQLException e) {
            throw new ClaimsUnavailable(e);
        }
    }

    @Override
    public void release(String flowId) {
        update("DELETE FROM flow_claim WHERE flow_id = ? AND node_id = ?", flowId, nodeId);
    }

    /**
     * In the flow's commit transaction: the claim is still this node's and its lease has not passed, and the claim's
     * row stays locked until the commit, so that no other node takes the flow over meanwhile.
     */
    @Override
    public void check(Connection connection, String flowId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.node_id, n.lease_until > now() FROM flow_claim c LEFT JOIN cluster_node n ON n.node_id = c.node_id
                WHERE c.flow_id = ? FOR UPDATE OF c""")) {
            query.setString(1, flowId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("flow " + flowId + " is not claimed by node " + nodeId + ": it is not committed");
                }
                if (!nodeId.equals(row.getString(1))) {
                    throw new SQLException("flow " + flowId + " was taken over by node " + row.getString(1) + ": node " + nodeId
                            + " does not commit it");
                }
                if (!row.getBoolean(2)) {
                    throw new SQLException("the lease of node " + nodeId + " has passed: it commits no flow until it is renewed");
                }
            }
        }
    }

    /** In the transaction that marks them published: this node's claims on them end. */
    @Override
    public void published(Connection connection, Collection<String> flowIds) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM flow_claim WHERE flow_id = ? AND node_id = ?")) {
            for (String flowId : flowIds) {
                delete.setString(1, flowId);
                delete.setString(2, nodeId);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private int update(String sql, String... values) {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new ClaimsUnavailable(e);
        }
    }

    /** The database failed: the flow is tried again later, as when its commit fails. */
    public static final class ClaimsUnavailable extends RuntimeException {
        ClaimsUnavailable(SQLException cause) {
            super("flow claims: " + cause.getMessage(), cause);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
