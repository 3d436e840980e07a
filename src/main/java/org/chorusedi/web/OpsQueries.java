package org.chorusedi.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.cluster.ClusterView;
import org.chorusedi.cluster.FlowsAtWork.FlowAtWork;
import org.chorusedi.config.Folders;
import org.chorusedi.decision.FlowStatus;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.directory.Structure;
import org.chorusedi.far37.ExtractType;
import org.chorusedi.far37.Far37Schedule;
import org.chorusedi.far37.Far37Settings;
import org.chorusedi.far37.Subscriber;
import org.chorusedi.far37.SubscriptionStore.Subscription;
import org.chorusedi.far37.SubscriptionStore;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.LedgerQueries.FlowPage;
import org.chorusedi.ledger.LedgerQueries.FlowQuery;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.works.WorksClock;

import static org.chorusedi.web.JsonAnswers.label;

/**
 * The answers of the operators' JSON API, version 1 (docs/operators/watching.md, "The operators' JSON API"): what the
 * ledger, the directory, the FAR37 subscriptions and the cluster's nodes hold, as JSON. A parameter that is wrong is a
 * {@link BadRequest}.
 */
final class OpsQueries {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_STRUCTURES = 50;
    static final int MAX_FLOWS_AT_WORK = 100;

    private final LedgerQueries ledger;
    private final DirectoryStore directory;
    private final Far37Settings far37;
    private final SubscriptionStore subscriptions;
    private final ClusterView cluster;
    private final WorksClock works;
    private final Clock clock;

    OpsQueries(LedgerQueries ledger, DirectoryStore directory, Far37Settings far37, SubscriptionStore subscriptions, ClusterView cluster,
               WorksClock works, Clock clock) {
        this.ledger = ledger;
        this.directory = directory;
        this.far37 = far37;
        this.subscriptions = subscriptions;
        this.cluster = cluster;
        this.works = works;
        this.clock = clock;
    }

    /** A parameter the API cannot take: answered 400 with this message. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** GET flows: a page of flows, newest first. */
    JsonObject flows(Map<String, String> parameters) {
        String partner = parameters.get("partner");
        if (partner != null && !Folders.PARTNER_CODE.matcher(partner).matches()) {
            throw new BadRequest("partner: expected a partner code (3 to 8 letters and digits)");
        }
        String outcome = parameters.get("outcome");
        if (outcome != null) {
            outcome = outcome.toUpperCase(Locale.ROOT);
            if (FlowStatus.ofCode(outcome).isEmpty() && !outcome.equals("PARKED")) {
                throw new BadRequest("outcome: expected 92, 96, 93 or parked");
            }
        }
        LocalDate from = date(parameters, "from");
        LocalDate to = date(parameters, "to");
        int page = number(parameters, "page", 0, 0, Integer.MAX_VALUE);
        int size = number(parameters, "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        FlowPage found = ledger.flows(new FlowQuery(partner, outcome,
                from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
                (int) Math.min((long) page * size, Integer.MAX_VALUE), size);
        JsonArray flows = new JsonArray();
        // The reasons of the invoices too: the list says why, without a click per flow.
        Map<String, List<String>> invoiceReasons = ledger.invoiceReasonsOf(found.flows().stream().map(FlowRow::flowId).toList());
        found.flows().forEach(flow -> {
            JsonObject f = flow(flow);
            f.put("invoiceReasons", JsonAnswers.reasons(invoiceReasons.getOrDefault(flow.flowId(), List.of())));
            flows.add(f);
        });
        JsonObject answer = new JsonObject();
        answer.put("page", page);
        answer.put("size", size);
        answer.put("total", found.total());
        answer.put("flows", flows);
        return answer;
    }

    /** GET flows/{id}: a flow and its invoices; empty when the ledger has no such flow. */
    Optional<JsonObject> flow(String flowId) {
        return ledger.flow(flowId).map(entry -> {
            JsonArray invoices = new JsonArray();
            for (InvoiceRow invoice : ledger.invoicesOf(flowId)) {
                JsonObject i = JsonAnswers.invoice(invoice);
                i.put("outbox", invoice.outbox() == null ? null : invoice.outbox().toString());
                invoices.add(i);
            }
            JsonObject answer = new JsonObject();
            JsonObject flow = flow(entry);
            flow.put("sha256", entry.sha256());
            answer.put("flow", flow);
            answer.put("invoices", invoices);
            return answer;
        });
    }

    /** GET rejections: the reason codes that rejected flows or invoices over the last day or week. */
    JsonObject rejections(Map<String, String> parameters) {
        String period = parameters.getOrDefault("period", "day");
        Duration length = switch (period) {
            case "day" -> Duration.ofDays(1);
            case "week" -> Duration.ofDays(7);
            default -> throw new BadRequest("period: expected day or week");
        };
        Instant since = clock.instant().minus(length);
        JsonArray codes = new JsonArray();
        long total = 0;
        for (Map.Entry<String, Long> code : ledger.rejectionsSince(since).entrySet()) {
            JsonObject c = new JsonObject();
            c.put("code", code.getKey());
            c.put("label", label(code.getKey()));
            c.put("count", code.getValue());
            codes.add(c);
            total += code.getValue();
        }
        JsonObject answer = new JsonObject();
        answer.put("period", period);
        answer.put("since", since.toString());
        answer.put("total", total);
        answer.put("codes", codes);
        return answer;
    }

