package org.chorusedi.cli;

import java.util.concurrent.Callable;
import org.chorusedi.database.Database;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.directory.SiretChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "change-siret", mixinStandardHelpOptions = true,
        description = {"Replace a structure's SIRET, as Chorus Pro does: the structure becomes inactive, and a copy of",
            "its data and services under the new SIRET, recording the old one, replaces it. The next DELTA carries both.",
            "Exit status: 0 done (now or before), 1 refused (the reason is printed), 2 usage error."})
final class ChangeSiretCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OLD", description = "The structure's present SIRET.")
    String oldSiret;

    @Parameters(index = "1", paramLabel = "NEW", description = "Its new SIRET (14 digits).")
    String newSiret;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        SiretChange.Outcome outcome;
        try (Database database = config.openDatabase()) {
            outcome = new DirectoryStore(database.dataSource()).changeSiret(oldSiret, newSiret);
        }
        String message = outcome.message(oldSiret, newSiret);
        if (!outcome.done()) {
            System.err.println("SIRET change refused: " + message);
            return 1;
        }
        System.out.println(message);
        return 0;
    }
}
