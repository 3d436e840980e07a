package org.chorusedi.cli;

import picocli.CommandLine.Command;

/** The directory commands; without a subcommand, a usage error. */
@Command(name = "directory", mixinStandardHelpOptions = true,
        description = "Operations on the directory of public structures.",
        subcommands = {ChangeSiretCommand.class, StructureActivationCommands.Activate.class,
            StructureActivationCommands.Deactivate.class})
final class DirectoryCommand {
}
