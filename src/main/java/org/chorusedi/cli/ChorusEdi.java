package org.chorusedi.cli;

import java.util.List;
import org.chorusedi.config.InvalidSetting;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar target/chorus-edi.jar <command>}. */
@Command(name = "chorus-edi", mixinStandardHelpOptions = true, version = "chorus-edi 0.1.0",
        description = "EDI flow-processing engine for French public-sector e-invoicing (Chorus Pro EDI channel).")
public final class ChorusEdi {

    /** The commands, in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(RunCommand.class, ValidateCommand.class, GenerateCommand.class,
            LedgerCommands.Flows.class, LedgerCommands.Invoice.class, LedgerCommands.Statuses.class, DirectoryCommand.class,
            PartnersCommand.class, MarketsCommand.class, TechnicalUserCommand.class, Far37Command.class, HashPasswordCommand.class,
            DumeCommand.class);

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command and returns its exit status (2 on a usage error or a bad configuration value). */
    public static int execute(String... args) {
        return commandLine(args.length == 0 ? null : args[0])
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof InvalidSetting) {
                        command.getErr().println("chorus-edi: not started, the configuration is wrong: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }

    /**
     * The command line with every command, or with the one named alone: picocli reads a command's options, and their
     * subcommands', as it is added, and a short command would spend a fifth of its start-up reading the others'.
     *
     * @param named a command's name; null, or no command's: every command (the help lists them)
     */
    public static CommandLine commandLine(String named) {
        CommandLine line = new CommandLine(new ChorusEdi());
        List<Class<?>> one = COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(named)).toList();
        (one.isEmpty() ? COMMANDS : one).forEach(line::addSubcommand);
        return line;
    }
}
