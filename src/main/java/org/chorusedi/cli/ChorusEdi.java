package org.chorusedi.cli;

import org.chorusedi.config.InvalidSetting;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar target/chorus-edi.jar <command>}. */
@Command(name = "chorus-edi", mixinStandardHelpOptions = true, version = "chorus-edi 0.1.0",
        description = "EDI flow-processing engine for French public-sector e-invoicing (Chorus Pro EDI channel).",
        subcommands = {RunCommand.class, ValidateCommand.class, GenerateCommand.class, LedgerCommands.Flows.class, LedgerCommands.Invoice.class,
            LedgerCommands.Statuses.class, DirectoryCommand.class, PartnersCommand.class, MarketsCommand.class, TechnicalUserCommand.class,
            Far37Command.class, HashPasswordCommand.class, DumeCommand.class})
public final class ChorusEdi {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command and returns its exit status (2 on a usage error or a bad configuration value). */
    public static int execute(String... args) {
        return new CommandLine(new ChorusEdi())
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof InvalidSetting) {
                        command.getErr().println("chorus-edi: not started, the configuration is wrong: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }
}
