package org.chorusedi.flow;

import java.util.ArrayList;
import java.util.List;
import org.chorusedi.routing.Finding;

/** What a flow holds, gathered while it streams: its invoices, and what rejects it as a whole. */
final class FlowContent {

    final List<InvoiceRead> invoices = new ArrayList<>();
    final List<Finding> flowFindings = new ArrayList<>();
    private int started;

    /** The position of the next invoice in the flow, from 1. */
    int nextIndex() {
        return ++started;
    }

    /** The document just counted was a batch envelope, not an invoice. */
    void forgetLast() {
        started--;
    }

    int started() {
        return started;
    }

    boolean rejected() {
        return !flowFindings.isEmpty();
    }

    void reject(Finding finding) {
        flowFindings.add(finding);
    }

    FlowRead toRead(String sha256) {
        return rejected() ? new FlowRead(flowFindings, List.of(), sha256) : new FlowRead(List.of(), invoices, sha256);
    }
}
