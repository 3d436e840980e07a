package org.chorusedi.ledger;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.framework.Circuit;
import org.chorusedi.framework.Framework;
import org.chorusedi.framework.WorksStep;

/**
 * An invoice as the ledger holds it, for every reader (the commands, both APIs, the life cycle): its keys, its
 * decision, where it went, and its status changes after delivery (docs/partners/life-cycle.md).
 *
 * @param supplierPartner the partner that sent its flow
 * @param position        its place in its flow (names its staged file)
 * @param reasons         the codes that rejected it; none when it was delivered
 * @param outbox          where it was delivered (for a recycled one, its new outbox); null when it was not
 * @param status          where it stands; null when it was not delivered (it has no life cycle)
 * @param flowKeptAs      its flow as the engine archived it
 * @param receivedAt      when its flow was received (its status 01)
 * @param decidedAt       when its flow was decided (its status 03, or its rejection)
 * @param history         its status changes after delivery, in order
 * @param framework       its invoicing framework (A1 for an invoice recorded before frameworks were read)
 * @param market          its market, for a framework that has one; null otherwise
 * @param validator       the structure that validates it before its recipient has it (A9, A12); null otherwise
 * @param validatorService that validator's service, or null
 * @param answers         for an MOE's or an MOA's works statement, the id of the statement it answers (BT-25); null otherwise
 * @param chainPartner    for an MOE's or an MOA's works statement, the partner that sent the draft its chain began with,
 *                        told of each of its steps beside its own sender; null otherwise
 */
public record InvoiceRow(String invoiceId, String flowId, String supplierPartner, int position, String supplierId,
                         int supplierType, String supplierName, String number, String issueDate, String recipient,
                         String serviceCode, String engagement, boolean delivered, List<String> reasons, Path outbox,
                         InvoiceStatus status, Path flowKeptAs, OffsetDateTime receivedAt, OffsetDateTime decidedAt,
                         List<Ledger.Event> history, Framework framework, String market, String validator,
                         String validatorService, String answers, String chainPartner) {

    /** The statuses of the circuits before payment: the validator's (13 to 15), the MOE's (16 to 18), the MOA's (19 to 21). */
    private static final Set<InvoiceStatus> CIRCUITS = EnumSet.of(InvoiceStatus.A_VALIDER_1, InvoiceStatus.VALIDEE_1,
            InvoiceStatus.REFUSEE_1, InvoiceStatus.A_TRAITER_MOE, InvoiceStatus.REFUSEE_MOE, InvoiceStatus.TRAITEE_MOE,
            InvoiceStatus.A_VALIDER_MOA, InvoiceStatus.REFUSEE_MOA, InvoiceStatus.VALIDEE_MOA);

    /**
     * Whether the invoice went through this status since it was last made available (delivered or recycled) or
     * completed: after either, its recipient takes it up again.
     */
    public boolean hadSinceDelivery(InvoiceStatus wanted) {
        for (int i = history.size() - 1; i >= 0; i--) {
            InvoiceStatus status = history.get(i).status();
            if (status == InvoiceStatus.MISE_A_DISPOSITION || status == InvoiceStatus.COMPLETEE) {
                return false;
            }
            if (status == wanted) {
                return true;
            }
        }
        return false;
    }

    /** The invoice as it stands once this change is committed; {@code rerouted}: its new keys and outbox, when recycled. */
    public InvoiceRow changedBy(Ledger.Event event, Ledger.Rerouted rerouted) {
        List<Ledger.Event> changes = new ArrayList<>(history);
        changes.add(event);
        boolean kept = rerouted == null;
        return new InvoiceRow(invoiceId, flowId, supplierPartner, position, supplierId, supplierType, supplierName, number,
                issueDate, kept ? recipient : rerouted.recipient(), kept ? serviceCode : rerouted.serviceCode(),
                kept ? engagement : rerouted.engagement(), delivered, reasons, kept ? outbox : rerouted.outbox(), event.status(),
                flowKeptAs, receivedAt, decidedAt, List.copyOf(changes), framework, market, validator, validatorService, answers, chainPartner);
    }

    /**
     * True while the party that answers it first has it, or after that party answered: its validator (A9, A12: 13 to
     * 15), the MOE (a works draft: 16 to 18) or the MOA (an MOE's statement: 19 to 21). Its recipient's service never
     * had it.
     */
    public boolean withValidator() {
        return validator != null && CIRCUITS.contains(status);
    }

    /** The structure it is made available to now, whose partner may send its statuses: its validator, or its recipient. */
    public String availableTo() {
        return withValidator() ? validator : recipient;
    }

    /** Its status once delivered: 13, 16 or 19 when a party answers it first (its framework says which), else 03. */
    public InvoiceStatus firstStatus() {
        if (validator == null) {
            return InvoiceStatus.MISE_A_DISPOSITION;
        }
        if (framework.circuit() == Circuit.VALIDATION) {
            return InvoiceStatus.A_VALIDER_1;
        }
        return framework.step().orElseThrow() == WorksStep.TO_MOE ? InvoiceStatus.A_TRAITER_MOE : InvoiceStatus.A_VALIDER_MOA;
    }

    /** The partners told of its status changes: the one that sent it, and the one its works chain began with. */
    public List<String> toldPartners() {
        return chainPartner == null || chainPartner.equals(supplierPartner) ? List.of(supplierPartner)
                : List.of(supplierPartner, chainPartner);
    }

    /** Its statuses as the {@code invoice} command and the API show them, each a line: 01, its decision, then its changes. */
    public List<String> statusLines() {
        List<String> lines = new ArrayList<>();
        lines.add(receivedAt + " " + InvoiceStatus.DEPOSEE);
        lines.add(decidedAt + (delivered ? " " + firstStatus()
                : " REJETEE" + (reasons.isEmpty() ? "" : " " + String.join(" ", reasons))));
        history.forEach(event -> lines.add(event.line()));
        return lines;
    }
}
