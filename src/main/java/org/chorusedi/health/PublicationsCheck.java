package org.chorusedi.health;

import java.util.List;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.ledger.LedgerQueries;

/** No committed flow whose publication cannot be finished (a file neither staged nor in place): an operator must look. */
public final class PublicationsCheck extends EngineCheck {

    private final LedgerQueries ledger;

    public PublicationsCheck(LedgerQueries ledger) {
        super("chorus-publications");
        this.ledger = ledger;
    }

    @Override
    String problem(HealthCheckResultBuilder builder) {
        List<FlowRow> stuck = ledger.stuckPublications();
        builder.detail("stuck", stuck.size());
        if (stuck.isEmpty()) {
            return null;
        }
        FlowRow first = stuck.get(0);
        return stuck.size() + " committed flow(s) cannot be published, the first " + first.flowId() + ": " + first.problem();
    }
}
