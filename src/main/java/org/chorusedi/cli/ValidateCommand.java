package org.chorusedi.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.acknowledgement.FlowReport;
import org.chorusedi.config.Folders;
import org.chorusedi.controls.RoutingControls;
import org.chorusedi.database.Database;
import org.chorusedi.decision.FlowStatus;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.engine.Engine;
import org.chorusedi.engine.EngineSettings;
import org.chorusedi.flow.DepositMode;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.ledger.DuplicateChecks;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.lifecycle.LifeCycleDecisions;
import org.chorusedi.lifecycle.LifeCycleOutcome;
import org.chorusedi.lifecycle.LifeCycleReader;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.market.Markets;
import org.chorusedi.partner.Direction;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.partner.Partners;
import org.chorusedi.recognition.RecognitionReport;
import org.chorusedi.rules.RulesControl;
import org.chorusedi.validation.ValidationPipeline;
import org.chorusedi.works.WorksAnswers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check one flow offline, exactly as the engine would, and print its flow report (CPPStatut).",
            "Exit status: 0 every invoice would be delivered, 1 something would be rejected, 2 usage error."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--partner", description = "The sending partner's code (default: the file's folder name if it is one, else VALIDATE).")
    String partner;

    @Option(names = "--mode", paramLabel = "EDI|API", description = "The deposit mode whose size limits apply: EDI (a drop"
            + " directory, the default) or API (docs/partners/limits.md).")
    DepositMode mode = DepositMode.EDI;

    /** With --root, the directory, the partner registry and the ledger of that root are used (routing and emission checks, duplicates). */
    @Mixin
    ConfigOptions config;

    @Parameters(paramLabel = "FILE", description = "The flow to check.")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "no such file: " + file);
        }
        String sender = partner != null ? partner : defaultPartner(file);
        if (!Folders.PARTNER_CODE.matcher(sender).matches()) {
            throw new ParameterException(spec.commandLine(), "not a partner code (3 to 8 letters and digits): " + sender);
        }
        EngineSettings settings = config.settings();
        String flowId = sender + "-VALIDATE";
        LifeCycleReader lifeCycleReader = new LifeCycleReader(settings.flow().xml(), settings.lifeCycle().maxBytes(),
                settings.lifeCycle().maxLines());
        Optional<LifeCycleReader.Kind> lifeCycle = lifeCycleReader.kind(file);
        if (lifeCycle.isPresent()) {
            return validateLifeCycle(settings, lifeCycleReader, lifeCycle.get(), sender, flowId);
        }
        FlowOutcome outcome;
        String recognised = null;
        // The invoices are staged as the engine would, in a folder that goes away with the command.
        Path staging = Files.createTempDirectory("chorus-edi-validate");
        ExecutorService validators = ValidationPipeline.newThreadPool();
        ExecutorService rulesThreads = RulesControl.newThreadPool();
        try {
            if (config.root == null) {
                // No registry either: the emission check cannot run, as the recipient cannot be found (I03).
                outcome = Engine.evaluator(settings, validators, rulesThreads, MarketLookup.NONE).evaluate(file, sender, flowId,
                        DirectoryLookup.EMPTY,
                        PartnerLookup.OPEN, staging, mode);
            } else {
                try (Database database = config.openDatabase()) {
                    outcome = Engine.evaluator(settings, validators, rulesThreads, new Markets(database.dataSource()))
                            .evaluate(file, sender, flowId,
                            new DirectoryStore(database.dataSource()), Engine.emissionRegistry(settings, database.dataSource()),
                            staging, mode);
                    // The ledger of that root too: F09, I17 and I31 (a works statement's answer) as the engine would find them now.
                    outcome = new DuplicateChecks(new Ledger(database.dataSource())).apply(outcome);
                    outcome = new WorksAnswers(new LedgerQueries(database.dataSource())).apply(outcome).outcome();
                }
            }
            // What was read in a plain PDF: a few kilobytes, read whole.
            Path report = staging.resolve(RecognitionReport.STAGED_NAME);
            recognised = Files.exists(report) ? Files.readString(report) : null;
        } finally {
            validators.shutdownNow();
            rulesThreads.shutdownNow();
            delete(staging);
        }
        PrintStream out = System.out;
        new CppStatutWriter(settings.enginePartnerCode()).write(FlowReport.ofInvoiceFlow(outcome), out);
        out.flush();
        if (recognised != null) {
            // A plain PDF: what its sender would read in <flow id>.reconnaissance.txt.
            System.err.print(recognised);
        }
        // What the engine writes beside a delivered invoice's status (factures.xml): never a rejection.
        outcome.invoices().forEach(invoice -> invoice.warnings().forEach(w -> System.err.println("EN 16931 " + w)));
        return FlowStatus.ACCEPTED.code().equals(outcome.status()) ? 0 : 1;
    }

    /**
     * A life-cycle document: read as the engine reads it, and, its lines being decided against the ledger,
     * decided only with a root (against that root's ledger and partner registry, changing nothing).
     */
    private int validateLifeCycle(EngineSettings settings, LifeCycleReader reader, LifeCycleReader.Kind kind, String sender,
                                  String flowId) throws Exception {
        if (config.root == null) {
            throw new ParameterException(spec.commandLine(), file + " is a life-cycle document (" + kind + "): its lines are decided"
                    + " against the ledger of a root, give --root");
        }
        Path staging = Files.createTempDirectory("chorus-edi-validate");
        ExecutorService validators = ValidationPipeline.newThreadPool();
        ExecutorService rulesThreads = RulesControl.newThreadPool();
        try (CamelContext camel = new DefaultCamelContext(); Database database = config.openDatabase()) {
            camel.start();
            LifeCycleReader.Read read = reader.read(file, file.getFileName().toString(), kind, camel);
            Partners registry = new Partners(database.dataSource());
            DirectoryStore directory = new DirectoryStore(database.dataSource());
            Markets markets = new Markets(database.dataSource());
            LifeCycleDecisions decisions = new LifeCycleDecisions(new LedgerQueries(database.dataSource()), directory,
                    new RoutingControls(markets), (partner, siret) -> registry.connected(partner, siret, Direction.RECEPTION),
                    settings.folders(), Engine.evaluator(settings, validators, rulesThreads, markets));
            decisions.prepare(read, sender, staging);
            LifeCycleOutcome outcome = decisions.decide(flowId, sender, file.getFileName().toString(), Files.size(file), null, read,
                    staging);
            PrintStream out = System.out;
            new CppStatutWriter(settings.enginePartnerCode()).write(FlowReport.ofLifeCycleFlow(outcome), out);
            out.flush();
            return FlowStatus.ACCEPTED.code().equals(outcome.status()) ? 0 : 1;
        } finally {
            validators.shutdownNow();
            rulesThreads.shutdownNow();
            delete(staging);
        }
    }

    /** The staging folder, which goes away with the command. */
    private static void delete(Path staging) throws java.io.IOException {
        try (var staged = Files.walk(staging)) {
            for (Path p : staged.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String defaultPartner(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        return Folders.PARTNER_CODE.matcher(folder).matches() ? folder : "VALIDATE";
    }
}
