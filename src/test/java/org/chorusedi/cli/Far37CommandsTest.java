package org.chorusedi.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.chorusedi.api.ApiSettings;
import org.chorusedi.api.TechnicalUsers;
import org.chorusedi.testkit.TestDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chorusedi.config.Configuration;
import org.chorusedi.engine.Engine;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.support.EngineCommand.Result;
import org.chorusedi.engine.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code far37 publish} and the {@code directory} commands, on a root with the test directory. */
class Far37CommandsTest {

    @TempDir
    Path root;

    private String database;

    static Result run(String... args) {
        return EngineCommand.inProcess(args);
    }

    /** The command on the test's root and database. */
    private Result onRoot(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--root", root.toString(), "-Dchorus.db.url=" + database,
                "-Dchorus.db.user=" + TestDatabase.user()));
        return run(command.toArray(String[]::new));
    }

    @BeforeEach
    void directory() throws Exception {
        database = TestDatabase.url(root.resolve("db"));
        try (Engine engine = Engine.open(EngineSettings.read(Configuration.of(Map.of("chorus.root", root.toString(),
                "chorus.db.url", database, "chorus.db.user", TestDatabase.user()))))) {
            TestDirectory.copyInto(engine.folders().directory());
            engine.directoryDrop().importPending();
        }
    }

    @Test
    void publishWritesAnExtractForAConfiguredSubscriber() throws Exception {
        Result first = onRoot("far37", "publish", "--subscriber", "AAA001",
                "-Dchorus.far37.subscribers=AAA001");
        Result second = onRoot("far37", "publish", "--subscriber", "AAA001",
                "-Dchorus.far37.subscribers=AAA001");
        Result full = onRoot("far37", "publish", "--subscriber", "AAA001", "--full",
                "-Dchorus.far37.subscribers=AAA001");

        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().startsWith("FAR37 FULL extract 1 for AAA001: "), first.out());
        assertTrue(second.out().startsWith("FAR37 DELTA extract 2 for AAA001: "), second.out());
        assertTrue(second.out().endsWith("(0 structures)\n"), second.out());
        assertTrue(full.out().startsWith("FAR37 FULL extract 3 for AAA001: "), full.out());
        try (Stream<Path> files = Files.list(root.resolve("far37/AAA001"))) {
            assertEquals(6, files.count(), "three extracts, three checksums");
        }
    }

    @Test
    void publishRefusesASubscriberNotConfiguredAndReportsAFailure() throws Exception {
        Result unknown = onRoot("far37", "publish", "--subscriber", "ZZZ999",
                "-Dchorus.far37.subscribers=AAA001");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("no FAR37 subscriber ZZZ999 is configured"), unknown.err());

        Files.writeString(root.resolve("not-a-folder"), "");
        Result failed = onRoot("far37", "publish", "--subscriber", "AAA001",
                "-Dchorus.far37.subscribers=AAA001", "-Dchorus.far37.subscriber.AAA001.folder=not-a-folder");
        assertEquals(1, failed.status());
        assertTrue(failed.err().contains("NOT published"), failed.err());

        assertEquals(2, run("far37").status(), "a subcommand is required");
    }

    @Test
    void changeSiretReplacesTheStructureSaysWhatStaysBehindAndWhenItCannot() throws Exception {
        // The hospital's own partner, connected in reception, with a technical user: both stay with the old SIRET.
        try (Engine engine = Engine.open(EngineSettings.read(Configuration.of(Map.of("chorus.root", root.toString(),
                "chorus.db.url", database, "chorus.db.user", TestDatabase.user()))))) {
            Path registry = engine.folders().directory().resolve("partenaires-hopital.csv");
            try (InputStream test = TestDirectory.class.getResourceAsStream("partenaires.csv")) {
                Files.writeString(registry, new String(test.readAllBytes(), StandardCharsets.UTF_8)
                        + "HOP001,Hôpital (son système),true,RECEPTION,26750045200011\n");
            }
            engine.directoryDrop().importPending();
            new TechnicalUsers(engine.dataSource(), ApiSettings.read(Configuration.of(Map.of())), Clock.systemUTC())
                    .create("HOP001", "hopital-erp");
        }
        Result changed = onRoot("directory", "change-siret", "26750045200011", "26750045200029");
        Result again = onRoot("directory", "change-siret", "26750045200011", "26750045200029");
        Result refused = onRoot("directory", "change-siret", "19750001000016", "19750001000024");

        assertEquals(0, changed.status(), changed.err());
        assertEquals(List.of(
                "26750045200029 replaces 26750045200011: 26750045200011 is now inactive, 26750045200029 is its copy with its services",
                "carried over to 26750045200029: its data (name, flags, address) and 1 service(s): URGENCES",
                "not carried over, staying with 26750045200011:",
                "  connections (raccordement): HOP001 (RECEPTION); declare those of 26750045200029 in the partners file",
                "  technical users of the partners connected: hopital-erp (HOP001)",
                "  billing mandate, PACAGE number: the engine keeps neither; give them again in Chorus Pro if 26750045200029 needs them"),
                changed.out().lines().toList());
        assertEquals(0, again.status());
        assertTrue(again.out().contains("already replaces"), again.out());
        assertEquals(1, refused.status());
        assertEquals(List.of("SIRET change refused: 19750001000016 is inactive: only an active structure changes its SIRET"),
                refused.err().lines().filter(line -> line.startsWith("SIRET")).toList());
    }

    @Test
    void deactivateAndActivateSayWhatTheyDidOrWhyNot() throws Exception {
        String hospital = "26750045200011";
        Path sirene = root.resolve("StockEtablissement.csv");
        Files.writeString(sirene, "siret,etatAdministratifEtablissement\n" + hospital + ",A\n");
        Result noSirene = onRoot("directory", "deactivate", hospital, "--by", "Mme Martin", "--reason", "fusion");
        Result contradicted = onRoot("directory", "deactivate", hospital, "--sirene", "inactive", "--sirene-file", sirene.toString(),
                "--by", "Mme Martin", "--reason", "fermeture");
        Result deactivated = onRoot("directory", "deactivate", hospital, "--sirene", "active", "--sirene-file", sirene.toString(),
                "--by", "Mme Martin", "--reason", "fusion");
        Result again = onRoot("directory", "deactivate", hospital, "--sirene", "active", "--by", "Mme Martin", "--reason", "fusion");
        Result unknown = onRoot("directory", "activate", "11111111111111", "--by", "Mme Martin", "--reason", "x");
        Result activated = onRoot("directory", "activate", hospital, "--by", "Mme Martin", "--reason", "erreur de saisie");

        assertEquals(2, noSirene.status(), "--sirene is required to deactivate: " + noSirene.err());
        assertEquals(1, contradicted.status());
        assertTrue(contradicted.err().contains("deactivation refused: the SIRENE extract " + sirene + " says " + hospital
                + " is active, not inactive"), contradicted.err());
        assertEquals(0, deactivated.status(), deactivated.err());
        assertEquals(hospital + " is inactive; its services are kept as they are for a later activation\n", deactivated.out());
        assertEquals(0, again.status());
        assertTrue(again.out().contains("already inactive"), again.out());
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().contains("activation refused: no structure 11111111111111 in the directory"), unknown.err());
        assertEquals(0, activated.status(), activated.err());
        assertEquals(hospital + " is active again\n", activated.out());
    }
}
