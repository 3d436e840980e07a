package org.chorusedi.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.framework.Framework;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.ledger.Ledger.Event;
import org.chorusedi.ledger.Ledger.State;

/**
 * The ledger's read side: what the commands, the operators' and the partners' APIs, the health checks and the
 * life cycle read of the flows and invoices {@link Ledger} committed. It writes nothing.
 */
public final class LedgerQueries {

    /**
     * Which flows an operator asks for; each null part selects all. {@code outcome}: a status (92, 96, 93) or
     * {@code PARKED}; {@code from} inclusive, {@code until} exclusive, on the time the flow was received.
     */
    public record FlowQuery(String partner, String outcome, Instant from, Instant until) {
    }

    /** One page of flows, newest first, with how many the query selects in all. */
    public record FlowPage(long total, List<FlowRow> flows) {
    }

    /**
     * A status change as the {@code statuses} command lists it.
     *
     * @param recipient the structure it was recorded for (as {@link Event#recipient}), not the invoice's current one
     */
    public record StatusEntry(OffsetDateTime recordedAt, String invoiceId, String number, String supplierId, String recipient,
                              InvoiceStatus status, String sentBy, String supplierPartner, String flowId, String reason,
                              String mandate, String detail, String statedAt) {
    }

    private final DataSource dataSource;

    public LedgerQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Flows for the operator, newest first. */
    public List<FlowRow> flows(String partner, Instant since) {
        return flows(new FlowQuery(partner, null, since, null), 0, Integer.MAX_VALUE).flows();
    }

