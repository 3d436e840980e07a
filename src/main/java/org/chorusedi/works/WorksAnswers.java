package org.chorusedi.works;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chorusedi.controls.InvoiceCheck;
import org.chorusedi.controls.Route;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceOutcome;
import org.chorusedi.framework.Framework;
import org.chorusedi.framework.Role;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.LedgerQueries;

/**
 * I31, the works circuit's control that needs the ledger: an MOE's statement (A15 to A18) answers a draft its MOE has
 * (16), the MOA's (A19, A20) a statement it has (19), of the frameworks {@link Framework#answers} pairs, named by BT-25
 * with the answering document's supplier on the same market; each answered once. Run on a decided flow just before it is committed, one flow at a time, as the
 * duplicate checks are; across nodes, the commit finds the answered document moved on and the flow is decided again.
 */
public final class WorksAnswers {

    /** A flow as the answers leave it, with the answers its commit records. */
    public record Answered(FlowOutcome outcome, List<Answer> answers) {
    }

    /** One document answering another: the one answered, as the ledger held it, and what its answer records. */
    public record Answer(InvoiceRow answered, Ledger.Answer recorded) {
    }

    private final LedgerQueries ledger;

    public WorksAnswers(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    public Answered apply(FlowOutcome flow) {
        if (flow.rejectedAsWhole() || flow.invoices().stream().noneMatch(WorksAnswers::answering)) {
            return new Answered(flow, List.of());
        }
        List<InvoiceOutcome> checked = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        Set<String> answeredInFlow = new HashSet<>();
        for (InvoiceOutcome invoice : flow.invoices()) {
            if (!answering(invoice)) {
                checked.add(invoice);
                continue;
            }
            Route route = invoice.route();
            Framework framework = route.framework();
            // the MOE answers drafts it has (16), the MOA the statements it has (19)
            boolean byMoe = framework.depositor().orElseThrow() == Role.MOE;
            InvoiceStatus waiting = byMoe ? InvoiceStatus.A_TRAITER_MOE : InvoiceStatus.A_VALIDER_MOA;
            InvoiceKeys keys = invoice.invoice().keys();
            String name = InvoiceCheck.name(keys, invoice.invoice().index()) + ": " + framework + " (" + framework.label() + ")";
            String whose = (byMoe ? "a draft its MOE has (16), " : "a statement its MOA has (19), ")
                    + framework.answers().stream().map(Enum::name).toList();
            if (keys.precedingInvoice() == null) {
                checked.add(invoice.rejectedWith(new Finding(ReasonCode.I31, name + " answers " + whose + ": it names none (BT-25)")));
                continue;
            }
            List<InvoiceRow> found = ledger.deliveredInvoices(keys.supplierId(), keys.precedingInvoice(), null).stream()
                    .filter(row -> route.market().equals(row.market()) && framework.answers().contains(row.framework()))
                    .toList();
            String named = "document '" + keys.precedingInvoice() + "' (BT-25) of supplier " + keys.supplierId() + " on market "
                    + route.market();
            List<InvoiceRow> waitingOnes = found.stream()
                    .filter(row -> row.status() == waiting && !answeredInFlow.contains(row.invoiceId())).toList();
            if (waitingOnes.size() != 1) {
                InvoiceRow first = found.isEmpty() ? null : found.get(0);
                String why = first == null ? "no such document was delivered"
                        : waitingOnes.isEmpty() ? "it is " + first.status() + " (" + first.invoiceId() + "): "
                                + (answeredInFlow.contains(first.invoiceId()) ? "answered earlier in this flow" : "it waits for no answer")
                        : waitingOnes.size() + " such documents wait (of several years): the engine does not tell them apart";
                checked.add(invoice.rejectedWith(new Finding(ReasonCode.I31, name + " answers " + whose + ": " + named + ": " + why)));
                continue;
            }
            InvoiceRow answered = waitingOnes.get(0);
            answeredInFlow.add(answered.invoiceId());
            InvoiceStatus to = byMoe ? InvoiceStatus.TRAITEE_MOE : InvoiceStatus.VALIDEE_MOA;
            Ledger.Event event = new Ledger.Event(answered.invoiceId(), answered.validator(), to, flow.decidedAt(), null, flow.flowId(),
                    flow.partner(), null, null, "answered by " + framework + " '" + keys.number() + "' (" + invoice.invoiceId() + ")");
            answers.add(new Answer(answered, new Ledger.Answer(invoice.invoiceId(), waiting, event)));
            checked.add(invoice);
        }
        return new Answered(flow.withInvoices(checked), List.copyOf(answers));
    }

    /** A delivered document whose framework answers another. */
    private static boolean answering(InvoiceOutcome invoice) {
        return invoice.delivered() && invoice.route().framework() != null && !invoice.route().framework().answers().isEmpty();
    }
}
