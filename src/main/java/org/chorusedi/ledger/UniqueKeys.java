package org.chorusedi.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceOutcome;

/**
 * F09 and I17 as the database decides them (table ledger_unique_key, V18): in a flow's commit, the flow's bytes
 * (when it counts as processed) and each delivered invoice's key, each unique. DuplicateChecks decides first, on
 * what is committed; two flows committed at the same moment, by two nodes, both pass it: the second commit then
 * fails on these keys and is rolled back, and its next attempt is decided against the first.
 */
final class UniqueKeys {

    private UniqueKeys() {
    }

    static void insert(Connection connection, FlowOutcome flow) throws SQLException {
        if (flow.rejectedAsWhole()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_unique_key (unique_key, flow_id, invoice_id) VALUES (?, ?, ?)")) {
            if (flow.sha256() != null) {
                insert.setString(1, hash("F09\n" + flow.partner() + "\n" + flow.sha256()));
                insert.setString(2, flow.flowId());
                insert.setString(3, null);
                insert.addBatch();
            }
            int pending = 0;
            for (InvoiceOutcome invoice : flow.invoices()) {
                Optional<DuplicateChecks.Key> key = DuplicateChecks.key(invoice);
                if (!invoice.delivered() || key.isEmpty()) {
                    continue;
                }
                // The texts as the ledger keeps them (Printable: no line feed inside), one a line.
                insert.setString(1, hash("I17\n" + key.get().supplierId() + "\n" + key.get().number() + "\n" + key.get().year()));
                insert.setString(2, flow.flowId());
                insert.setString(3, invoice.invoiceId());
                insert.addBatch();
                if (++pending == 1000) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
