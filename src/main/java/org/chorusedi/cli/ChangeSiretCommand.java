package org.chorusedi.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.chorusedi.api.ApiSettings;
import org.chorusedi.api.TechnicalUsers;
import org.chorusedi.database.Database;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.directory.SiretChange;
import org.chorusedi.partner.Direction;
import org.chorusedi.partner.Partners;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "change-siret", mixinStandardHelpOptions = true,
        description = {"Replace a structure's SIRET, as Chorus Pro does: the structure becomes inactive, and a copy of",
            "its data and services under the new SIRET, recording the old one, replaces it. The next DELTA carries both.",
            "Prints what was carried over and what was not: the connections, the technical users of the partners",
            "connected, the billing mandate and the PACAGE number stay with the old structure.",
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
        try (Database database = config.openDatabase()) {
            DirectoryStore directory = new DirectoryStore(database.dataSource());
            SiretChange.Outcome outcome = directory.changeSiret(oldSiret, newSiret);
            String message = outcome.message(oldSiret, newSiret);
            if (!outcome.done()) {
                System.err.println("SIRET change refused: " + message);
                return 1;
            }
            System.out.println(message);
            report(database, directory).forEach(System.out::println);
            return 0;
        }
    }

    /** What the copy carries, and what stays with the old structure (the seed's list), one line each. */
    private List<String> report(Database database, DirectoryStore directory) {
        List<String> lines = new ArrayList<>();
        List<String> services = directory.serviceCodes(newSiret);
        lines.add("carried over to " + newSiret + ": its data (name, flags, address) and " + services.size() + " service(s)"
                + (services.isEmpty() ? "" : ": " + String.join(", ", services)));
        lines.add("not carried over, staying with " + oldSiret + ":");
        Partners partners = new Partners(database.dataSource());
        TreeSet<String> connected = new TreeSet<>();
        List<String> connections = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            for (String partner : partners.connectedFor(oldSiret, direction)) {
                connected.add(partner);
                connections.add(partner + " (" + direction + ")");
            }
        }
        lines.add("  connections (raccordement): " + (connections.isEmpty() ? "none" : String.join(", ", connections))
                + (connections.isEmpty() ? "" : "; declare those of " + newSiret + " in the partners file"));
        TechnicalUsers users = new TechnicalUsers(database.dataSource(), ApiSettings.read(config.configuration()), Clock.systemUTC());
        List<String> logins = new ArrayList<>();
        for (String partner : connected) {
            users.list(partner).stream().filter(TechnicalUsers.TechnicalUser::active)
                    .forEach(user -> logins.add(user.login() + " (" + partner + ")"));
        }
        lines.add("  technical users of the partners connected: " + (logins.isEmpty() ? "none" : String.join(", ", logins)));
        lines.add("  billing mandate, PACAGE number: the engine keeps neither; give them again in Chorus Pro if "
                + newSiret + " needs them");
        return lines;
    }
}
