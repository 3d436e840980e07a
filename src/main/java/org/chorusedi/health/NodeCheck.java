package org.chorusedi.health;

import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.chorusedi.cluster.ClusterView;
import org.chorusedi.cluster.ClusterView.Node;

/**
 * Which node answers: its id and mode in the check's message and details (shown at {@code ?exposureLevel=full}).
 * In cluster mode, its lease holds by the database's clock: once it has passed, the other nodes may take this
 * node's flows over and its commits are refused, so it is not ready, whatever it may still be doing.
 */
public final class NodeCheck extends EngineCheck {

    private final ClusterView cluster;

    public NodeCheck(ClusterView cluster) {
        super("chorus-node");
        this.cluster = cluster;
    }

    @Override
    String problem(HealthCheckResultBuilder builder) {
        String node = cluster.nodeId();
        builder.detail("node.id", node).detail("node.mode", cluster.mode());
        if (!cluster.cluster()) {
            builder.message("node " + node + ", a single engine");
            return null;
        }
        Optional<Node> self = cluster.self();
        if (self.isEmpty()) {
            return "node " + node + " holds no lease in cluster_node: the other nodes may take its flows over";
        }
        builder.detail("lease.until", self.get().leaseUntil().toString()).detail("claims", self.get().claims());
        if (!self.get().alive()) {
            return "the lease of node " + node + " passed at " + self.get().leaseUntil() + " (not renewed in time): the other"
                    + " nodes may take its flows over, and its commits are refused until it is renewed";
        }
        builder.message("node " + node + " of a cluster, its lease held until " + self.get().leaseUntil());
        return null;
    }
}
