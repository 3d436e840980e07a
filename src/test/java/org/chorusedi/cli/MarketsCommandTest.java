package org.chorusedi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chorusedi.config.Configuration;
import org.chorusedi.engine.Engine;
import org.chorusedi.engine.EngineSettings;
import org.chorusedi.framework.Role;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.support.EngineCommand.Result;
import org.chorusedi.testkit.TestDatabase;
import org.chorusedi.testkit.TestDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code markets}, on a root whose engine imported the test directory and a markets file dropped beside it. */
class MarketsCommandTest {

    @TempDir
    Path root;

    private String database;

    @BeforeEach
    void registry() throws Exception {
        database = TestDatabase.url(root.resolve("db"));
        try (Engine engine = Engine.open(EngineSettings.read(Configuration.of(Map.of("chorus.root", root.toString(),
                "chorus.db.url", database, "chorus.db.user", TestDatabase.user()))))) {
            TestDirectory.copyInto(engine.folders().directory());
            Files.writeString(engine.folders().directory().resolve("Marches-2026.csv"),
                    "numero_marche,libelle,role,identifiant,code_service,valideur,code_service_valideur,cadres,engagements\n"
                            + "2026-TRAV-0042,Groupe scolaire,MOA,21750001600019,SCE-TRAVAUX,,,,EJ-0002 EJ-0001\n"
                            + "2026-TRAV-0042,Groupe scolaire,MOE,41234567000019,,,,,\n"
                            + "2026-TRAV-0042,Groupe scolaire,TITULAIRE,73282932000074,,,,A4 A8,\n"
                            + "2026-TRAV-0042,Groupe scolaire,SOUS_TRAITANT,63456789500012,,73282932000074,SCE-CHANTIER,,\n"
                            + "2026-SERV-0007,,MOA,11000201100044,,,,,\n"
                            + "2026-SERV-0007,,TITULAIRE,73282932000074,,,,,\n"
                            + "2026-SERV-0008,,MOA,33000000000029,,,,,\n"
                            + "2026-SERV-0008,,TITULAIRE,73282932000074,,,,,\n",
                    StandardCharsets.UTF_8);
            engine.directoryDrop().importPending();

            try (Stream<Path> imported = Files.list(engine.folders().directory().resolve("imported"))) {
                assertTrue(imported.anyMatch(f -> f.getFileName().toString().endsWith("_Marches-2026.csv")),
                        "told apart by its name");
            }
            assertEquals("73282932000074", engine.markets().market("2026-TRAV-0042").orElseThrow().the(Role.TITULAIRE)
                    .orElseThrow().identifier(), "the engine's registry, as the controls will read it");
        }
    }

    private Result onRoot(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--root", root.toString(), "-Dchorus.db.url=" + database, "-Dchorus.db.user=" + TestDatabase.user()));
        return EngineCommand.inProcess(command.toArray(String[]::new));
    }

    @Test
    void listsEveryMarketWithItsPartiesAndCommitmentsAndWarnsOfAMoaTheDirectoryDoesNotMarkAsOne() {
        Result result = onRoot("markets");

        assertEquals(0, result.status(), result.err());
        assertEquals("""
                MARKET               NAME
                2026-SERV-0007       (no name)
                  warning: the directory does not mark 11000201100044 as a maître d'ouvrage (moa false)
                  MOA            11000201100044  frameworks A19 A20 A25
                  TITULAIRE      73282932000074  frameworks A4 A5 A6 A7 A8 A22 A23
                  engagements    (none: any)
                2026-SERV-0008       (no name)
                  warning: the directory does not know the MOA 33000000000029
                  MOA            33000000000029  frameworks A19 A20 A25
                  TITULAIRE      73282932000074  frameworks A4 A5 A6 A7 A8 A22 A23
                  engagements    (none: any)
                2026-TRAV-0042       Groupe scolaire
                  MOA            21750001600019  service SCE-TRAVAUX  frameworks A19 A20 A25
                  MOE            41234567000019  frameworks A15 A16 A17 A18 A24
                  TITULAIRE      73282932000074  frameworks A4 A8
                  SOUS_TRAITANT  63456789500012  validator 73282932000074 / SCE-CHANTIER  frameworks A9 A10 A11
                  engagements    EJ-0001 EJ-0002
                3 market(s)
                """, result.out());
    }

    @Test
    void oneMarketByItsNumberOrExitOneWhenItIsNotInTheRegistry() {
        Result one = onRoot("markets", "2026-SERV-0007");
        Result none = onRoot("markets", "2026-NONE");

        assertEquals(0, one.status(), one.err());
        assertTrue(one.out().startsWith("MARKET               NAME\n2026-SERV-0007       (no name)\n"), one.out());
        assertTrue(one.out().endsWith("  engagements    (none: any)\n1 market(s)\n"), one.out());
        assertEquals(1, none.status());
        assertEquals("no market 2026-NONE in the registry\n", none.out());
    }
}
