package org.chorusedi.cli;

import picocli.CommandLine.Command;

/** The FAR37 commands; without a subcommand, a usage error. */
@Command(name = "far37", mixinStandardHelpOptions = true,
        description = "FAR37 directory extracts for the subscribers (see docs/operators/far37.md).",
        subcommands = Far37PublishCommand.class)
final class Far37Command {
}
