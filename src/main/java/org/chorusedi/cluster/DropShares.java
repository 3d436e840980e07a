package org.chorusedi.cluster;

import java.util.List;

/**
 * Which dropped files this node takes: each file of {@code in/<partner>/} is one live node's, chosen by rendezvous
 * hashing of its partner and name over the nodes whose lease holds (the node of highest weight). Nodes that share the
 * drop directories then take different files instead of racing for the same ones, and when a node joins or dies only
 * the files that were, or become, its own change hands. The nodes' claims still decide: while nodes see the cluster
 * differently (each reads it every second), two of them may both try a file, and one claims it.
 */
public final class DropShares {

    private final String self;
    /** The live nodes, as this node last read them; empty until then. */
    private volatile List<String> liveNodes = List.of();

    public DropShares(String self) {
        this.self = self;
    }

    /** The nodes whose lease holds, read every second by this node's lease thread. */
    void liveNodes(List<String> nodes) {
        liveNodes = List.copyOf(nodes);
    }

    /**
     * Whether this node takes the file. Every file while it does not see itself among the live nodes (not read yet,
     * or its own lease passed: its commits are refused then anyway, and taking nothing would leave the files waiting).
     */
    public boolean takes(String partner, String fileName) {
        List<String> nodes = liveNodes;
        return !nodes.contains(self) || self.equals(owner(partner, fileName, nodes));
    }

    /** The node of highest weight for the file. */
    static String owner(String partner, String fileName, List<String> nodes) {
        String owner = null;
        long best = 0;
        for (String node : nodes) {
            long weight = weight(node, partner + '/' + fileName);
            if (owner == null || Long.compareUnsigned(weight, best) > 0 || weight == best && node.compareTo(owner) < 0) {
                owner = node;
                best = weight;
            }
        }
        return owner;
    }

    /** String.hashCode is the same in every JVM; SplitMix64's finaliser spreads the two into 64 bits. */
    private static long weight(String node, String file) {
        long z = ((long) node.hashCode() << 32) ^ (file.hashCode() & 0xffffffffL);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
