package org.chorusedi.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.chorusedi.config.Folders;
import org.chorusedi.database.Database;
import org.chorusedi.engine.Engine;
import org.chorusedi.engine.EngineSettings;
import org.chorusedi.flow.DepositMode;
import org.chorusedi.flowcheck.CheckSocketClient;
import org.chorusedi.flowcheck.FlowCheck;
import org.chorusedi.rules.RulesControl;
import org.chorusedi.validation.ValidationPipeline;
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

    @Option(names = "--standalone", description = "Check in this process, even when an engine runs on --root.")
    boolean standalone;

    @Option(names = "--engine", description = "Have the engine running on --root check it, or fail (exit 2) when none answers.")
    boolean engine;

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
        FlowCheck.Result result = null;
        if (standalone && engine) {
            throw new ParameterException(spec.commandLine(), "--standalone and --engine: one or the other");
        }
        if (engine && (config.root == null || !config.overrides.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--engine needs --root, and no -D: the engine checks with its own settings");
        }
        // The engine running on that root checks as it decides, with its own settings: only when none is overridden here.
        if (config.root != null && config.overrides.isEmpty() && !standalone) {
            CheckSocketClient.Answer answer = CheckSocketClient.ask(settings.folders().validateSocket(), file, sender, mode);
            if (answer.result() == null && engine) {
                System.err.println("chorus-edi: " + answer.reason());
                return 2;
            }
            result = answer.result();
        }
        try {
            if (result == null) {
                result = check(settings, sender);
            }
        } catch (FlowCheck.NeedsRoot e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintStream out = System.out;
        out.write(result.report());
        out.flush();
        System.err.print(result.notes());
        return result.status();
    }

    private FlowCheck.Result check(EngineSettings settings, String sender) throws Exception {
        ExecutorService validators = ValidationPipeline.newThreadPool();
        ExecutorService rulesThreads = RulesControl.newThreadPool();
        try {
            if (config.root == null) {
                return Engine.flowCheck(settings, validators, rulesThreads, null).check(file, sender, mode);
            }
            try (Database database = config.openDatabase()) {
                return Engine.flowCheck(settings, validators, rulesThreads, database.dataSource()).check(file, sender, mode);
            }
        } finally {
            validators.shutdownNow();
            rulesThreads.shutdownNow();
        }
    }

    private static String defaultPartner(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        return Folders.PARTNER_CODE.matcher(folder).matches() ? folder : "VALIDATE";
    }
}
