package org.chorusedi.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.chorusedi.config.Folders;
import org.chorusedi.database.Database;
import org.chorusedi.partner.Partner;
import org.chorusedi.partner.PartnerConnection;
import org.chorusedi.partner.Partners;
import org.chorusedi.text.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "partners", mixinStandardHelpOptions = true,
        description = {"List the partner registry: each partner, active or not, with the structures it is connected for.",
            "Exit status: 0, or 1 when the partner asked for is not in the registry."})
final class PartnersCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Parameters(paramLabel = "CODE", arity = "0..1", description = "Only this partner.")
    String code;

    @Override
    public Integer call() throws IOException {
        Folders folders = config.settings().folders();
        try (Database database = config.openDatabase()) {
            Partners partners = new Partners(database.dataSource());
            List<Partner> listed = code == null ? partners.partners() : partners.partner(code).stream().toList();
            PrintStream out = System.out;
            if (code != null && listed.isEmpty()) {
                out.println("no partner " + Printable.of(code) + " in the registry");
                return 1;
            }
            out.printf("%-8s %-8s %s%n", "PARTNER", "ACTIVE", "NAME");
            for (Partner partner : listed) {
                out.printf("%-8s %-8s %s%n", partner.code(), partner.active() ? "yes" : "no", Printable.of(partner.name()));
                List<PartnerConnection> connections = partners.connections(partner.code());
                if (connections.isEmpty()) {
                    out.println("  (connected for no structure)");
                }
                connections.forEach(c -> out.printf("  %-9s %s%n", c.direction(), Printable.of(c.identifier())));
            }
            out.println(listed.size() + " partner(s)");
            if (code == null) {
                Set<String> known = listed.stream().map(Partner::code).collect(Collectors.toSet());
                List<String> unknown = dropFolders(folders.in()).stream().filter(f -> !known.contains(f)).toList();
                if (!unknown.isEmpty()) {
                    out.println("drop folders of no partner (their invoices are rejected with I19): " + String.join(", ", unknown));
                }
            }
            return 0;
        }
    }

    /** The partner drop folders under in/, by name. */
    private static List<String> dropFolders(Path in) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(in)) {
            return names;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(in)) {
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && Folders.PARTNER_CODE.matcher(name).matches()) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }
}
