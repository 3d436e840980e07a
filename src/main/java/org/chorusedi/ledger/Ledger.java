package org.chorusedi.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.chorusedi.controls.Route;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceOutcome;
import org.chorusedi.flow.InvoiceRead;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's commit protocol (docs/contributors/architecture.md, "The commit protocol"): the durable record of
 * every flow and invoice the engine decided, and the commit record of each flow's publication: a flow's rows and
 * the moves that publish it are written in one transaction; the files are then moved into place, and the flow
 * marked published. What a stop interrupts in between is finished at start-up from here. One row per invoice: its
 * deliveries are derived from it (staged file by position, outbox path), and so are its statuses (times of its
 * flow). What the ledger holds is read through {@link LedgerQueries}.
 */
public final class Ledger {

    /** A file to move into place when a flow is published. */
    public record Move(Path from, Path to) {
    }

    /** Where a committed flow stands: its files being moved into place, or all in place. */
    public enum State { PUBLISHING, PUBLISHED, PARKED }

    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

    private final DataSource dataSource;
    private final CommitFence fence;
    private final ApiDeposits deposits;
    /** Written with each flow this ledger commits or parks: which node decided it. */
    private final String nodeId;

    /** A ledger outside the engine (the validate command's duplicate checks, a test's own commits): it names no node. */
    /** The flows committed so far in the group transaction this thread runs ({@link #inOneTransaction}), if it runs one. */
    private static final ThreadLocal<List<String>> GROUP_COMMITTED = new ThreadLocal<>();

    public Ledger(DataSource dataSource) {
        this(dataSource, CommitFence.NONE, null);
    }

    /** An engine's ledger: its commits first pass {@code fence} (a cluster node's claim on the flow), and name {@code nodeId}. */
    public Ledger(DataSource dataSource, CommitFence fence, String nodeId) {
        this.dataSource = dataSource;
        this.fence = fence;
        this.deposits = new ApiDeposits(dataSource);
        this.nodeId = nodeId;
    }

    /** The flows deposited over the API that this ledger does not hold yet. */
    public ApiDeposits deposits() {
        return deposits;
    }

    /** The kind of a flow of invoices, beside the life-cycle kinds (the column's default since V15). */
    private static final String INVOICES = "INVOICES";

    /** Rows sent to the database at a time: a flow's invoices are many, the heap is small. */
    private static final int BATCH = 1000;

