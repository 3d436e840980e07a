package org.chorusedi.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.config.EngineSettings;
import org.chorusedi.config.Folders;
import org.chorusedi.directory.Database;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.engine.Engine;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.ledger.DuplicateChecks;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.validation.ValidationPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check one flow offline, exactly as the engine would, and print its flow report (CPPStatut).",
            "Exit status: 0 every invoice would be delivered, 1 something would be rejected, 2 usage error."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--partner", description = "The sending partner's code (default: the file's folder name if it is one, else VALIDATE).")
    String partner;

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
        FlowOutcome outcome;
        // The invoices are staged as the engine would, in a folder that goes away with the command.
        Path staging = Files.createTempDirectory("chorus-edi-validate");
        ExecutorService validators = ValidationPipeline.newThreadPool();
        try {
            if (config.root == null) {
                // No registry either: the emission check cannot run, as the recipient cannot be found (I03).
                outcome = Engine.evaluator(settings, validators).evaluate(file, sender, flowId, DirectoryLookup.EMPTY,
                        PartnerLookup.OPEN, staging);
            } else {
                try (Database database = config.openDatabase()) {
                    outcome = Engine.evaluator(settings, validators).evaluate(file, sender, flowId,
                            new DirectoryStore(database.dataSource()), Engine.emissionRegistry(settings, database.dataSource()),
                            staging);
                    // The ledger of that root too: F09 and I17 as the engine would find them now.
                    outcome = new DuplicateChecks(new Ledger(database.dataSource())).apply(outcome);
                }
            }
        } finally {
            validators.shutdownNow();
            try (var staged = Files.walk(staging)) {
                for (Path p : staged.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        PrintStream out = System.out;
        new CppStatutWriter(settings.enginePartnerCode()).writeFlowReport(outcome, out);
        out.flush();
        return "92".equals(outcome.status()) ? 0 : 1;
    }

    private static String defaultPartner(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        return Folders.PARTNER_CODE.matcher(folder).matches() ? folder : "VALIDATE";
    }
}
