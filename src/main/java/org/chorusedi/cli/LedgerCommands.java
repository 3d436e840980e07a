package org.chorusedi.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.chorusedi.directory.Database;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.Ledger.FlowEntry;
import org.chorusedi.ledger.Ledger.InvoiceEntry;
import org.chorusedi.text.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What the ledger knows, for an operator: {@code flows} and {@code invoice}. */
final class LedgerCommands {

    private LedgerCommands() {
    }

    @Command(name = "flows", mixinStandardHelpOptions = true,
            description = "List the flows the engine decided, newest first: id, partner, file, outcome, invoices.")
    static final class Flows implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Option(names = "--partner", description = "Only this partner's flows.")
        String partner;

        @Option(names = "--since", description = "Only flows received since this date or time (2026-11-26 or 2026-11-26T10:00:00Z).")
        String since;

        @Override
        public Integer call() {
            Instant from = since == null ? null : instant(since);
            try (Database database = config.openDatabase()) {
                List<FlowEntry> flows = new Ledger(database.dataSource()).flows(partner, from);
                PrintStream out = System.out;
                out.printf("%-32s %-8s %-6s %-10s %9s %-29s %s%n", "FLOW", "PARTNER", "STATUS", "STATE", "DELIVERED", "RECEIVED", "FILE");
                for (FlowEntry f : flows) {
                    out.printf("%-32s %-8s %-6s %-10s %4d/%-4d %-29s %s%n", f.flowId(), f.partner(), f.status() == null ? "-" : f.status(),
                            f.state(), f.delivered(), f.invoices(), f.receivedAt(), Printable.of(f.fileName()));
                    if (f.problem() != null) {
                        out.println("  problem: " + Printable.of(f.problem()));
                    }
                }
                out.println(flows.size() + " flow(s)");
            }
            return 0;
        }

        private Instant instant(String text) {
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                        : OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "not a date or time: " + text);
            }
        }
    }

    @Command(name = "invoice", mixinStandardHelpOptions = true,
            description = "Show an invoice by its id or its number: flow, keys, outbox file and its statuses.")
    static final class Invoice implements Callable<Integer> {

        @Mixin
        ConfigOptions config;

        @Parameters(paramLabel = "ID_OR_NUMBER", description = "An invoice id (AAA001-...-0001) or an invoice number.")
        String idOrNumber;

        @Override
        public Integer call() {
            try (Database database = config.openDatabase()) {
                List<InvoiceEntry> invoices = new Ledger(database.dataSource()).invoices(idOrNumber);
                PrintStream out = System.out;
                for (InvoiceEntry i : invoices) {
                    out.println("invoice " + i.invoiceId());
                    out.println("  flow        " + i.flowId());
                    out.println("  number      " + Printable.of(i.invoiceNumber()) + " of " + Printable.of(i.issueDate()) + ", supplier "
                            + Printable.of(i.supplierId()));
                    out.println("  recipient   " + Printable.of(i.recipient()) + ", service code " + Printable.of(i.serviceCode()) + ", EJ "
                            + Printable.of(i.engagement()));
                    out.println("  outbox      " + (i.outboxPath() == null ? "(not delivered)" : Printable.of(i.outboxPath())));
                    i.history().forEach(status -> out.println("  status      " + Printable.of(status)));
                }
                out.println(invoices.size() + " invoice(s)");
                return invoices.isEmpty() ? 1 : 0;
            }
        }
    }
}
