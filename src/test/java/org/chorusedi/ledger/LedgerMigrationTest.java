package org.chorusedi.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.chorusedi.database.Database;
import org.chorusedi.ledger.Ledger.Move;
import org.chorusedi.testkit.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ledger written before a migration reads the same after it: one row per invoice (V11), statuses' recipients (V22). */
class LedgerMigrationTest {

    @TempDir
    Path dir;

    @Test
    void statusesAndPendingMovesOfALedgerFromBeforeOneRowPerInvoiceAreKept() throws SQLException {
        String url = TestDatabase.url(dir);
        Flyway.configure().dataSource(url, TestDatabase.user(), "").locations("classpath:db/migration").target("10")
                .load().migrate();
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.user(), "");
             Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO ledger_flow (flow_id, partner, file_name, size_bytes, sha256, received_at, decided_at,
                                             status, rejected, state, kept_as)
                    VALUES ('F1', 'AAA001', 'f.xml', 10, 'ab', TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:00+00',
                            TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:05+00', '96', FALSE, 'PUBLISHING', '/archive/F1__f.xml')""");
            sql.execute("""
                    INSERT INTO ledger_invoice (invoice_id, flow_id, position, supplier_id, invoice_number, issue_date,
                                                issue_year, recipient, service_code, engagement, outbox_path, delivered)
                    VALUES ('F1-0001', 'F1', 1, 'S', 'N-1', '2026-01-01', 2026, 'R', NULL, NULL, '/out/R/@none/F1-0001.xml', TRUE),
                           ('F1-0002', 'F1', 2, 'S', 'N-2', '2026-01-01', 2026, 'R', NULL, NULL, NULL, FALSE)""");
            sql.execute("""
                    INSERT INTO ledger_invoice_status (invoice_id, seq, status, at, detail)
                    VALUES ('F1-0001', 1, '01 DEPOSEE', TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:00+00', NULL),
                           ('F1-0001', 2, '03 MISE_A_DISPOSITION', TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:05+00', NULL),
                           ('F1-0002', 1, '01 DEPOSEE', TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:00+00', NULL),
                           ('F1-0002', 2, 'REJETEE', TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:05+00', 'I11 I12')""");
            sql.execute("""
                    INSERT INTO ledger_move (flow_id, seq, from_path, to_path)
                    VALUES ('F1', 0, '/work/F1/invoice-000001.xml', '/out/R/@none/F1-0001.xml'),
                           ('F1', 1, '/work/F1/flux.xml', '/ack/AAA001/F1.flux.xml')""");
        }

        try (Database database = Database.open(url, TestDatabase.user(), "")) {
            assertEquals(0, Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load()
                    .info().pending().length, "an existing database at V10 is brought to the jar's last migration");
            Ledger ledger = new Ledger(database.dataSource());
            LedgerQueries queries = new LedgerQueries(database.dataSource());
            List<String> delivered = queries.invoices("N-1").get(0).statusLines();
            assertEquals(2, delivered.size(), delivered.toString());
            assertEquals(List.of("01 DEPOSEE", "03 MISE_A_DISPOSITION"),
                    delivered.stream().map(s -> s.substring(s.indexOf(' ') + 1)).toList());
            List<String> rejected = queries.invoices("N-2").get(0).statusLines();
            assertEquals("REJETEE I11 I12", rejected.get(1).substring(rejected.get(1).indexOf(' ') + 1));
            assertNull(queries.invoices("N-2").get(0).outbox());
            assertNull(queries.flow("F1").orElseThrow().node(), "decided before V21: no node named");

            // Committed before the change: its moves are those it recorded, not derived a second time.
            assertEquals(List.of("F1"), ledger.unpublished());
            assertEquals(List.of(
                            new Move(Path.of("/work/F1/invoice-000001.xml"), Path.of("/out/R/@none/F1-0001.xml")),
                            new Move(Path.of("/work/F1/flux.xml"), Path.of("/ack/AAA001/F1.flux.xml"))),
                    ledger.committed("F1").moves());
        }
    }

    @Test
    void eachStatusRecordedBeforeV22IsGivenTheRecipientItWasSentFor() throws SQLException {
        String url = TestDatabase.url(dir);
        Flyway.configure().dataSource(url, TestDatabase.user(), "").locations("classpath:db/migration").target("21")
                .load().migrate();
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.user(), "");
             Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO ledger_flow (flow_id, partner, file_name, size_bytes, sha256, received_at, decided_at,
                                             status, rejected, state, kept_as, kind)
                    VALUES ('F1', 'AAA001', 'f.xml', 10, 'ab', TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:00+00',
                            TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:05+00', '92', FALSE, 'PUBLISHED', '/archive/F1__f.xml', 'INVOICES'),
                           ('L1', 'VIL001', 's.xml', 10, 'cd', TIMESTAMP WITH TIME ZONE '2026-01-03 10:00:00+00',
                            TIMESTAMP WITH TIME ZONE '2026-01-03 10:00:05+00', '92', FALSE, 'PUBLISHED', '/archive/L1__s.xml', 'STATUSES')""");
            sql.execute("""
                    INSERT INTO ledger_invoice (invoice_id, flow_id, position, supplier_id, invoice_number, issue_date,
                                                issue_year, recipient, service_code, engagement, outbox_path, delivered, status)
                    VALUES ('F1-0001', 'F1', 1, 'S', 'N-1', '2026-01-01', 2026, '33333333333333', NULL, NULL,
                            '/out/33333333333333/@none/F1-0001.xml', TRUE, '07')""");
            // Made available to ...111, sent back (04), recycled to ...222, sent back, recycled to ...333, then 07.
            sql.execute("""
                    INSERT INTO invoice_event (invoice_id, seq, status, recorded_at, flow_id, partner, detail)
                    VALUES ('F1-0001', 1, '04', TIMESTAMP WITH TIME ZONE '2026-01-03 10:00:01+00', 'L1', 'VIL001', NULL),
                           ('F1-0001', 2, '03', TIMESTAMP WITH TIME ZONE '2026-01-03 10:00:02+00', 'L1', 'AAA001',
                            'recycled from 11111111111111 / service - / EJ - to 22222222222222 / service - / EJ -'),
                           ('F1-0001', 3, '04', TIMESTAMP WITH TIME ZONE '2026-01-03 10:00:03+00', 'L1', 'VIL001', NULL),
                           ('F1-0001', 4, '03', TIMESTAMP WITH TIME ZONE '2026-01-03 10:00:04+00', 'L1', 'AAA001',
                            'recycled from 22222222222222 / service - / EJ - to 33333333333333 / service - / EJ -'),
                           ('F1-0001', 5, '07', TIMESTAMP WITH TIME ZONE '2026-01-03 10:00:05+00', 'L1', 'MIN001', NULL)""");
        }

        try (Database database = Database.open(url, TestDatabase.user(), "")) {
            List<String> recipients = new LedgerQueries(database.dataSource()).statuses(null, null).stream()
                    .map(status -> status.status().code() + " " + status.recipient()).toList();
            assertEquals(List.of("07 33333333333333", "03 33333333333333", "04 22222222222222", "03 22222222222222",
                    "04 11111111111111"), recipients, "newest first");
        }
    }
}
