package org.chorusedi.health;

import java.util.List;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.Ledger.FlowEntry;

/** No committed flow whose publication cannot be finished (a file neither staged nor in place): an operator must look. */
public final class PublicationsCheck extends EngineCheck {

    private final Ledger ledger;

    public PublicationsCheck(Ledger ledger) {
        super("chorus-publications");
        this.ledger = ledger;
    }

    @Override
    String problem(HealthCheckResultBuilder builder) {
        List<FlowEntry> stuck = ledger.stuckPublications();
        builder.detail("stuck", stuck.size());
        if (stuck.isEmpty()) {
            return null;
        }
        FlowEntry first = stuck.get(0);
        return stuck.size() + " committed flow(s) cannot be published, the first " + first.flowId() + ": " + first.problem();
    }
}
