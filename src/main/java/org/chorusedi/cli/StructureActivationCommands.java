package org.chorusedi.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.chorusedi.database.Database;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.directory.SireneExtract;
import org.chorusedi.directory.StructureActivation;
import org.chorusedi.directory.StructureActivation.Sirene;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code directory activate} and {@code directory deactivate}: a structure activated or deactivated at the request of
 * its manager, recorded with who asked and why (docs/operators/directory-and-partners.md).
 */
final class StructureActivationCommands {

    private StructureActivationCommands() {
    }

    /** What both commands take: the SIRET, who asks, why, and what SIRENE says. */
    abstract static class Request implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Parameters(index = "0", paramLabel = "SIRET", description = "The structure's identifier.")
        String identifier;

        @Option(names = "--by", required = true, description = "Who asks: the structure's principal or secondary manager.")
        String requestedBy;

        @Option(names = "--reason", required = true, description = "Why, in a few words (kept with the request).")
        String reason;

        @Option(names = "--sirene-file", paramLabel = "FILE",
                description = "An extract of SIRENE's establishments (INSEE's StockEtablissement CSV) to check --sirene against.")
        Path sireneFile;

        abstract boolean activate();

        abstract Sirene sirene();

        @Override
        public Integer call() {
            if (requestedBy.isBlank() || reason.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--by and --reason must say something");
            }
            if (sireneFile != null) {
                String refusal = checkedAgainst(sireneFile);
                if (refusal != null) {
                    System.err.println((activate() ? "activation" : "deactivation") + " refused: " + refusal);
                    return 1;
                }
            }
            StructureActivation.Outcome outcome;
            try (Database database = config.openDatabase()) {
                outcome = new DirectoryStore(database.dataSource()).activation(
                        new StructureActivation.Request(identifier, activate(), sirene(), requestedBy, reason));
            }
            if (!outcome.done()) {
                System.err.println((activate() ? "activation" : "deactivation") + " refused: " + outcome.message(identifier));
                return 1;
            }
            System.out.println(outcome.message(identifier));
            return 0;
        }

        /** Why the extract contradicts what the operator states, or null when it agrees. */
        private String checkedAgainst(Path extract) {
            Optional<Sirene> listed;
            try {
                listed = SireneExtract.status(extract, identifier);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--sirene-file: " + e.getMessage());
            }
            if (listed.isEmpty()) {
                return "the SIRENE extract " + extract + " does not list " + identifier;
            }
            Sirene stated = sirene() == null ? Sirene.ACTIVE : sirene();
            if (listed.get() != stated) {
                return "the SIRENE extract " + extract + " says " + identifier + " is " + listed.get().name().toLowerCase(java.util.Locale.ROOT)
                        + ", not " + stated.name().toLowerCase(java.util.Locale.ROOT);
            }
            return null;
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = {"Activate a structure again at its manager's request, recorded with who asked and why; the next",
                "DELTA carries it. One deactivated as closed in SIRENE needs --sirene active.",
                "Exit status: 0 done (now or before), 1 refused (the reason is printed), 2 usage error."})
    static final class Activate extends Request {

        @Option(names = "--sirene", paramLabel = "active", description = "SIRENE says the SIRET is active (needed after a"
                + " deactivation as closed).")
        String sirene;

        @Override
        boolean activate() {
            return true;
        }

        @Override
        Sirene sirene() {
            return sirene == null ? null : parse(spec, sirene);
        }
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true,
            description = {"Deactivate a structure at its manager's request, recorded with who asked and why; the next DELTA",
                "carries it. --sirene inactive (closed in SIRENE): the structure and its services; --sirene active: the",
                "structure alone. Invoices to it are then rejected I04; those delivered before stay, and get their statuses.",
                "Exit status: 0 done (now or before), 1 refused (the reason is printed), 2 usage error."})
    static final class Deactivate extends Request {

        @Option(names = "--sirene", required = true, paramLabel = "active|inactive",
                description = "What the SIRENE register says of the SIRET: active, or inactive (closed).")
        String sirene;

        @Override
        boolean activate() {
            return false;
        }

        @Override
        Sirene sirene() {
            return parse(spec, sirene);
        }
    }

    private static Sirene parse(CommandSpec spec, String value) {
        return switch (value) {
            case "active" -> Sirene.ACTIVE;
            case "inactive" -> Sirene.INACTIVE;
            default -> throw new ParameterException(spec.commandLine(), "--sirene: active or inactive, not " + value);
        };
    }
}
