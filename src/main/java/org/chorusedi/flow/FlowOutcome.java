package org.chorusedi.flow;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.FlowStatus;

/**
 * The decision on a whole flow, before anything is published: what the acknowledgements say and
 * what the publication does.
 */
public record FlowOutcome(String flowId, String partner, String fileName, long sizeBytes, String sha256,
                          OffsetDateTime decidedAt, List<Finding> flowFindings, List<InvoiceOutcome> invoices) {

    /** The same flow, rejected as a whole for this reason: none of its invoices is decided. */
    public FlowOutcome rejectedWith(Finding finding) {
        return new FlowOutcome(flowId, partner, fileName, sizeBytes, sha256, decidedAt, List.of(finding), List.of());
    }

    /** The same flow with its invoices decided anew. */
    public FlowOutcome withInvoices(List<InvoiceOutcome> decided) {
        return new FlowOutcome(flowId, partner, fileName, sizeBytes, sha256, decidedAt, flowFindings, decided);
    }

    /** CPPStatut flow status: 92 every invoice delivered, 96 some of them, 93 none. */
    public String status() {
        return FlowStatus.of(deliveredCount(), invoices.size(), !flowFindings.isEmpty()).code();
    }

    public boolean rejectedAsWhole() {
        return !flowFindings.isEmpty();
    }

    public long deliveredCount() {
        return invoices.stream().filter(InvoiceOutcome::delivered).count();
    }

    public List<InvoiceOutcome> delivered() {
        return invoices.stream().filter(InvoiceOutcome::delivered).toList();
    }

    /** Every error line of the flow report: flow findings first, then each invoice's in order. */
    public List<Finding> allFindings() {
        List<Finding> all = new ArrayList<>(flowFindings);
        invoices.forEach(i -> all.addAll(i.findings()));
        return all;
    }
}
