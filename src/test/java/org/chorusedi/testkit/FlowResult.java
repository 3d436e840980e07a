package org.chorusedi.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.chorusedi.config.Folders;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.LedgerQueries;

/**
 * What became of a dropped flow, as data: the flow as the ledger keeps it (its status 92, 96 or 93, the
 * codes that rejected it as a whole, its state PUBLISHED or PARKED), each of its invoices (delivered or not,
 * its codes, its outbox), and the acknowledgement documents written for it: its flow report in the sender's
 * {@code ack/} and, for a status flow, the statuses forwarded to the suppliers' partners.
 */
public record FlowResult(FlowRow flow, List<InvoiceRow> invoices, List<Path> acknowledgements, Path root) {

    /** Reads a finished flow from the ledger and the root's {@code ack/}; empty when the ledger does not hold it. */
    static Optional<FlowResult> read(LedgerQueries ledger, Folders folders, String flowId) {
        return ledger.flow(flowId).map(flow -> new FlowResult(flow, ledger.invoicesOf(flowId), acknowledgements(folders, flowId),
                folders.root()));
    }

    public String flowId() {
        return flow.flowId();
    }

    /** 92 (every invoice delivered, every line accepted), 96 (some), 93 (none); null for a parked flow. */
    public String status() {
        return flow.status();
    }

    /** Whether the flow was parked in {@code failed/} (its report says why: {@link FlowRow#problem()}). */
    public boolean parked() {
        return "PARKED".equals(flow.state());
    }

    /** The codes that rejected the flow as a whole (F01...), in the order of its report. */
    public List<String> reasons() {
        return flow.reasons();
    }

    /** Each invoice's codes, in the order of the flow, without duplicates. */
    public List<String> invoiceReasons() {
        return invoices.stream().flatMap(invoice -> invoice.reasons().stream()).distinct().toList();
    }

    /** The invoice of that number in the flow. */
    public InvoiceRow invoice(String number) {
        return invoices.stream().filter(invoice -> number.equals(invoice.number())).findFirst()
                .orElseThrow(() -> new AssertionError("no invoice " + number + " in flow " + flowId() + ": " + invoices));
    }

    /** Where the invoice of that number was delivered: its file in {@code out/<SIRET>/<service>/}. */
    public Path deliveredTo(String number) {
        InvoiceRow invoice = invoice(number);
        if (!invoice.delivered()) {
            throw new AssertionError("invoice " + number + " was not delivered: " + invoice.reasons());
        }
        return root.resolve(invoice.outbox());
    }

    /** The flow report, {@code ack/<partner>/<flow id>.flux.xml} (none for a parked flow). */
    public Optional<Path> report() {
        return acknowledgements.stream().filter(ack -> ack.getParent().getFileName().toString().equals(flow.partner())
                && ack.getFileName().toString().endsWith(".flux.xml")).findFirst();
    }

    /** The acknowledgements written for other partners than the sender: the statuses forwarded to suppliers' partners. */
    public List<Path> forwarded() {
        return acknowledgements.stream().filter(ack -> !ack.getParent().getFileName().toString().equals(flow.partner())).toList();
    }

    private static List<Path> acknowledgements(Folders folders, String flowId) {
        if (!Files.isDirectory(folders.ack())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folders.ack(), 2)) {
            return files.filter(file -> file.getFileName().toString().startsWith(flowId + ".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
