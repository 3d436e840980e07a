package org.chorusedi.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit of what operators did from the page (table operator_action): each action is recorded STARTED before it
 * is done, so that nothing is done that the ledger could not record, then finished with its outcome.
 */
public final class OperatorActions {

    /** How an action ended; STARTED while it runs, or when its end could not be recorded. */
    public enum Outcome { STARTED, DONE, REFUSED, FAILED }

    /** One action as recorded. */
    public record Action(long id, OffsetDateTime at, String nodeId, String account, String client, String action,
                         String target, Outcome outcome, String detail) {
    }

    private final DataSource dataSource;
    private final String nodeId;
    private final Clock clock;

    public OperatorActions(DataSource dataSource, String nodeId, Clock clock) {
        this.dataSource = dataSource;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /**
     * Records an action about to be done, or refused ({@code outcome}); its id.
     *
     * @throws Ledger.LedgerException when the database cannot record it: the action must not be done
     */
    public long record(String account, String client, String action, String target, Outcome outcome, String detail) {
        return Transactions.run(dataSource, connection -> {
            long id;
            try (PreparedStatement next = connection.prepareStatement("SELECT nextval('operator_action_seq')");
                 ResultSet row = next.executeQuery()) {
                row.next();
                id = row.getLong(1);
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO operator_action (action_id, at, node_id, account, client, action, target, outcome, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setLong(1, id);
                insert.setObject(2, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
                insert.setString(3, Ledger.text(nodeId, 64));
                insert.setString(4, Ledger.text(account, 64));
                insert.setString(5, Ledger.text(client, 100));
                insert.setString(6, Ledger.text(action, 40));
                insert.setString(7, Ledger.text(target, 300));
                insert.setString(8, outcome.name());
                insert.setString(9, Ledger.text(detail, 1000));
                insert.executeUpdate();
            }
            return id;
        });
    }

    /**
     * Finishes an action recorded STARTED.
     *
     * @throws Ledger.LedgerException when the database cannot record it (the row stays STARTED)
     */
    public void finished(long id, Outcome outcome, String detail) {
        Transactions.run(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE operator_action SET outcome = ?, detail = ? WHERE action_id = ?")) {
                update.setString(1, outcome.name());
                update.setString(2, Ledger.text(detail, 1000));
                update.setLong(3, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** The newest actions first, {@code limit} at most. */
    public List<Action> newest(int limit) {
        return Transactions.run(dataSource, connection -> {
            List<Action> actions = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT action_id, at, node_id, account, client, action, target, outcome, detail
                    FROM operator_action ORDER BY action_id DESC LIMIT ?""")) {
                query.setInt(1, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        actions.add(new Action(rows.getLong(1), rows.getObject(2, OffsetDateTime.class), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                                Outcome.valueOf(rows.getString(8)), rows.getString(9)));
                    }
                }
            }
            return actions;
        });
    }
}