    /**
     * The commit point of a flow: its rows and its moves, in one transaction.
     *
     * @param outboxes  where each delivered invoice goes, by invoice id
     * @param staging   the flow's staging folder, where each delivered invoice waits (see {@link InvoiceRead#stagedFile})
     * @param fileMoves the moves of the flow's other files (acknowledgements, original), in order, after the deliveries
     */
    public void commit(FlowOutcome flow, Instant receivedAt, Path keptAs, Map<String, Path> outboxes, Path staging,
                       List<Move> fileMoves, List<Answer> answers) {
        Map<String, String> answered = new HashMap<>();
        answers.forEach(answer -> answered.put(answer.answeringId(), answer.event().invoiceId()));
        forcedTransaction(connection -> {
            fence.check(connection, flow.flowId());
            insertDecided(connection, flow.flowId(), INVOICES, flow.partner(), flow.fileName(), flow.sizeBytes(), flow.sha256(), receivedAt,
                    flow.decidedAt(), flow.status(), flow.rejectedAsWhole(), flow.rejectedAsWhole() ? codes(flow.flowFindings()) : null,
                    keptAs, staging);
            try (PreparedStatement invoice = connection.prepareStatement("""
                    INSERT INTO ledger_invoice (invoice_id, flow_id, position, supplier_id, invoice_number, issue_date, issue_year,
                                                recipient, service_code, engagement, outbox_path, delivered, reasons, status,
                                                supplier_type, supplier_name, framework, market, validator, validator_service,
                                                answers)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int pending = 0;
                for (InvoiceOutcome outcome : flow.invoices()) {
                    InvoiceKeys keys = outcome.invoice().keys();
                    Path outbox = outboxes.get(outcome.invoiceId());
                    invoice.setString(1, outcome.invoiceId());
                    invoice.setString(2, flow.flowId());
                    invoice.setInt(3, outcome.invoice().index());
                    invoice.setString(4, text(keys.supplierId(), 1024));
                    invoice.setString(5, text(keys.number(), 1024));
                    invoice.setString(6, text(keys.issueDate(), 40));
                    invoice.setObject(7, DuplicateChecks.year(keys.issueDate()));
                    Route route = outcome.route();
                    invoice.setString(8, text(keys.recipientId(), 1024));
                    invoice.setString(9, text(keys.serviceCode(), 1024));
                    invoice.setString(10, text(keys.engagement(), 1024));
                    invoice.setString(11, outbox == null ? null : outbox.toString());
                    invoice.setBoolean(12, outcome.delivered());
                    invoice.setString(13, outcome.delivered() ? null : codes(outcome.findings()));
                    invoice.setString(14, outcome.delivered() ? route.status().code() : null);
                    invoice.setInt(15, keys.supplierType());
                    invoice.setString(16, text(keys.supplierName(), 1024));
                    invoice.setString(17, route.framework() == null ? null : route.framework().name());
                    invoice.setString(18, text(route.market(), 50));
                    // made available first to the party that answers it (13: its validator; 16: the MOE; 19: the MOA);
                    // a rejected one went nowhere
                    boolean answeredFirst = outcome.delivered() && route.waitsForAnswer();
                    invoice.setString(19, answeredFirst ? text(route.structure(), 1024) : null);
                    invoice.setString(20, answeredFirst ? text(route.serviceCode(), 1024) : null);
                    invoice.setString(21, answered.get(outcome.invoiceId()));
                    invoice.addBatch();
                    if (++pending == BATCH) {
                        invoice.executeBatch();
                        pending = 0;
                    }
                }
                invoice.executeBatch();
            }
            Map<String, InvoiceStatus> decidedOn = new LinkedHashMap<>();
            answers.forEach(answer -> decidedOn.put(answer.event().invoiceId(), answer.from()));
            checkDecidedOn(connection, flow.flowId(), decidedOn);
            insertEvents(connection, flow.flowId(), flow.partner(), answers.stream().map(Answer::event).toList());
            insertMoves(connection, flow.flowId(), fileMoves);
            UniqueKeys.insert(connection, flow);
            ApiDeposits.recorded(connection, flow.flowId());
            return null;
        });
        commitPointPassed(flow.flowId());
    }

    /** The next flow number: unique for ever (a database sequence). */
    public long nextFlowNumber() {
        return inTransaction(connection -> {
            try (PreparedStatement next = connection.prepareStatement("SELECT nextval('ledger_flow_seq')");
                 ResultSet row = next.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /** Where a flow stands in the ledger; empty when it was never committed nor parked. */
    public Optional<State> state(String flowId) {
        return inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT state FROM ledger_flow WHERE flow_id = ?")) {
                query.setString(1, flowId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(State.valueOf(row.getString(1))) : Optional.<State>empty();
                }
            }
        });
    }

    /** Why a committed flow's publication cannot be finished yet (null: it can again). */
    public void problem(String flowId, String problem) {
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE ledger_flow SET problem = ? WHERE flow_id = ?")) {
                update.setString(1, text(problem, 4000));
                update.setString(2, flowId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * A flow that failed for a reason other than its content, kept as {@code keptAs} in failed/ beside its
     * report: it was never decided, and does not count as processed (F09).
     */
    public void parked(String flowId, String partner, String fileName, long sizeBytes, Instant receivedAt, Path keptAs,
                       String problem) {
        forcedTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO ledger_flow (flow_id, partner, file_name, size_bytes, received_at, finished_at, rejected, state,
                                             kept_as, problem, node_id)
                    VALUES (?, ?, ?, ?, ?, ?, FALSE, 'PARKED', ?, ?, ?)""")) {
                insert.setString(1, flowId);
                insert.setString(2, partner);
                insert.setString(3, text(fileName, 1024));
                insert.setLong(4, sizeBytes);
                insert.setObject(5, utc(receivedAt));
                insert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
                insert.setString(7, keptAs.toString());
                insert.setString(8, text(problem, 4000));
                insert.setString(9, nodeId);
                insert.executeUpdate();
            }
            ApiDeposits.recorded(connection, flowId);
            return null;
        });
    }

