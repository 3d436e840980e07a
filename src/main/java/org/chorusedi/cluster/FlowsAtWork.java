package org.chorusedi.cluster;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flows this node is reading, checking or publishing now, as its intake starts and ends each attempt: what
 * its operators' endpoint says it is doing (ClusterView). In memory: a flow waiting for its next attempt, or
 * left to be settled later, is not at work (a node's claims count those).
 */
public final class FlowsAtWork {

    /** A flow at work: its file's name as the sender gave it, and since when this attempt runs. */
    public record FlowAtWork(String flowId, String partner, String fileName, Instant since) {
    }

    private final Map<String, FlowAtWork> flows = new ConcurrentHashMap<>();

    public void started(String flowId, String partner, String fileName, Instant since) {
        flows.put(flowId, new FlowAtWork(flowId, partner, fileName, since));
    }

    public void ended(String flowId) {
        flows.remove(flowId);
    }

    public int count() {
        return flows.size();
    }

    /** The flows at work longest, first: at most {@code limit} of them. */
    public List<FlowAtWork> oldest(int limit) {
        return flows.values().stream().sorted(Comparator.comparing(FlowAtWork::since).thenComparing(FlowAtWork::flowId))
                .limit(limit).toList();
    }
}
