package org.chorusedi.flow;

import java.util.List;
import org.chorusedi.controls.Route;
import org.chorusedi.decision.Finding;

/**
 * The decision on one invoice of a flow.
 *
 * @param invoiceId     stable id: the flow id and the invoice's position; names the outbox file
 * @param recipientName the recipient's name in the directory, when known
 * @param serviceName   the service's name in the directory, when known
 * @param warnings      what the EN 16931 rules say without rejecting it, each a line
 * @param route         where it goes once delivered, and with which status
 */
public record InvoiceOutcome(InvoiceRead invoice, String invoiceId, List<Finding> findings,
                             String recipientName, String serviceName, List<String> warnings, Route route) {

    public boolean delivered() {
        return findings.isEmpty();
    }

    /** The same invoice with one more reason to reject it. */
    public InvoiceOutcome rejectedWith(Finding finding) {
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.add(finding);
        return new InvoiceOutcome(invoice, invoiceId, List.copyOf(all), recipientName, serviceName, warnings, route);
    }
}
