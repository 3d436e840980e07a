package org.chorusedi.acknowledgement;

import java.time.OffsetDateTime;
import java.util.List;
import org.chorusedi.controls.Route;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceOutcome;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.lifecycle.LifeCycleOutcome;
import org.chorusedi.lifecycle.LifeCycleOutcome.Change;
import org.chorusedi.works.WorksAnswers;

/**
 * The statuses of invoices (CPPFactureStatuts), one line an invoice: those an invoice flow delivered (03, to its
 * sender), or those a life-cycle flow gave the invoices of one supplier's partner (forwarded to that partner).
 *
 * @param partner the partner it is written for
 */
public record InvoiceStatuses(String flowId, String partner, OffsetDateTime decidedAt, List<Line> lines)
        implements AcknowledgementDocument {

    /**
     * One invoice's status. Optional fields are null when absent.
     *
     * @param statedAt when the status was stated, as its sender wrote it; null for the flow's decision time
     */
    public record Line(int supplierType, String supplierId, String supplierName, String supplierCountry, String recipientId,
                       String recipientName, String serviceCode, String serviceName, String status, String complement,
                       String comment, String statedAt, String number, String issueDate, String mandate) {
    }

    /**
     * The invoices an invoice flow delivered, each with status 03 (made available to the recipient), or 13 (made
     * available to its validator first: A9, A12).
     */
    public static InvoiceStatuses delivered(FlowOutcome flow) {
        List<Line> lines = flow.delivered().stream().map(invoice -> {
            InvoiceKeys keys = invoice.invoice().keys();
            Route route = invoice.route();
            boolean toRecipient = !route.waitsForAnswer();
            return new Line(keys.supplierType(), keys.supplierId(), keys.supplierName(), keys.supplierCountry(), route.structure(),
                    toRecipient ? invoice.recipientName() : null, route.serviceCode(), toRecipient ? invoice.serviceName() : null,
                    route.status().code(), route.status().label(),
                    "Invoice id " + invoice.invoiceId() + ", flow " + flow.flowId()
                            + (toRecipient ? "" : ", framework " + route.framework() + " of market " + route.market()
                                    + ": to " + route.structure() + " (" + firstParty(route) + ") before " + keys.recipientId())
                            + warnings(invoice), null, keys.number(), keys.issueDate(), null);
        }).toList();
        return new InvoiceStatuses(flow.flowId(), flow.partner(), flow.decidedAt(), lines);
    }

    /**
     * The statuses a life-cycle flow gives the invoices of one supplier's partner (forwarded from their recipients,
     * or 03 again after a recycling, 12 after a completion), each with who sent it.
     */
    public static InvoiceStatuses forwarded(LifeCycleOutcome flow, String supplierPartner, List<Change> changes) {
        List<Line> lines = changes.stream().map(change -> {
            InvoiceRow invoice = change.invoice();
            Ledger.Event event = change.event();
            Ledger.Rerouted rerouted = change.rerouted();
            // the structure the status was recorded for: the recipient, its new one after a recycling, or the validator
            boolean validator = event.recipient().equals(invoice.validator()) && rerouted == null;
            return new Line(invoice.supplierType(), invoice.supplierId(), invoice.supplierName(), null, event.recipient(),
                    change.recipientName(), validator ? invoice.validatorService()
                            : rerouted == null ? invoice.serviceCode() : rerouted.serviceCode(), change.serviceName(), event.status().code(),
                    event.reason() == null ? event.status().label() : event.reason(),
                    "Invoice id " + invoice.invoiceId() + ", from partner " + flow.partner() + ", flow " + flow.flowId()
                            + (event.detail() == null ? "" : ": " + event.detail()),
                    event.statedAt(), invoice.number(), invoice.issueDate(), event.mandate());
        }).toList();
        return new InvoiceStatuses(flow.flowId(), supplierPartner, flow.decidedAt(), lines);
    }

    /**
     * The works statements of one supplier's partner that an invoice flow's documents answer (BT-25): 18, a draft
     * the MOE answered with its statement; 21, an MOE's statement the MOA validated with its own.
     */
    public static InvoiceStatuses answered(FlowOutcome flow, String supplierPartner, List<WorksAnswers.Answer> answers) {
        List<Line> lines = answers.stream().map(answer -> {
            InvoiceRow invoice = answer.answered();
            Ledger.Event event = answer.recorded().event();
            return new Line(invoice.supplierType(), invoice.supplierId(), invoice.supplierName(), null, event.recipient(), null,
                    invoice.validatorService(), null, event.status().code(), event.status().label(),
                    "Invoice id " + invoice.invoiceId() + ", from partner " + flow.partner() + ", flow " + flow.flowId() + ": "
                            + event.detail(), null, invoice.number(), invoice.issueDate(), null);
        }).toList();
        return new InvoiceStatuses(flow.flowId(), supplierPartner, flow.decidedAt(), lines);
    }

    /** This document's lines, then those of another for the same partner and flow: one file. */
    public InvoiceStatuses with(InvoiceStatuses more) {
        List<Line> all = new java.util.ArrayList<>(lines);
        all.addAll(more.lines());
        return new InvoiceStatuses(flowId, partner, decidedAt, List.copyOf(all));
    }

    /** Who answers a document first, as its status says. */
    private static String firstParty(Route route) {
        return switch (route.status()) {
            case A_TRAITER_MOE -> "its MOE";
            case A_VALIDER_MOA -> "its MOA";
            default -> "its validator";
        };
    }

    @Override
    public AcknowledgementFile file() {
        return AcknowledgementFile.INVOICE_STATUSES;
    }

    /** The EN 16931 rules' warnings of a delivered invoice, where its sender reads its status. */
    private static String warnings(InvoiceOutcome invoice) {
        return invoice.warnings().isEmpty() ? "" : "; EN 16931 warnings: " + String.join("; ", invoice.warnings());
    }
}
