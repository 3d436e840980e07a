package org.chorusedi.flow;

import java.util.List;
import org.chorusedi.decision.Finding;

/**
 * What one pass over a flow found: either flow-level findings (the flow is rejected as a whole) or
 * the invoices it holds, each with its own findings; and the SHA-256 of its bytes, when they were all read.
 */
public record FlowRead(List<Finding> flowFindings, List<InvoiceRead> invoices, String sha256) {

    public static FlowRead rejected(Finding finding) {
        return new FlowRead(List.of(finding), List.of(), null);
    }
}