    /**
     * GET trends?period=day|week: per hour, the flows received by status, their invoices delivered and rejected, and
     * the flows' duration from their receipt to their publication (50th and 95th percentiles, in seconds), with the
     * percentiles over the whole period.
     */
    JsonObject trends(Map<String, String> parameters) {
        String period = parameters.getOrDefault("period", "day");
        Duration length = switch (period) {
            case "day" -> Duration.ofDays(1);
            case "week" -> Duration.ofDays(7);
            default -> throw new BadRequest("period: expected day or week");
        };
        Instant now = clock.instant();
        Instant first = now.minus(length).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Map<Instant, List<LedgerQueries.FlowTime>> flowsByHour = new java.util.HashMap<>();
        List<Long> all = new java.util.ArrayList<>();
        for (LedgerQueries.FlowTime flow : ledger.flowTimesSince(first)) {
            flowsByHour.computeIfAbsent(flow.receivedAt().truncatedTo(ChronoUnit.HOURS), h -> new java.util.ArrayList<>()).add(flow);
            if (flow.finishedAt() != null) {
                all.add(Duration.between(flow.receivedAt(), flow.finishedAt()).toMillis());
            }
        }
        Map<Instant, long[]> invoices = ledger.invoicesByHourSince(first);
        JsonArray hours = new JsonArray();
        for (Instant hour = first; !hour.isAfter(now); hour = hour.plus(Duration.ofHours(1))) {
            List<LedgerQueries.FlowTime> flows = flowsByHour.getOrDefault(hour, List.of());
            JsonObject h = new JsonObject();
            h.put("hour", hour.toString());
            JsonObject byStatus = new JsonObject();
            for (String status : List.of("92", "96", "93")) {
                byStatus.put(status, flows.stream().filter(f -> status.equals(f.status())).count());
            }
            h.put("flows", byStatus);
            long[] counted = invoices.getOrDefault(hour, new long[2]);
            h.put("delivered", counted[0]);
            h.put("rejected", counted[1]);
            List<Long> durations = flows.stream().filter(f -> f.finishedAt() != null)
                    .map(f -> Duration.between(f.receivedAt(), f.finishedAt()).toMillis()).collect(java.util.stream.Collectors.toList());
            h.put("p50", percentile(durations, 50));
            h.put("p95", percentile(durations, 95));
            hours.add(h);
        }
        JsonObject answer = new JsonObject();
        answer.put("period", period);
        answer.put("hours", hours);
        answer.put("p50", percentile(all, 50));
        answer.put("p95", percentile(all, 95));
        return answer;
    }

    /** The nearest-rank percentile of durations in milliseconds, in seconds; null without any. */
    private static Double percentile(List<Long> millis, int percent) {
        if (millis.isEmpty()) {
            return null;
        }
        List<Long> sorted = millis.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1000.0;
    }

    /** GET far37/subscribers: each subscriber's last extract and its next scheduled ones. */
    JsonObject subscribers() {
        JsonArray list = new JsonArray();
        Instant now = clock.instant();
        for (Subscriber subscriber : far37.subscribers()) {
            Optional<Subscription> subscription = subscriptions.find(subscriber.code());
            JsonObject s = new JsonObject();
            s.put("code", subscriber.code());
            s.put("folder", subscriber.folder().toString());
            s.put("lastSequence", subscription.map(Subscription::lastSequence).orElse(null));
            s.put("lastPublished", subscription.map(x -> x.lastPublished().toString()).orElse(null));
            s.put("lastFull", subscription.map(x -> x.lastFull().toString()).orElse(null));
            s.put("fullCron", subscriber.fullCron());
            s.put("deltaCron", subscriber.deltaCron());
            s.put("timeZone", subscriber.timeZone().getId());
            s.put("nextFull", Far37Schedule.nextFire(subscriber, ExtractType.FULL, now).map(Instant::toString).orElse(null));
            s.put("nextDelta", Far37Schedule.nextFire(subscriber, ExtractType.DELTA, now).map(Instant::toString).orElse(null));
            list.add(s);
        }
        JsonObject answer = new JsonObject();
        answer.put("subscribers", list);
        return answer;
    }

    /** The drafts, and the MOE's statements, the page lists at most, oldest first. */
    private static final int WORKS_SHOWN = 200;

