package org.chorusedi.acknowledgement;

import java.time.OffsetDateTime;
import java.util.List;
import org.chorusedi.decision.Finding;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.lifecycle.LifeCycleOutcome;

/**
 * The flow report of a flow (CPPFluxStatuts): its status, 92, 96 or 93, with one error line per finding.
 *
 * @param partner  the partner that sent the flow
 * @param findings one error line each
 */
public record FlowReport(String flowId, String partner, OffsetDateTime decidedAt, String status, String comment,
                         List<Finding> findings) implements AcknowledgementDocument {

    /** An invoice flow's: 92 every invoice delivered, 96 some, 93 none or the flow rejected as a whole. */
    public static FlowReport ofInvoiceFlow(FlowOutcome flow) {
        String comment = flow.rejectedAsWhole() ? "File " + flow.fileName() + ": flow rejected as a whole"
                : "File " + flow.fileName() + ": " + flow.invoices().size() + " invoice(s), " + flow.deliveredCount() + " delivered, "
                + (flow.invoices().size() - flow.deliveredCount()) + " rejected";
        return new FlowReport(flow.flowId(), flow.partner(), flow.decidedAt(), flow.status(), comment, flow.allFindings());
    }

    /** A life-cycle flow's: 92 every line accepted, 96 some, 93 none; one error line per refusal. */
    public static FlowReport ofLifeCycleFlow(LifeCycleOutcome flow) {
        return new FlowReport(flow.flowId(), flow.partner(), flow.decidedAt(), flow.status(), flow.comment(), flow.allFindings());
    }

    @Override
    public AcknowledgementFile file() {
        return AcknowledgementFile.FLOW_REPORT;
    }
}