    /** Every file of the flow is in place. */
    public void published(String flowId) {
        published(List.of(flowId));
    }

    /** Every file of these flows is in place: one transaction for them all, which ends a cluster node's claims on them. */
    public void published(Collection<String> flowIds) {
        inTransaction(connection -> {
            fence.published(connection, flowIds);
            try (PreparedStatement done = connection.prepareStatement(
                    "UPDATE ledger_flow SET state = 'PUBLISHED', finished_at = ?, problem = NULL WHERE flow_id = ?");
                 PreparedStatement moves = connection.prepareStatement("DELETE FROM ledger_move WHERE flow_id = ?")) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                for (String flowId : flowIds) {
                    done.setObject(1, now);
                    done.setString(2, flowId);
                    done.addBatch();
                    moves.setString(1, flowId);
                    moves.addBatch();
                }
                done.executeBatch();
                moves.executeBatch();
            }
            return null;
        });
    }

    /**
     * Runs {@code group} with every ledger call this thread makes in one transaction, committed at the end: the commits
     * of flows decided together, and the marks of flows published meanwhile, cost one store. Each call stays all or
     * nothing, and sees what the calls before it wrote (a flow's duplicates are checked against the flows committed
     * before it in the group). Returns whether the transaction must be forced to disk ({@link #forceToDisk}) before
     * anything of it is published: when it holds a commit or a parking, as those are alone; marks alone need not be (a
     * mark lost only publishes its flow's files again, which are in place). The caller forces it once the next group
     * may begin: one group's forcing beside the next one's statements.
     *
     * @throws LedgerException when the transaction cannot be committed: whether it was applied is to be asked
     */
    public boolean inOneTransaction(Runnable group) {
        List<String> committed = new ArrayList<>();
        GROUP_COMMITTED.set(committed);
        boolean toForce;
        try {
            toForce = Transactions.group(dataSource, group);
        } finally {
            GROUP_COMMITTED.remove();
        }
        committed.forEach(flowId -> LOG.debug("flow {} committed", flowId));
        return toForce;
    }

    /**
     * Everything the ledger holds is on disk once this returns: before the files of a flow whose commit was not seen
     * forced are published (a commit reported as failed that the ledger holds, a flow committed before a stop).
     */
    public void forceToDisk() {
        Transactions.forceToDisk(dataSource);
    }

    /** The committed flows not yet published (a stop, or a failed move), oldest first. */
    public List<String> unpublished() {
        return inTransaction(connection -> {
            List<String> flows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT flow_id FROM ledger_flow WHERE state = 'PUBLISHING' ORDER BY flow_id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    flows.add(rows.getString(1));
                }
            }
            return flows;
        });
    }

    /**
     * A committed flow's moves, in order: the deliveries (from its invoice rows), then its other files;
     * with its staging folder (null for a flow committed before V11, whose moves are all recorded).
     */
    public record Committed(Path staging, List<Move> moves) {
    }

    public Committed committed(String flowId) {
        return inTransaction(connection -> {
            List<Move> moves = new ArrayList<>();
            Path staging = null;
            try (PreparedStatement flow = connection.prepareStatement("SELECT staging_path FROM ledger_flow WHERE flow_id = ?");
                 PreparedStatement deliveries = connection.prepareStatement("""
                         SELECT position, outbox_path FROM ledger_invoice WHERE flow_id = ? AND delivered = TRUE
                         ORDER BY position""");
                 PreparedStatement files = connection.prepareStatement(
                         "SELECT from_path, to_path FROM ledger_move WHERE flow_id = ? ORDER BY seq")) {
                flow.setString(1, flowId);
                try (ResultSet row = flow.executeQuery()) {
                    if (row.next() && row.getString(1) != null) {
                        staging = Path.of(row.getString(1));
                    }
                }
                if (staging != null) {
                    deliveries.setString(1, flowId);
                    try (ResultSet invoice = deliveries.executeQuery()) {
                        while (invoice.next()) {
                            moves.add(new Move(InvoiceRead.stagedFile(staging, invoice.getInt(1)), Path.of(invoice.getString(2))));
                        }
                    }
                }
                files.setString(1, flowId);
                try (ResultSet file = files.executeQuery()) {
                    while (file.next()) {
                        moves.add(new Move(Path.of(file.getString(1)), Path.of(file.getString(2))));
                    }
                }
            }
            return new Committed(staging, moves);
        });
    }

    // What the duplicate checks read before a commit (F09, I17); the unique keys have the last word (UniqueKeys).

    /**
     * What the ledger holds already of a flow, read in one transaction: the first flow from this partner with these
     * bytes that was processed (not rejected as a whole), else for each invoice key the first delivered invoice with
     * the same supplier, number and issue year (not read when the bytes were processed: the flow is rejected whole).
     */
    Earlier earlier(String partner, String sha256, List<DuplicateChecks.Key> keys) {
        return inTransaction(connection -> {
            Optional<String> flow = sha256 == null ? Optional.empty() : processedFlow(connection, partner, sha256);
            return new Earlier(flow, flow.isPresent() ? Map.of() : delivered(connection, keys));
        });
    }

    /** A flow processed with the same bytes, if any; else the invoices delivered already, by key. */
    record Earlier(Optional<String> flow, Map<DuplicateChecks.Key, String> invoices) {
    }

    private static Optional<String> processedFlow(Connection connection, String partner, String sha256) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT flow_id FROM ledger_flow WHERE partner = ? AND sha256 = ? AND rejected = FALSE AND state <> 'PARKED'
                ORDER BY received_at, flow_id""")) {
            query.setString(1, partner);
            query.setString(2, sha256);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static Map<DuplicateChecks.Key, String> delivered(Connection connection, List<DuplicateChecks.Key> keys)
            throws SQLException {
        Map<DuplicateChecks.Key, String> found = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT invoice_id FROM ledger_invoice
                WHERE supplier_id = ? AND invoice_number = ? AND issue_year = ? AND delivered = TRUE
                ORDER BY invoice_id""")) {
            for (DuplicateChecks.Key key : keys) {
                query.setString(1, key.supplierId());
                query.setString(2, key.number());
                query.setInt(3, key.year());
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        found.put(key, rows.getString(1));
                    }
                }
            }
        }
        return found;
    }

    /** Reason codes as the ledger keeps them: one column, separated by spaces. */
    private static String codes(List<Finding> findings) {
        return text(findings.stream().map(f -> f.code().name()).collect(Collectors.joining(" ")), 4000);
    }

    // The invoice life cycle after delivery (docs/partners/life-cycle.md).

    /**
     * Each invoice in the status it was decided on, locked until the commit; else the flow is decided again. Locked in
     * the order of their ids, so that two nodes' commits never wait for each other's locks.
     */
    private static void checkDecidedOn(Connection connection, String flowId, Map<String, InvoiceStatus> decidedOn) throws SQLException {
        if (decidedOn.isEmpty()) {
            return; // a flow of new invoices: nothing to lock, and H2 prepares a FOR UPDATE anew each time
        }
        try (PreparedStatement current = connection.prepareStatement("SELECT status FROM ledger_invoice WHERE invoice_id = ? FOR UPDATE")) {
            for (Map.Entry<String, InvoiceStatus> decided : new TreeMap<>(decidedOn).entrySet()) {
                current.setString(1, decided.getKey());
                try (ResultSet row = current.executeQuery()) {
                    String now = row.next() ? row.getString(1) : null;
                    if (!decided.getValue().code().equals(now)) {
                        throw new SQLException("invoice " + decided.getKey() + " went from " + decided.getValue().code() + " to " + now
                                + " while flow " + flowId + " was decided: it is decided again", "40001");
                    }
                }
            }
        }
    }

    /** The status changes, each numbered after its invoice's last, and each invoice's new status. */
    private static void insertEvents(Connection connection, String flowId, String partner, List<Event> events) throws SQLException {
        try (PreparedStatement last = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM invoice_event WHERE invoice_id = ?");
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO invoice_event (invoice_id, seq, status, recorded_at, stated_at, flow_id, partner, reason,
                                                mandate, detail, recipient)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement status = connection.prepareStatement("UPDATE ledger_invoice SET status = ? WHERE invoice_id = ?")) {
            for (Event event : events) {
                last.setString(1, event.invoiceId());
                int seq;
                try (ResultSet row = last.executeQuery()) {
                    row.next();
                    seq = row.getInt(1) + 1;
                }
                insert.setString(1, event.invoiceId());
                insert.setInt(2, seq);
                insert.setString(3, event.status().code());
                insert.setObject(4, event.recordedAt());
                insert.setString(5, text(event.statedAt(), 40));
                insert.setString(6, flowId);
                insert.setString(7, partner);
                insert.setString(8, text(event.reason(), 4000));
                insert.setString(9, text(event.mandate(), 1024));
                insert.setString(10, text(event.detail(), 4000));
                insert.setString(11, text(event.recipient(), 1024));
                insert.executeUpdate();
                status.setString(1, event.status().code());
                status.setString(2, event.invoiceId());
                status.executeUpdate();
            }
        }
    }

    /**
     * A change of an invoice's status, by a partner in a flow: a recipient's status, a recycling (03 again,
     * its old and new keys in {@code detail}), a completion (12, its attachments in {@code detail}), a works statement's
     * answer (18, 21: the answering document in {@code detail}).
     *
     * @param recipient the structure the invoice was made available to when the change was recorded (for a
     *                  recycling, the new one): the statuses it had before a recycling were its old recipient's
     */
    public record Event(String invoiceId, String recipient, InvoiceStatus status, OffsetDateTime recordedAt, String statedAt, String flowId,
                        String partner, String reason, String mandate, String detail) {

        /** How {@code invoice} shows it. */
        public String line() {
            return recordedAt + " " + status + " from " + partner + " (flow " + flowId + ")"
                    + (reason == null ? "" : ", reason: " + reason) + (mandate == null ? "" : ", mandate " + mandate)
                    + (detail == null ? "" : ", " + detail);
        }
    }

    /**
     * A works statement answering another (BT-25): the event recorded on the answered one, which must still be in
     * {@code from} when the answer is committed.
     */
    public record Answer(String answeringId, InvoiceStatus from, Event event) {
    }

    /** A recycled invoice's new routing keys and outbox file. */
    public record Rerouted(String invoiceId, String recipient, String serviceCode, String engagement, Path outbox) {
    }

    /** A life-cycle flow as the ledger keeps it: its kind (STATUSES, RECYCLING, COMPLETION) and its flow status. */
    public record LifeCycleFlow(String flowId, String kind, String partner, String fileName, long sizeBytes, String sha256,
                                Instant receivedAt, OffsetDateTime decidedAt, String status, boolean rejected) {
    }

    /**
     * The commit point of a life-cycle flow: its row, the events it brings, the new keys of the invoices it
     * recycles, and the moves that publish it (forwarded statuses, recycled invoices, added attachments, its
     * acknowledgement, its original), in one transaction. Refused when an invoice it changes is no longer in the
     * status it was decided on ({@code decidedOn}, by invoice id): another node committed a change of it meanwhile,
     * and the flow is decided again (the invoices' rows stay locked until the commit, so two nodes never both pass).
     */
    public void commitLifeCycle(LifeCycleFlow flow, Path keptAs, Path staging, Map<String, InvoiceStatus> decidedOn, List<Event> events,
                                List<Rerouted> rerouted, List<Move> fileMoves) {
        forcedTransaction(connection -> {
            fence.check(connection, flow.flowId());
            insertDecided(connection, flow.flowId(), flow.kind(), flow.partner(), flow.fileName(), flow.sizeBytes(), flow.sha256(),
                    flow.receivedAt(), flow.decidedAt(), flow.status(), flow.rejected(), null, keptAs, staging);
            checkDecidedOn(connection, flow.flowId(), decidedOn);
            insertEvents(connection, flow.flowId(), flow.partner(), events);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE ledger_invoice SET recipient = ?, service_code = ?, engagement = ?, outbox_path = ? WHERE invoice_id = ?")) {
                for (Rerouted invoice : rerouted) {
                    update.setString(1, text(invoice.recipient(), 1024));
                    update.setString(2, text(invoice.serviceCode(), 1024));
                    update.setString(3, text(invoice.engagement(), 1024));
                    update.setString(4, invoice.outbox().toString());
                    update.setString(5, invoice.invoiceId());
                    update.executeUpdate();
                }
            }
            insertMoves(connection, flow.flowId(), fileMoves);
            ApiDeposits.recorded(connection, flow.flowId());
            return null;
        });
        commitPointPassed(flow.flowId());
    }

    /** The flow's commit point has passed, or will with its group's transaction (the crash tests kill the engine on this line). */
    private static void commitPointPassed(String flowId) {
        List<String> group = GROUP_COMMITTED.get();
        if (group != null) {
            group.add(flowId);
        } else {
            LOG.debug("flow {} committed", flowId);
        }
    }

    /**
     * The row of a decided flow, publishing from now on: one insert for both commits.
     *
     * @param kind    INVOICES, or a life-cycle flow's (STATUSES, RECYCLING, COMPLETION)
     * @param reasons the codes that rejected a flow of invoices as a whole; null for any other flow
     */
    private void insertDecided(Connection connection, String flowId, String kind, String partner, String fileName, long sizeBytes,
                               String sha256, Instant receivedAt, OffsetDateTime decidedAt, String status, boolean rejected,
                               String reasons, Path keptAs, Path staging) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO ledger_flow (flow_id, partner, file_name, size_bytes, sha256, received_at, decided_at,
                                         status, rejected, state, kept_as, staging_path, kind, reasons, node_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PUBLISHING', ?, ?, ?, ?, ?)""")) {
            insert.setString(1, flowId);
            insert.setString(2, partner);
            insert.setString(3, text(fileName, 1024));
            insert.setLong(4, sizeBytes);
            insert.setString(5, sha256);
            insert.setObject(6, utc(receivedAt));
            insert.setObject(7, utc(decidedAt.toInstant()));
            insert.setString(8, status);
            insert.setBoolean(9, rejected);
            insert.setString(10, keptAs.toString());
            insert.setString(11, staging.toString());
            insert.setString(12, kind);
            insert.setString(13, reasons);
            insert.setString(14, nodeId);
            insert.executeUpdate();
        }
    }

    private static void insertMoves(Connection connection, String flowId, List<Move> moves) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement(
                "INSERT INTO ledger_move (flow_id, seq, from_path, to_path) VALUES (?, ?, ?, ?)")) {
            int seq = 0;
            for (Move m : moves) {
                move.setString(1, flowId);
                move.setInt(2, seq++);
                move.setString(3, m.from().toString());
                move.setString(4, m.to().toString());
                move.addBatch();
            }
            move.executeBatch();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Outside text as the ledger keeps it: control characters escaped, cut to its column. */
    static String text(String text, int max) {
        if (text == null) {
            return null;
        }
        String printable = Printable.of(text);
        return printable.length() <= max ? printable : printable.substring(0, max);
    }

    private <T> T inTransaction(Transactions.Work<T> work) {
        return Transactions.run(dataSource, work);
    }

    /** A commit that files are published or kept after: on disk when it returns. */
    private <T> T forcedTransaction(Transactions.Work<T> work) {
        return Transactions.forced(dataSource, work);
    }

    /** The database failed: the flow stays pending and is taken again. */
    public static final class LedgerException extends RuntimeException {
        LedgerException(String message, SQLException cause) {
            super(message, cause);
        }
    }
}
