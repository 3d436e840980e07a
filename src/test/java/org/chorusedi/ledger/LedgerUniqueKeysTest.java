package org.chorusedi.ledger;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chorusedi.controls.Route;
import org.chorusedi.database.Database;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceOutcome;
import org.chorusedi.flow.InvoiceRead;
import org.chorusedi.framework.Framework;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: F09 and I17 decided by the database. Two flows that both passed DuplicateChecks (decided at the same
 * moment, by two nodes) cannot both be committed: the second commit is refused by the ledger's unique keys and
 * leaves nothing, to be decided again against the first. What does not count (a rejected invoice, a flow rejected
 * as a whole) takes no key.
 */
class LedgerUniqueKeysTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void theSecondOfTwoFlowsDeliveringTheSameInvoiceOrBytesIsNotCommitted() {
        try (Database database = Database.open(TestDatabase.url(dir), TestDatabase.user(), "")) {
            Ledger ledger = new Ledger(database.dataSource());
            LedgerQueries queries = new LedgerQueries(database.dataSource());
            commit(ledger, flow("AAA001-20261128T100000000-0001", SHA_A, invoice("AAA001-20261128T100000000-0001", "N-1", true)));

            Ledger.LedgerException sameInvoice = assertThrows(Ledger.LedgerException.class, () -> commit(ledger,
                    flow("BBB002-20261128T100000000-0002", SHA_B, invoice("BBB002-20261128T100000000-0002", "N-1", true))));
            Ledger.LedgerException sameBytes = assertThrows(Ledger.LedgerException.class, () -> commit(ledger,
                    flow("AAA001-20261128T100000000-0003", SHA_A, invoice("AAA001-20261128T100000000-0003", "N-2", true))));
            // A rejected invoice, a flow rejected as a whole, the same bytes from another partner: no duplicate.
            commit(ledger, flow("BBB002-20261128T100000000-0004", SHA_B, invoice("BBB002-20261128T100000000-0004", "N-1", false)));
            commit(ledger, flow("AAA001-20261128T100000000-0005", SHA_A).rejectedWith(new Finding(ReasonCode.F03, "not XML")));
            commit(ledger, flow("BBB002-20261128T100000000-0006", SHA_A, invoice("BBB002-20261128T100000000-0006", "N-3", true)));

            assertAll(
                    () -> assertTrue(sameInvoice.getMessage().toLowerCase().contains("ledger_unique_key"), sameInvoice.getMessage()),
                    () -> assertTrue(sameBytes.getMessage().toLowerCase().contains("ledger_unique_key"), sameBytes.getMessage()),
                    () -> assertEquals(Optional.empty(), ledger.state("BBB002-20261128T100000000-0002"), "nothing of it was committed"),
                    () -> assertEquals(Optional.empty(), ledger.state("AAA001-20261128T100000000-0003")),
                    () -> assertEquals(Optional.of(Ledger.State.PUBLISHING), ledger.state("BBB002-20261128T100000000-0004")),
                    () -> assertEquals(Optional.of(Ledger.State.PUBLISHING), ledger.state("AAA001-20261128T100000000-0005")),
                    () -> assertEquals(Optional.of(Ledger.State.PUBLISHING), ledger.state("BBB002-20261128T100000000-0006")),
                    () -> assertEquals(1, queries.invoices("N-2").size() + queries.invoices("N-3").size(), "N-3 alone"));
        }
    }

    private void commit(Ledger ledger, FlowOutcome flow) {
        Path staging = dir.resolve("work").resolve(flow.flowId());
        ledger.commit(flow, Instant.parse("2026-11-28T10:00:00Z"), dir.resolve("archive").resolve(flow.flowId()), Map.of(), staging,
                List.of(), List.of());
    }

    private static FlowOutcome flow(String flowId, String sha256, InvoiceOutcome... invoices) {
        return new FlowOutcome(flowId, flowId.substring(0, 6), "flow.xml", 100, sha256,
                OffsetDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZoneOffset.UTC), List.of(), List.of(invoices));
    }

    private static InvoiceOutcome invoice(String flowId, String number, boolean delivered) {
        InvoiceKeys keys = new InvoiceKeys(number, "2026-11-20", "380", "12345678200010", InvoiceKeys.SUPPLIER_SIRET, "FR", "Supplier",
                "11000201100044", "Ministry", "SCE-ACHATS", null, null, null, null, null, false);
        InvoiceRead read = new InvoiceRead(1, null, keys, List.of(), null, 0, 0, null, null);
        return new InvoiceOutcome(read, flowId + "-0001", delivered ? List.of() : List.of(new Finding(ReasonCode.I03, "unknown")),
                null, null, List.of(), new Route(Framework.A1, null, keys.recipientId(), keys.serviceCode(), InvoiceStatus.MISE_A_DISPOSITION));
    }
}
