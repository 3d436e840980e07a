package org.chorusedi.cli;

import picocli.CommandLine.Command;

/** The DUME commands; without a subcommand, a usage error. */
@Command(name = "dume", mixinStandardHelpOptions = true,
        description = "DUMEs (European Single Procurement Documents, ESPD) as readable pages (see docs/operators/dume.md).",
        subcommands = DumeShowCommand.class)
final class DumeCommand {
}
