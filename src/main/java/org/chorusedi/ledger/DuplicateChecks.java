package org.chorusedi.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceOutcome;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;

/**
 * F09 and I17, the controls that need the ledger: the same bytes sent twice by a partner, and the same
 * invoice (supplier, number, issue year) delivered twice. Run on a decided flow just before it is
 * committed, one flow at a time, so that two flows decided side by side cannot both pass; across nodes,
 * the commit's unique keys decide (UniqueKeys).
 */
public final class DuplicateChecks {

    /** What makes two invoices the same one (an assumption to confirm: brief 4.2). */
    public record Key(String supplierId, String number, int year) {
    }

    private final Ledger ledger;

    public DuplicateChecks(Ledger ledger) {
        this.ledger = ledger;
    }

    public FlowOutcome apply(FlowOutcome flow) {
        if (flow.rejectedAsWhole()) {
            return flow;
        }
        List<Key> keys = new ArrayList<>();
        for (InvoiceOutcome invoice : flow.invoices()) {
            key(invoice).ifPresent(keys::add);
        }
        Ledger.Earlier earlier = ledger.earlier(flow.partner(), flow.sha256(), keys);
        if (earlier.flow().isPresent()) {
            return flow.rejectedWith(new Finding(ReasonCode.F09, flow.fileName() + ": the same bytes (SHA-256 "
                    + flow.sha256() + ") were already processed as flow " + earlier.flow().get()));
        }
        Map<Key, String> delivered = earlier.invoices();
        Map<Key, String> inThisFlow = new HashMap<>();
        List<InvoiceOutcome> checked = new ArrayList<>();
        for (InvoiceOutcome invoice : flow.invoices()) {
            Optional<Key> key = key(invoice);
            String firstId = key.map(k -> delivered.getOrDefault(k, inThisFlow.get(k))).orElse(null);
            InvoiceOutcome outcome = invoice;
            if (firstId != null) {
                outcome = invoice.rejectedWith(new Finding(ReasonCode.I17, "invoice '" + invoice.invoice().keys().number()
                        + "' (document " + invoice.invoice().index() + " of the flow): supplier " + key.get().supplierId()
                        + " already sent invoice number " + key.get().number() + " in " + key.get().year() + ", as " + firstId));
            }
            if (outcome.delivered() && key.isPresent()) {
                inThisFlow.putIfAbsent(key.get(), invoice.invoiceId());
            }
            checked.add(outcome);
        }
        return flow.withInvoices(checked);
    }

    static Optional<Key> key(InvoiceOutcome invoice) {
        InvoiceKeys keys = invoice.invoice().keys();
        Integer year = year(keys.issueDate());
        if (keys.supplierId() == null || keys.number() == null || year == null) {
            return Optional.empty();
        }
        // As the ledger keeps them (control characters escaped), so that both sides compare alike.
        return Optional.of(new Key(Ledger.text(keys.supplierId(), 1024), Ledger.text(keys.number(), 1024), year));
    }

    /** The year of an ISO date, or null. */
    static Integer year(String isoDate) {
        return isoDate != null && isoDate.matches("\\d{4}-.*") ? Integer.valueOf(isoDate.substring(0, 4)) : null;
    }
}
