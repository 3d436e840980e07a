package org.chorusedi.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * Which node works on which flow, from before it takes the dropped file into {@code work/<flow id>/} until the
 * flow is finished (published, parked, or its original put back): a node settles the flows of {@code work/}
 * that are its own, nobody's, or a dead node's (taken over), never a live node's. The single engine owns every
 * flow ({@link #LOCAL}); the nodes of a cluster claim theirs in PostgreSQL ({@link NodeClaims}).
 */
public interface FlowClaims {

    /**
     * Before the dropped file is taken: false when another node is taking the same file (it found it too), or the
     * file is gone.
     */
    boolean claim(String flowId, Path dropped);

    /**
     * Whether this node may settle the flow now: its own, or nobody's, or a dead node's, which it takes over
     * (once: two nodes cannot both take it). False while a live node holds it.
     */
    boolean settle(String flowId);

    /** The flows whose node is dead, to take over (none for the single engine). */
    List<String> abandoned();

    /**
     * This node's claims: at start-up, what an earlier run under the same node id left (a flow claimed before
     * its folder of work/ was made too). None for the single engine, which finds its flows in work/.
     */
    List<String> own();

    /**
     * The flow is finished other than by its publication (parked, put back, gone, or published before): nobody holds
     * it any more. A flow marked published is released by that mark, in its transaction (ledger.CommitFence).
     */
    void release(String flowId);

    /** The single engine: every flow is its own. */
    FlowClaims LOCAL = new FlowClaims() {
        @Override
        public boolean claim(String flowId, Path dropped) {
            return true;
        }

        @Override
        public boolean settle(String flowId) {
            return true;
        }

        @Override
        public List<String> abandoned() {
            return List.of();
        }

        @Override
        public List<String> own() {
            return List.of();
        }

        @Override
        public void release(String flowId) {
        }
    };
}
