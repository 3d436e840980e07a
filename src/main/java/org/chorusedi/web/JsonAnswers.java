package org.chorusedi.web;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.decision.ReasonCode;

/** How the engine's HTTP APIs answer (the operators' and the partners'): the answer alone, JSON, reason codes, times. */
public final class JsonAnswers {

    private JsonAnswers() {
    }

    public static void json(Exchange exchange, int status, JsonObject body) {
        answer(exchange, status, "application/json", body.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The answer alone: none of the request's headers goes back. */
    public static void answer(Exchange exchange, int status, String type, byte[] body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, type);
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setHeader("Content-Security-Policy", "default-src 'self'");
        exchange.getMessage().setBody(body);
    }

    public static JsonObject error(String message) {
        JsonObject error = new JsonObject();
        error.put("error", message);
        return error;
    }

    /** Reason codes as {@code [{"code", "label"}...]}. */
    public static JsonArray reasons(List<String> codes) {
        JsonArray reasons = new JsonArray();
        for (String code : codes) {
            JsonObject r = new JsonObject();
            r.put("code", code);
            r.put("label", label(code));
            reasons.add(r);
        }
        return reasons;
    }

    /** A reason code's fixed label; null for a code the engine no longer knows. */
    public static String label(String code) {
        try {
            return ReasonCode.valueOf(code).label();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A time in UTC, ISO 8601. */
    public static String time(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }

    /** What both APIs show of a flow (the operators' adds where its files are, the partners' its documents). */
    public static JsonObject flow(FlowRow entry) {
        JsonObject f = new JsonObject();
        f.put("flowId", entry.flowId());
        f.put("partner", entry.partner());
        f.put("kind", entry.kind());
        f.put("fileName", entry.fileName());
        f.put("sizeBytes", entry.sizeBytes());
        f.put("receivedAt", time(entry.receivedAt()));
        f.put("finishedAt", time(entry.finishedAt()));
        f.put("status", entry.status());
        f.put("state", entry.state());
        f.put("invoices", entry.invoices());
        f.put("delivered", entry.delivered());
        f.put("reasons", reasons(entry.reasons()));
        return f;
    }

    /** What both APIs show of an invoice of a flow (the operators' adds its outbox file). */
    public static JsonObject invoice(InvoiceRow invoice) {
        JsonObject i = new JsonObject();
        i.put("invoiceId", invoice.invoiceId());
        i.put("position", invoice.position());
        invoiceKeys(i, invoice);
        i.put("delivered", invoice.delivered());
        i.put("reasons", reasons(invoice.reasons()));
        return i;
    }

    /** An invoice's keys, as both APIs show them after its id and its place (its position in its flow, or its flow). */
    public static void invoiceKeys(JsonObject i, InvoiceRow invoice) {
        i.put("number", invoice.number());
        i.put("issueDate", invoice.issueDate());
        i.put("supplier", invoice.supplierId());
        i.put("recipient", invoice.recipient());
        i.put("serviceCode", invoice.serviceCode());
        i.put("engagement", invoice.engagement());
        i.put("framework", invoice.framework().name());
        i.put("market", invoice.market());
        i.put("validator", invoice.validator());
        i.put("answers", invoice.answers());
    }
}
