package org.chorusedi.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chorusedi.config.Folders;
import org.chorusedi.framework.Framework;
import org.chorusedi.generator.FlowGenerator;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.generator.PdfInvoiceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write made-up flows of a given size and shape, addressed to the sample directory's ministry",
            "(for trials and benchmarks; they are valid unless --invalid-every says otherwise); a works market's chain",
            "with --framework, --market, --recipient, --answering and --markets-file."})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--shape", defaultValue = "batch", description = "batch (one file in our envelope), files (single-invoice files),"
            + " facturx (Factur-X PDFs, CII) or pdf (plain text PDFs of varied layouts, for recognition). Default: ${DEFAULT-VALUE}.")
    String shape;

    @Option(names = "--syntax", defaultValue = "MIXED", description = "UBL, CII or MIXED. Default: ${DEFAULT-VALUE}.")
    FlowGenerator.Syntaxes syntax;

    @Option(names = "--invoices", defaultValue = "0", description = "How many invoices (0 with --size: as many as reach it).")
    int invoices;

    @Option(names = "--size", defaultValue = "0", description = "Batch size to reach, in bytes (suffixes k, M, G allowed).")
    String size;

    @Option(names = "--lines", defaultValue = "5", description = "Lines per invoice. Default: ${DEFAULT-VALUE}.")
    int lines;

    @Option(names = "--attachment-bytes", defaultValue = "0", description = "Size of one embedded PDF per invoice, decoded (suffixes k, M, G).")
    String attachmentBytes;

    @Option(names = "--invalid-every", defaultValue = "0", description = "Make every Nth invoice invalid against its XSD.")
    int invalidEvery;

    @Option(names = "--partner", defaultValue = "AAA001", description = "The partner code in the batch header. Default: ${DEFAULT-VALUE}.")
    String partner;

    @Option(names = "--framework", description = "The invoices' framework in BT-23 (A1 to A25; none by default, an A1):"
            + " docs/partners/frameworks-and-markets.md.")
    String framework;

    @Option(names = "--market", description = "The invoices' market in BT-12 (a number of the markets file).")
    String market;

    @Option(names = "--supplier", description = "The invoices' supplier SIRET (default: the sample supplier, "
            + InvoiceTemplate.SUPPLIER + "), for a subcontractor or a joint contractor of a market.")
    String supplier;

    @Option(names = "--recipient", description = "The invoices' recipient SIRET (default: the sample ministry, "
            + InvoiceTemplate.MINISTRY + "), a works market's MOA.")
    String recipient;

    @Option(names = "--service-code", description = "The invoices' service code in BT-10 (default: the ministry's SCE-ACHATS;"
            + " empty: none).")
    String serviceCode;

    @Option(names = "--engagement", description = "The invoices' legal commitment in BT-13 (default: EJ-2026-000123; empty: none).")
    String engagement;

    @Option(names = "--number-prefix", defaultValue = "G", description = "The invoices' numbers: PREFIX-0000001 and up."
            + " Default: ${DEFAULT-VALUE}.")
    String numberPrefix;

    @Option(names = "--answering", paramLabel = "PREFIX", description = "Each invoice answers (BT-25) the one of the same rank"
            + " numbered PREFIX-...: an MOE's statements for the drafts generated with --number-prefix PREFIX.")
    String answering;

    @Option(names = "--markets-file", paramLabel = "FILE", description = "Also write a markets file for --market: its MOA"
            + " (--recipient), its MOE (--moe), its contract holder (--supplier) and its commitment (--engagement).")
    Path marketsFile;

    @Option(names = "--moe", description = "The MOE's SIRET in --markets-file. Default: ${DEFAULT-VALUE}.",
            defaultValue = "41234567000019")
    String moe;

    /** No setting shapes a made-up flow: the configuration is read, as by every command, to be checked. */
    @Mixin
    ConfigOptions config;

    @Parameters(paramLabel = "OUT", description = "The batch file (shape batch) or the folder (shapes files and facturx).")
    Path out;

    @Override
    public Integer call() throws Exception {
        config.configuration();
        if (!Folders.PARTNER_CODE.matcher(partner).matches()) {
            throw new ParameterException(spec.commandLine(), "not a partner code: " + partner);
        }
        if (framework != null && Framework.of(framework).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "not a framework (A1 to A25): " + framework);
        }
        if (!numberPrefix.matches("[A-Za-z0-9]{1,10}") || answering != null && !answering.matches("[A-Za-z0-9]{1,10}")) {
            throw new ParameterException(spec.commandLine(), "a number prefix is 1 to 10 letters or digits");
        }
        InvoiceTemplate template = InvoiceTemplate.toMinistry().withLines(lines).withFramework(framework).withContract(market);
        if (supplier != null) {
            template = template.withSupplier(supplier);
        }
        if (recipient != null) {
            template = template.withRecipient(recipient);
        }
        if (serviceCode != null) {
            template = template.withServiceCode(serviceCode.isEmpty() ? null : serviceCode);
        }
        if (engagement != null) {
            template = template.withEngagement(engagement.isEmpty() ? null : engagement);
        }
        if (marketsFile != null) {
            writeMarket(template);
        }
        long attachment = bytes(attachmentBytes);
        if (attachment > 0) {
            template = template.withAttachment("facture.pdf", attachment);
        }
        FlowGenerator generator = new FlowGenerator(template, syntax, invalidEvery).numbered(numberPrefix, answering);
        switch (shape) {
            case "batch" -> {
                if (invoices <= 0 && bytes(size) <= 0) {
                    throw new ParameterException(spec.commandLine(), "give --invoices or --size");
                }
                int written = generator.writeBatch(out, partner, invoices, bytes(size));
                System.out.println(out + ": " + written + " invoices, " + Files.size(out) + " bytes");
            }
            case "files" -> {
                if (invoices <= 0) {
                    throw new ParameterException(spec.commandLine(), "give --invoices");
                }
                generator.writeFiles(out, invoices);
                System.out.println(out + ": " + invoices + " files");
            }
            case "facturx" -> {
                if (invoices <= 0) {
                    throw new ParameterException(spec.commandLine(), "give --invoices");
                }
                generator.writeFacturX(out, invoices);
                System.out.println(out + ": " + invoices + " Factur-X PDF files");
            }
            case "pdf" -> {
                if (invoices <= 0) {
                    throw new ParameterException(spec.commandLine(), "give --invoices");
                }
                writePdfs(invoices);
            }
            default -> throw new ParameterException(spec.commandLine(), "unknown shape: " + shape);
        }
        return 0;
    }

    /**
     * Plain text PDFs, the layouts in turn (each with its variant of keywords and formats), and a scan-like one last:
     * what a supplier's word processor makes, for recognition's tests and the benchmark.
     */
    private void writePdfs(int count) throws java.io.IOException {
        Files.createDirectories(out);
        PdfInvoiceWriter.Layout[] layouts = PdfInvoiceWriter.Layout.values();
        for (int i = 1; i <= count; i++) {
            Path file = out.resolve(String.format("pdf-%06d.pdf", i));
            if (i == count && count > layouts.length) {
                PdfInvoiceWriter.writeScan(file);
            } else {
                PdfInvoiceWriter.write(file, layouts[(i - 1) % layouts.length], i);
            }
        }
        System.out.println(out + ": " + count + " text PDFs in " + Math.min(count, layouts.length) + " layouts"
                + (count > layouts.length ? ", the last one a scan (no text layer)" : ""));
    }

    /** The market the flows belong to, as a markets file names it: enough for the engine to take its works documents. */
    private void writeMarket(InvoiceTemplate template) throws java.io.IOException {
        if (market == null) {
            throw new ParameterException(spec.commandLine(), "--markets-file needs --market");
        }
        String name = market + ",Marché généré,";
        Files.writeString(marketsFile, "numero_marche,libelle,role,identifiant,code_service,valideur,cadres,engagements\n"
                + name + "MOA," + template.recipientSiret() + ",,,," + (template.engagement() == null ? "" : template.engagement()) + "\n"
                + name + "MOE," + moe + ",,,,\n"
                + name + "TITULAIRE," + template.supplierSiret() + ",,,,\n", java.nio.charset.StandardCharsets.UTF_8);
        System.out.println(marketsFile + ": market " + market + " (MOA " + template.recipientSiret() + ", MOE " + moe + ", holder "
                + template.supplierSiret() + ")");
    }

    private long bytes(String text) {
        String t = text.strip();
        long unit = switch (t.isEmpty() ? ' ' : Character.toUpperCase(t.charAt(t.length() - 1))) {
            case 'K' -> 1_000L;
            case 'M' -> 1_000_000L;
            case 'G' -> 1_000_000_000L;
            default -> 1L;
        };
        try {
            return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "not a size: " + text);
        }
    }
}