    /** A page of the flows a query selects, newest first: {@code limit} of them from the {@code offset}th. */
    public FlowPage flows(FlowQuery query, int offset, int limit) {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (query.partner() != null) {
            conditions.add("f.partner = ?");
            values.add(query.partner());
        }
        if (query.outcome() != null) {
            conditions.add(query.outcome().equals(State.PARKED.name()) ? "f.state = ?" : "f.status = ?");
            values.add(query.outcome());
        }
        if (query.from() != null) {
            conditions.add("f.received_at >= ?");
            values.add(utc(query.from()));
        }
        if (query.until() != null) {
            conditions.add("f.received_at < ?");
            values.add(utc(query.until()));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return inTransaction(connection -> {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM ledger_flow f" + where)) {
                bind(count, values);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<FlowRow> flows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(FLOW_ROW + where
                    + " ORDER BY f.received_at DESC, f.flow_id DESC LIMIT ? OFFSET ?")) {
                int next = bind(select, values);
                select.setInt(next, limit);
                select.setInt(next + 1, offset);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        flows.add(flowRow(rows));
                    }
                }
            }
            return new FlowPage(total, flows);
        });
    }

    /** One flow, by its id. */
    public Optional<FlowRow> flow(String flowId) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(FLOW_ROW + " WHERE f.flow_id = ?")) {
                select.setString(1, flowId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(flowRow(row)) : Optional.<FlowRow>empty();
                }
            }
        });
    }

    /** A flow's invoices, in their order in the flow. */
    public List<InvoiceRow> invoicesOf(String flowId) {
        return inTransaction(connection -> invoiceRows(connection, "i.flow_id = ?", "i.position", flowId));
    }

    /** The invoices whose id or number is this. */
    public List<InvoiceRow> invoices(String idOrNumber) {
        return inTransaction(connection -> invoiceRows(connection, "i.invoice_id = ? OR i.invoice_number = ?", "i.invoice_id",
                idOrNumber, idOrNumber));
    }

    /**
     * The works documents waiting in that status (16: drafts with their MOE; 19: MOE's statements with their MOA), made
     * available before that time when one is given, oldest first; at most {@code limit}.
     */
    public List<InvoiceRow> worksWaiting(InvoiceStatus status, Instant before, int limit) {
        return inTransaction(connection -> before == null
                ? invoiceRows(connection, "i.status = ?", "f.decided_at, i.invoice_id FETCH FIRST " + limit + " ROWS ONLY", status.code())
                : invoiceRows(connection, "i.status = ? AND i.flow_id IN (SELECT d.flow_id FROM ledger_flow d WHERE d.decided_at < ?)",
                        "f.decided_at, i.invoice_id FETCH FIRST " + limit
                        + " ROWS ONLY", status.code(), utc(before)));
    }

    /** How many works documents wait in that status, made available before that time when one is given. */
    public long countWorksWaiting(InvoiceStatus status, Instant before) {
        return inTransaction(connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM ledger_invoice i"
                    + " JOIN ledger_flow f ON f.flow_id = i.flow_id WHERE i.status = ?" + (before == null ? "" : " AND f.decided_at < ?"))) {
                count.setString(1, status.code());
                if (before != null) {
                    count.setObject(2, utc(before));
                }
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    /** The delivered invoices of this supplier with this number, of this date when one is given (the life cycle's). */
    public List<InvoiceRow> deliveredInvoices(String supplierId, String number, LocalDate issueDate) {
        List<InvoiceRow> found = inTransaction(connection -> invoiceRows(connection,
                "i.invoice_number = ? AND i.supplier_id = ? AND i.delivered = TRUE", "i.invoice_id", number, supplierId));
        return issueDate == null ? found : found.stream()
                .filter(invoice -> invoice.issueDate() != null && invoice.issueDate().startsWith(issueDate.toString())).toList();
    }

    /**
     * How many times each reason code rejected a flow as a whole or an invoice, in the flows decided since
     * then, most frequent first.
     */
    public Map<String, Long> rejectionsSince(Instant since) {
        return inTransaction(connection -> {
            Map<String, Long> counts = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT f.reasons FROM ledger_flow f WHERE f.decided_at >= ? AND f.reasons IS NOT NULL
                    UNION ALL
                    SELECT i.reasons FROM ledger_invoice i JOIN ledger_flow f ON f.flow_id = i.flow_id
                    WHERE f.decided_at >= ? AND i.reasons IS NOT NULL""")) {
                select.setObject(1, utc(since));
                select.setObject(2, utc(since));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        codes(rows.getString(1)).forEach(code -> counts.merge(code, 1L, Long::sum));
                    }
                }
            }
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted;
        });
    }

    /** When a flow was received and finished (null while it is published), and its status (92, 96, 93). */
    public record FlowTime(Instant receivedAt, Instant finishedAt, String status) {
    }

    /** The flows received since then, oldest first: the trends of the operators' page. */
    public List<FlowTime> flowTimesSince(Instant since) {
        return inTransaction(connection -> {
            List<FlowTime> times = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT f.received_at, f.finished_at, f.status FROM ledger_flow f WHERE f.received_at >= ? ORDER BY f.received_at")) {
                select.setObject(1, utc(since));
                select.setFetchSize(1000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        OffsetDateTime finished = rows.getObject(2, OffsetDateTime.class);
                        times.add(new FlowTime(rows.getObject(1, OffsetDateTime.class).toInstant(),
                                finished == null ? null : finished.toInstant(), rows.getString(3)));
                    }
                }
            }
            return times;
        });
    }

    /** The invoices of the flows received since then, by the hour their flow was received: {delivered, rejected}. */
    public Map<Instant, long[]> invoicesByHourSince(Instant since) {
        return inTransaction(connection -> {
            Map<Instant, long[]> hours = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT f.received_at, i.delivered FROM ledger_invoice i"
                    + " JOIN ledger_flow f ON f.flow_id = i.flow_id WHERE f.received_at >= ?")) {
                select.setObject(1, utc(since));
                select.setFetchSize(1000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Instant hour = rows.getObject(1, OffsetDateTime.class).toInstant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
                        hours.computeIfAbsent(hour, h -> new long[2])[rows.getBoolean(2) ? 0 : 1]++;
                    }
                }
            }
            return hours;
        });
    }

    /** The reason codes that rejected invoices of each of these flows, each code once, sorted (a flow without any: absent). */
    public Map<String, List<String>> invoiceReasonsOf(List<String> flowIds) {
        if (flowIds.isEmpty()) {
            return Map.of();
        }
        return inTransaction(connection -> {
            Map<String, java.util.SortedSet<String>> found = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT i.flow_id, i.reasons FROM ledger_invoice i WHERE i.flow_id IN ("
                    + String.join(", ", java.util.Collections.nCopies(flowIds.size(), "?")) + ") AND i.reasons IS NOT NULL")) {
                bind(select, new ArrayList<>(flowIds));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.computeIfAbsent(rows.getString(1), id -> new java.util.TreeSet<>()).addAll(codes(rows.getString(2)));
                    }
                }
            }
            Map<String, List<String>> reasons = new HashMap<>();
            found.forEach((flowId, codes) -> reasons.put(flowId, List.copyOf(codes)));
            return reasons;
        });
    }

    /** The committed flows whose publication cannot be finished (a file neither staged nor in place), oldest first. */
    public List<FlowRow> stuckPublications() {
        return inTransaction(connection -> {
            List<FlowRow> flows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(FLOW_ROW
                    + " WHERE f.state = 'PUBLISHING' AND f.problem IS NOT NULL ORDER BY f.flow_id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    flows.add(flowRow(rows));
                }
            }
            return flows;
        });
    }

    /** The status changes recorded since a time, newest first: sent by this partner, or about its invoices. */
    public List<StatusEntry> statuses(String partner, Instant since) {
        return inTransaction(connection -> {
            List<StatusEntry> statuses = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT e.recorded_at, e.invoice_id, i.invoice_number, i.supplier_id, e.recipient, e.status, e.partner,
                           f.partner, e.flow_id, e.reason, e.mandate, e.detail, e.stated_at
                    FROM invoice_event e JOIN ledger_invoice i ON i.invoice_id = e.invoice_id
                                         JOIN ledger_flow f ON f.flow_id = i.flow_id
                    WHERE e.recorded_at >= ? AND (? IS NULL OR e.partner = ? OR f.partner = ?)
                    ORDER BY e.recorded_at DESC, e.invoice_id, e.seq DESC""")) {
                query.setObject(1, utc(since == null ? Instant.EPOCH : since));
                query.setString(2, partner);
                query.setString(3, partner);
                query.setString(4, partner);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        statuses.add(new StatusEntry(rows.getObject(1, OffsetDateTime.class), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), InvoiceStatus.of(rows.getString(6)).orElseThrow(),
                                rows.getString(7), rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11),
                                rows.getString(12), rows.getString(13)));
                    }
                }
            }
            return statuses;
        });
    }


    private static final String FLOW_ROW = """
            SELECT f.flow_id, f.partner, f.file_name, f.size_bytes, f.sha256, f.received_at, f.finished_at, f.status,
                   f.state, f.kept_as, f.problem,
                   (SELECT COUNT(*) FROM ledger_invoice i WHERE i.flow_id = f.flow_id),
                   (SELECT COUNT(*) FROM ledger_invoice i WHERE i.flow_id = f.flow_id AND i.delivered = TRUE),
                   f.reasons, f.kind, f.node_id
            FROM ledger_flow f""";

    private static FlowRow flowRow(ResultSet rows) throws SQLException {
        return new FlowRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                rows.getString(5), rows.getObject(6, OffsetDateTime.class), rows.getObject(7, OffsetDateTime.class),
                rows.getString(8), rows.getString(9), rows.getString(10), rows.getInt(12), rows.getInt(13),
                rows.getString(11), rows.getString(15), codes(rows.getString(14)), rows.getString(16));
    }

    private static int bind(PreparedStatement statement, List<Object> values) throws SQLException {
        int index = 1;
        for (Object value : values) {
            statement.setObject(index++, value);
        }
        return index;
    }

    private static final String INVOICE_ROW = """
            SELECT i.invoice_id, i.flow_id, f.partner, i.position, i.supplier_id, i.supplier_type, i.supplier_name,
                   i.invoice_number, i.issue_date, i.recipient, i.service_code, i.engagement, i.delivered, i.reasons,
                   i.outbox_path, i.status, f.kept_as, f.received_at, f.decided_at, i.framework, i.market, i.validator,
                   i.validator_service, i.answers, COALESCE(o2.partner, o1.partner)
            FROM ledger_invoice i JOIN ledger_flow f ON f.flow_id = i.flow_id
            LEFT JOIN ledger_invoice a1 ON a1.invoice_id = i.answers LEFT JOIN ledger_flow o1 ON o1.flow_id = a1.flow_id
            LEFT JOIN ledger_invoice a2 ON a2.invoice_id = a1.answers LEFT JOIN ledger_flow o2 ON o2.flow_id = a2.flow_id""";

    /** The invoices a condition on {@code ledger_invoice i} selects, in this order, each with its status changes. */
    private static List<InvoiceRow> invoiceRows(Connection connection, String where, String order, Object... values)
            throws SQLException {
        Map<String, List<Event>> histories = histories(connection, where, values);
        List<InvoiceRow> invoices = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(INVOICE_ROW + " WHERE " + where + " ORDER BY " + order)) {
            bind(query, List.of(values));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    invoices.add(new InvoiceRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getInt(4),
                            rows.getString(5), rows.getObject(6) == null ? InvoiceKeys.SUPPLIER_SIRET : rows.getInt(6),
                            rows.getString(7), rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11),
                            rows.getString(12), rows.getBoolean(13), codes(rows.getString(14)), path(rows.getString(15)),
                            rows.getString(16) == null ? null : InvoiceStatus.of(rows.getString(16)).orElseThrow(),
                            path(rows.getString(17)), rows.getObject(18, OffsetDateTime.class),
                            rows.getObject(19, OffsetDateTime.class), histories.getOrDefault(rows.getString(1), List.of()),
                            rows.getString(20) == null ? Framework.A1 : Framework.valueOf(rows.getString(20)), rows.getString(21),
                            rows.getString(22), rows.getString(23), rows.getString(24), rows.getString(25)));
                }
            }
        }
        return invoices;
    }

    /** The status changes of the invoices a condition selects, each invoice's in order: one query for them all. */
    private static Map<String, List<Event>> histories(Connection connection, String where, Object... values)
            throws SQLException {
        Map<String, List<Event>> histories = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT e.invoice_id, e.status, e.recorded_at, e.stated_at, e.flow_id, e.partner, e.reason, e.mandate, e.detail,
                       e.recipient
                FROM invoice_event e JOIN ledger_invoice i ON i.invoice_id = e.invoice_id""" + " WHERE " + where
                + " ORDER BY e.invoice_id, e.seq")) {
            bind(query, List.of(values));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    histories.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(new Event(rows.getString(1),
                            rows.getString(10), InvoiceStatus.of(rows.getString(2)).orElseThrow(),
                            rows.getObject(3, OffsetDateTime.class), rows.getString(4), rows.getString(5), rows.getString(6),
                            rows.getString(7), rows.getString(8), rows.getString(9)));
                }
            }
        }
        return histories;
    }

    private static Path path(String column) {
        return column == null ? null : Path.of(column);
    }

    /** Reason codes as the ledger keeps them: one column, separated by spaces (see {@link Ledger#commit}). */
    private static List<String> codes(String column) {
        return column == null || column.isBlank() ? List.of() : List.of(column.strip().split(" +"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private <T> T inTransaction(Transactions.Work<T> work) {
        return Transactions.run(dataSource, work);
    }
}