    /**
     * GET works: the works documents waiting for an answer, each list oldest first (drafts with their MOE, then MOE's
     * statements with their MOA), each with its deadline and whether it is late; how many drafts are late; the
     * MOE's delay.
     */
    JsonObject works() {
        Instant now = clock.instant();
        List<InvoiceRow> drafts = ledger.worksWaiting(InvoiceStatus.A_TRAITER_MOE, null, WORKS_SHOWN);
        List<InvoiceRow> statements = ledger.worksWaiting(InvoiceStatus.A_VALIDER_MOA, null, WORKS_SHOWN);
        JsonArray list = new JsonArray();
        for (InvoiceRow document : java.util.stream.Stream.concat(drafts.stream(), statements.stream()).toList()) {
            JsonObject w = new JsonObject();
            w.put("invoiceId", document.invoiceId());
            w.put("flowId", document.flowId());
            JsonAnswers.invoiceKeys(w, document);
            w.put("status", document.status().code());
            w.put("statusName", document.status().name());
            w.put("waitingFor", document.status() == InvoiceStatus.A_TRAITER_MOE ? "MOE" : "MOA");
            w.put("since", document.decidedAt().toString());
            w.put("deadline", document.status() == InvoiceStatus.A_TRAITER_MOE ? works.deadline(document).toString() : null);
            w.put("late", works.late(document, now));
            list.add(w);
        }
        JsonObject answer = new JsonObject();
        answer.put("moeDelayDays", works.moeDelay().toDays());
        answer.put("late", ledger.countWorksWaiting(InvoiceStatus.A_TRAITER_MOE, works.lateBefore(now)));
        answer.put("documents", list);
        answer.put("more", drafts.size() == WORKS_SHOWN || statements.size() == WORKS_SHOWN);
        return answer;
    }

    /** GET directory/structures?q=: structures by SIRET (or its first digits) or by a part of their name. */
    JsonObject structures(Map<String, String> parameters) {
        String text = parameters.getOrDefault("q", "").strip();
        if (text.length() < 2) {
            throw new BadRequest("q: expected at least 2 characters of a SIRET or a name");
        }
        JsonArray list = new JsonArray();
        for (Structure structure : directory.search(text, MAX_STRUCTURES)) {
            JsonObject s = new JsonObject();
            s.put("identifier", structure.identifier());
            s.put("name", structure.name());
            s.put("active", structure.active());
            s.put("serviceCodeRequired", structure.serviceCodeRequired());
            s.put("engagementRequired", structure.engagementRequired());
            s.put("engagementOrServiceCodeRequired", structure.engagementOrServiceCodeRequired());
            s.put("lastModified", structure.lastModified().toString());
            // Who last activated or deactivated it, and why (directory activate / deactivate); null if no one did.
            s.put("lastRequest", directory.lastRequest(structure.identifier()).map(r -> {
                JsonObject request = new JsonObject();
                request.put("at", r.at().toInstant().toString());
                request.put("action", r.action());
                request.put("sirene", r.sirene() == null ? null : r.sirene().name());
                request.put("requestedBy", r.requestedBy());
                request.put("reason", r.reason());
                return request;
            }).orElse(null));
            list.add(s);
        }
        JsonObject answer = new JsonObject();
        answer.put("q", text);
        answer.put("limit", MAX_STRUCTURES);
        answer.put("structures", list);
        return answer;
    }

    /** GET node: which node answers, the flows it works on now, and its cluster's nodes (the single engine alone). */
    JsonObject node() {
        JsonArray flows = new JsonArray();
        for (FlowAtWork flow : cluster.atWork().oldest(MAX_FLOWS_AT_WORK)) {
            JsonObject f = new JsonObject();
            f.put("flowId", flow.flowId());
            f.put("partner", flow.partner());
            f.put("fileName", flow.fileName());
            f.put("since", flow.since().toString());
            flows.add(f);
        }
        JsonArray nodes = new JsonArray();
        for (ClusterView.Node node : cluster.nodes()) {
            JsonObject n = new JsonObject();
            n.put("nodeId", node.nodeId());
            n.put("startedAt", node.startedAt().toString());
            n.put("leaseUntil", node.leaseUntil() == null ? null : node.leaseUntil().toString());
            n.put("alive", node.alive());
            n.put("claims", node.claims());
            nodes.add(n);
        }
        JsonObject answer = new JsonObject();
        answer.put("nodeId", cluster.nodeId());
        answer.put("mode", cluster.mode());
        answer.put("startedAt", cluster.startedAt().toString());
        answer.put("flowsInProgress", cluster.atWork().count());
        answer.put("flows", flows);
        answer.put("nodes", nodes);
        return answer;
    }

    private static JsonObject flow(FlowRow entry) {
        JsonObject f = JsonAnswers.flow(entry);
        f.put("problem", entry.problem());
        f.put("keptAs", entry.keptAs());
        f.put("node", entry.node());
        return f;
    }

    private static LocalDate date(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            return null;
        }
        try {
            if (QueryString.fourDigitYear(value)) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw new BadRequest(name + ": expected a date such as 2026-11-26");
    }

    private static int number(Map<String, String> parameters, String name, int otherwise, int min, int max) {
        String value = parameters.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadRequest(name + ": expected a whole number from " + min + " to " + max);
    }
}
