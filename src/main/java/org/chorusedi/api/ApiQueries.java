package org.chorusedi.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.acknowledgement.AcknowledgementFile;
import org.chorusedi.intake.Deposits;
import org.chorusedi.ledger.ApiDeposits;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.ledger.LedgerQueries.FlowQuery;
import org.chorusedi.ledger.LedgerQueries.StatusEntry;
import org.chorusedi.web.JsonAnswers;
import org.chorusedi.web.QueryString;

import static org.chorusedi.web.JsonAnswers.time;

/**
 * The answers of the partners' API as JSON, each for one partner: what the ledger holds of its flows and
 * invoices, and its deposits not in the ledger yet. Nothing of the engine's own folders is shown.
 */
public final class ApiQueries {

    static final int MAX_FLOWS = 500;
    static final int MAX_STATUSES = 1000;

    private final LedgerQueries ledger;
    private final Deposits deposits;
    private final Clock clock;

    public ApiQueries(LedgerQueries ledger, Deposits deposits, Clock clock) {
        this.ledger = ledger;
        this.deposits = deposits;
        this.clock = clock;
    }

    /** A parameter the API cannot take: answered 400 with this message. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** GET flows: the partner's flows received since a time, newest first. */
    JsonObject flows(String partner, Map<String, String> parameters) {
        Instant since = parameters.containsKey("since") ? since(parameters.get("since"))
                : clock.instant().minus(Duration.ofDays(1));
        LedgerQueries.FlowPage page = ledger.flows(new FlowQuery(partner, null, since, null), 0, MAX_FLOWS);
        JsonArray flows = new JsonArray();
        page.flows().forEach(flow -> flows.add(flow(flow)));
        JsonObject answer = new JsonObject();
        answer.put("since", since.toString());
        answer.put("total", page.total());
        answer.put("flows", flows);
        return answer;
    }

    /** Whether the flow is the partner's, in the ledger or deposited and not in it yet. */
    boolean owns(String partner, String flowId) {
        if (flowId == null) {
            return false;
        }
        Optional<FlowRow> entry = ledger.flow(flowId);
        if (entry.isPresent()) {
            return entry.get().partner().equals(partner);
        }
        // Not pending: maybe recorded between the two reads (see flow).
        return deposits.pending(flowId).filter(d -> d.partner().equals(partner)).isPresent()
                || ledger.flow(flowId).filter(f -> f.partner().equals(partner)).isPresent();
    }

    /** GET flows/{id}: the partner's flow and its invoices; a deposit not decided yet as RECEIVED; else empty. */
    Optional<JsonObject> flow(String partner, String flowId) {
        if (flowId == null) {
            return Optional.empty();
        }
        Optional<FlowRow> entry = ledger.flow(flowId);
        if (entry.isEmpty()) {
            Optional<JsonObject> pending = deposits.pending(flowId).filter(d -> d.partner().equals(partner)).map(ApiQueries::pending);
            if (pending.isPresent()) {
                return pending;
            }
            // Recorded between the two reads: a deposit leaves api_deposit in the transaction that records its flow.
            entry = ledger.flow(flowId);
        }
        if (entry.isEmpty() || !entry.get().partner().equals(partner)) {
            return Optional.empty();
        }
        JsonArray invoices = new JsonArray();
        for (InvoiceRow invoice : ledger.invoicesOf(flowId)) {
            invoices.add(JsonAnswers.invoice(invoice));
        }
        JsonObject flow = flow(entry.get());
        flow.put("invoiceList", invoices);
        return Optional.of(flow);
    }

    /** GET statuses: the status changes of the partner's invoices since a time, oldest first. */
    JsonObject statuses(String partner, Map<String, String> parameters) {
        String given = parameters.get("since");
        if (given == null) {
            throw new BadRequest("since: give an instant (2026-11-28T10:00:00Z) or a date (2026-11-28)");
        }
        Instant since = since(given);
        List<StatusEntry> found = ledger.statuses(partner, since).stream()
                .sorted(Comparator.comparing(StatusEntry::recordedAt)).toList();
        JsonArray statuses = new JsonArray();
        for (StatusEntry status : found.subList(0, Math.min(found.size(), MAX_STATUSES))) {
            JsonObject s = new JsonObject();
            s.put("recordedAt", time(status.recordedAt()));
            s.put("invoiceId", status.invoiceId());
            s.put("number", status.number());
            s.put("supplier", status.supplierId());
            s.put("recipient", status.recipient());
            s.put("status", status.status().code());
            s.put("label", status.status().label());
            s.put("sentBy", status.sentBy());
            s.put("flowId", status.flowId());
            s.put("reason", status.reason());
            s.put("mandate", status.mandate());
            s.put("detail", status.detail());
            statuses.add(s);
        }
        JsonObject answer = new JsonObject();
        answer.put("since", since.toString());
        answer.put("more", found.size() > MAX_STATUSES);
        answer.put("statuses", statuses);
        return answer;
    }

    /** GET invoices/{id}: one of the partner's invoices with its history; empty when it is none of its. */
    Optional<JsonObject> invoice(String partner, String invoiceId) {
        if (invoiceId == null) {
            return Optional.empty();
        }
        return ledger.invoices(invoiceId).stream()
                .filter(i -> i.invoiceId().equals(invoiceId) && partner.equals(i.supplierPartner()))
                .findFirst().map(ApiQueries::invoice);
    }

    private static JsonObject invoice(InvoiceRow entry) {
        JsonObject i = new JsonObject();
        i.put("invoiceId", entry.invoiceId());
        i.put("flowId", entry.flowId());
        JsonAnswers.invoiceKeys(i, entry);
        i.put("status", entry.status() == null ? null : entry.status().code());
        JsonArray history = new JsonArray();
        history.addAll(entry.statusLines());
        i.put("history", history);
        return i;
    }

    /** A deposit the ledger does not hold yet. */
    static JsonObject pending(ApiDeposits.Deposit deposit) {
        JsonObject flow = new JsonObject();
        flow.put("flowId", deposit.flowId());
        flow.put("fileName", deposit.name());
        flow.put("receivedAt", deposit.receivedAt().toString());
        flow.put("state", "RECEIVED");
        flow.put("status", null);
        return flow;
    }

    private static JsonObject flow(FlowRow entry) {
        JsonObject flow = JsonAnswers.flow(entry);
        flow.put("sha256", entry.sha256());
        JsonArray acknowledgements = new JsonArray();
        if (entry.status() != null) {
            acknowledgements.add(ApiRoutes.BASE + "/flows/" + entry.flowId() + "/acknowledgements/" + AcknowledgementFile.FLOW_REPORT.document());
            if (entry.delivered() > 0) {
                acknowledgements.add(ApiRoutes.BASE + "/flows/" + entry.flowId() + "/acknowledgements/" + AcknowledgementFile.INVOICE_STATUSES.document());
            }
        }
        flow.put("acknowledgements", acknowledgements);
        return flow;
    }

    private static Instant since(String value) {
        try {
            if (QueryString.fourDigitYear(value)) {
                return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(value);
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw new BadRequest("since: expected an instant (2026-11-28T10:00:00Z) or a date (2026-11-28), not '"
                + org.chorusedi.validation.Quoted.capped(value) + "'");
    }
}
