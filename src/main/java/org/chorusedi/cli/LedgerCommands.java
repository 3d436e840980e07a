package org.chorusedi.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.chorusedi.acknowledgement.AcknowledgementFile;
import org.chorusedi.database.Database;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.flow.AttachmentRules;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.LedgerQueries.StatusEntry;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.lifecycle.Requests;
import org.chorusedi.text.Printable;
import org.chorusedi.works.WorksClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the ledger knows, for an operator: {@code flows}, {@code invoice} (with {@code invoice recycle} and
 * {@code invoice complete}) and {@code statuses}.
 */
final class LedgerCommands {

    /** The works drafts past their delay that {@code flows} lists at most. */
    private static final int LATE_SHOWN = 100;

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
            Instant from = since == null ? null : instant(spec, since);
            try (Database database = config.openDatabase()) {
                List<FlowRow> flows = new LedgerQueries(database.dataSource()).flows(partner, from);
                PrintStream out = System.out;
                out.printf("%-32s %-8s %-10s %-6s %-10s %9s %-29s %s%n", "FLOW", "PARTNER", "KIND", "STATUS", "STATE", "DELIVERED",
                        "RECEIVED", "FILE");
                for (FlowRow f : flows) {
                    out.printf("%-32s %-8s %-10s %-6s %-10s %4d/%-4d %-29s %s%n", f.flowId(), f.partner(), f.kind(),
                            f.status() == null ? "-" : f.status(), f.state(), f.delivered(), f.invoices(), f.receivedAt(),
                            Printable.of(f.fileName()));
                    if (f.problem() != null) {
                        out.println("  problem: " + Printable.of(f.problem()));
                    }
                }
                out.println(flows.size() + " flow(s)");
                // The works drafts whose MOE's delay has passed, whatever the filters: each is someone's to chase.
                WorksClock clock = WorksClock.read(config.configuration());
                Instant now = Instant.now();
                LedgerQueries ledger = new LedgerQueries(database.dataSource());
                List<InvoiceRow> late = ledger.worksWaiting(InvoiceStatus.A_TRAITER_MOE, clock.lateBefore(now), LATE_SHOWN);
                if (!late.isEmpty()) {
                    long count = ledger.countWorksWaiting(InvoiceStatus.A_TRAITER_MOE, clock.lateBefore(now));
                    out.println(count + " works draft(s) past their MOE's " + clock.moeDelay().toDays() + " days"
                            + (count > late.size() ? ", the " + late.size() + " oldest" : "") + " (invoice ID shows one):");
                    late.forEach(invoice -> out.println("  " + invoice.invoiceId() + " " + invoice.framework() + " '"
                            + Printable.of(invoice.number()) + "' market " + Printable.of(invoice.market()) + ": "
                            + Printable.of(clock.state(invoice, now))));
                }
            }
            return 0;
        }

    }

    /** A date (2026-11-26, from its start in UTC) or a time with its offset; a usage error otherwise. */
    private static Instant instant(CommandSpec spec, String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "not a date or time: " + text);
        }
    }

    @Command(name = "invoice", mixinStandardHelpOptions = true,
            description = "Show an invoice by its id or its number: flow, keys, outbox file and its whole history.",
            subcommands = {Recycle.class, Complete.class})
    static final class Invoice implements Callable<Integer> {

        @Mixin
        ConfigOptions config;

        @Spec
        CommandSpec spec;

        // Optional for picocli to tell the subcommands from an invoice; required below.
        @Parameters(arity = "0..1", paramLabel = "ID_OR_NUMBER", description = "An invoice id (AAA001-...-0001) or an invoice number.")
        String idOrNumber;

        @Override
        public Integer call() {
            if (idOrNumber == null) {
                throw new ParameterException(spec.commandLine(), "Missing required parameter: 'ID_OR_NUMBER' (or a command)");
            }
            WorksClock clock = WorksClock.read(config.configuration());
            try (Database database = config.openDatabase()) {
                List<InvoiceRow> invoices = new LedgerQueries(database.dataSource()).invoices(idOrNumber);
                PrintStream out = System.out;
                for (InvoiceRow i : invoices) {
                    out.println("invoice " + i.invoiceId());
                    out.println("  flow        " + i.flowId());
                    out.println("  number      " + shown(i.number()) + " of " + shown(i.issueDate()) + ", supplier "
                            + shown(i.supplierId()));
                    out.println("  recipient   " + shown(i.recipient()) + ", service code " + shown(i.serviceCode()) + ", EJ "
                            + shown(i.engagement()));
                    out.println("  framework   " + i.framework() + " (" + i.framework().label() + ")"
                            + (i.market() == null ? "" : ", market " + Printable.of(i.market()))
                            + (i.validator() == null ? "" : ", validator " + Printable.of(i.validator())
                                    + (i.validatorService() == null ? "" : " service " + Printable.of(i.validatorService()))));
                    out.println("  sent by     " + i.supplierPartner() + (i.status() == null ? "" : ", now " + i.status()));
                    out.println("  outbox      " + (i.outbox() == null ? "(not delivered)" : Printable.of(i.outbox().toString())));
                    if (i.answers() != null) {
                        out.println("  answers     " + i.answers());
                    }
                    String works = clock.state(i, Instant.now());
                    if (works != null) {
                        out.println("  works       " + Printable.of(works));
                    }
                    i.statusLines().forEach(status -> out.println("  status      " + Printable.of(status)));
                }
                out.println(invoices.size() + " invoice(s)");
                return invoices.isEmpty() ? 1 : 0;
            }
        }
    }

    /** An invoice's field as the commands print it: "-" when the invoice has none (as a recycling's keys are written). */
    private static String shown(String field) {
        return field == null ? "-" : Printable.of(field);
    }

    /** The one delivered invoice an operator names; a usage error otherwise. */
    private static InvoiceRow delivered(CommandSpec spec, LedgerQueries ledger, String idOrNumber) {
        List<InvoiceRow> found = ledger.invoices(idOrNumber).stream().filter(i -> i.status() != null).toList();
        if (found.size() != 1) {
            throw new ParameterException(spec.commandLine(), found.isEmpty() ? "no delivered invoice " + idOrNumber
                    : found.size() + " delivered invoices have the number " + idOrNumber + ": give its id");
        }
        return found.get(0);
    }

    /** Where a request lands: the drop directory of the partner that sent the invoice. */
    private static void dropped(Path request, InvoiceRow invoice) {
        System.out.println("request for invoice " + invoice.invoiceId() + " written as " + request);
        System.out.println("the engine decides it like any flow from " + invoice.supplierPartner() + ": its report goes to ack/"
                + invoice.supplierPartner() + "/" + AcknowledgementFile.FLOW_REPORT.fileName("<flow id>") + ", and invoice " + invoice.invoiceId() + " shows the outcome");
    }

    @Command(name = "recycle", mixinStandardHelpOptions = true,
            description = "Recycle an invoice in 04 to new routing keys: writes the recycling request its supplier's partner"
                    + " would send into that partner's drop directory.")
    static final class Recycle implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Parameters(paramLabel = "ID_OR_NUMBER", description = "The invoice's id or number.")
        String idOrNumber;

        @Option(names = "--siret", required = true, description = "The new recipient's SIRET.")
        String siret;

        @Option(names = "--service", description = "The new service code (none when left out).")
        String serviceCode;

        @Option(names = "--ej", description = "The new legal commitment, EJ (none when left out).")
        String engagement;

        @Override
        public Integer call() throws IOException {
            try (Database database = config.openDatabase()) {
                InvoiceRow invoice = delivered(spec, new LedgerQueries(database.dataSource()), idOrNumber);
                Path request = Requests.drop(Requests.recycling(invoice, siret, serviceCode, engagement),
                        config.settings().folders().in().resolve(invoice.supplierPartner()), "recyclage-" + invoice.invoiceId() + ".xml");
                dropped(request, invoice);
                return 0;
            }
        }
    }

    @Command(name = "complete", mixinStandardHelpOptions = true,
            description = "Complete a suspended invoice (06) with attachments: writes the completion request its supplier's"
                    + " partner would send into that partner's drop directory.")
    static final class Complete implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Parameters(index = "0", paramLabel = "ID_OR_NUMBER", description = "The invoice's id or number.")
        String idOrNumber;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "The attachments, named as the files are.")
        List<Path> files;

        @Override
        public Integer call() throws IOException {
            files.forEach(this::checkAttachment);
            try (Database database = config.openDatabase()) {
                InvoiceRow invoice = delivered(spec, new LedgerQueries(database.dataSource()), idOrNumber);
                Path request = Requests.drop(Requests.completion(invoice, files),
                        config.settings().folders().in().resolve(invoice.supplierPartner()), "complement-" + invoice.invoiceId() + ".xml");
                dropped(request, invoice);
                return 0;
            }
        }

        /**
         * A file that can be read, of at most 10 MB: the request holds it whole, and the engine would refuse a larger
         * attachment (I14). A usage error otherwise, naming the file.
         */
        private void checkAttachment(Path file) {
            long size;
            try {
                size = Files.isRegularFile(file) && Files.isReadable(file) ? Files.size(file) : -1;
            } catch (IOException e) {
                size = -1;
            }
            if (size < 0) {
                throw new ParameterException(spec.commandLine(), Printable.of(file.toString()) + ": not a file that can be read");
            }
            if (size > AttachmentRules.MAX_ATTACHMENT_BYTES) {
                throw new ParameterException(spec.commandLine(), Printable.of(file.toString()) + ": " + size
                        + " bytes, an attachment has at most " + AttachmentRules.MAX_ATTACHMENT_BYTES + " (10 MB, I14)");
            }
        }
    }

    @Command(name = "statuses", mixinStandardHelpOptions = true,
            description = "List the status changes after delivery, newest first: recipients' statuses, recyclings, completions.")
    static final class Statuses implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Option(names = "--partner", description = "Only the statuses this partner sent, or about the invoices it sent.")
        String partner;

        @Option(names = "--since", description = "Only statuses recorded since this date or time (2026-11-26 or 2026-11-26T10:00:00Z).")
        String since;

        @Override
        public Integer call() {
            Instant from = since == null ? null : instant(spec, since);
            try (Database database = config.openDatabase()) {
                List<StatusEntry> statuses = new LedgerQueries(database.dataSource()).statuses(partner, from);
                PrintStream out = System.out;
                out.printf("%-29s %-32s %-28s %-8s %-8s %-14s %s%n", "RECORDED", "INVOICE", "STATUS", "FROM", "SUPPLIER", "RECIPIENT", "NUMBER");
                for (StatusEntry s : statuses) {
                    out.printf("%-29s %-32s %-28s %-8s %-8s %-14s %s%n", s.recordedAt(), s.invoiceId(), s.status(), s.sentBy(),
                            s.supplierPartner(), shown(s.recipient()), shown(s.number()));
                    String why = (s.reason() == null ? "" : "reason: " + s.reason() + " ") + (s.mandate() == null ? "" : "mandate: " + s.mandate() + " ")
                            + (s.detail() == null ? "" : s.detail());
                    if (!why.isEmpty()) {
                        out.println("  " + Printable.of(why.strip()));
                    }
                }
                out.println(statuses.size() + " status(es)");
            }
            return 0;
        }
    }
}
