package org.chorusedi.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chorusedi.decision.Finding;

/** What a flow holds, gathered while it streams: its invoices, and what rejects it as a whole. */
final class FlowContent {

    /** Distinct key values kept once per flow (see InvoiceKeys.sharing); past this many, a value is kept as it is. */
    private static final int MAX_SHARED_VALUES = 4096;

    final List<InvoiceRead> invoices = new ArrayList<>();
    private final Map<String, String> sharedValues = new HashMap<>();
    final List<Finding> flowFindings = new ArrayList<>();
    private int started;

    /** An invoice read, its key values shared with the flow's other invoices. */
    void add(InvoiceRead invoice) {
        invoices.add(invoice.withKeys(invoice.keys().sharing(this::shared)));
    }

    private String shared(String value) {
        if (value == null) {
            return null;
        }
        String kept = sharedValues.get(value);
        if (kept != null) {
            return kept;
        }
        if (sharedValues.size() < MAX_SHARED_VALUES) {
            sharedValues.put(value, value);
        }
        return value;
    }

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
