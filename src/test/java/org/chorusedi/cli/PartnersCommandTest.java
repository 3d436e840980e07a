package org.chorusedi.cli;

import org.chorusedi.testkit.TestDirectory;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import org.chorusedi.api.ApiSettings;
import org.chorusedi.api.TechnicalUsers;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.support.EngineCommand.Result;
import org.chorusedi.config.Configuration;
import org.chorusedi.database.Database;
import org.chorusedi.engine.Engine;
import org.chorusedi.partner.Direction;
import org.chorusedi.partner.Partners;
import org.chorusedi.testkit.TestDatabase;
import org.chorusedi.engine.EngineSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code partners}, and what {@code directory change-siret} does to connections, on a root with a registry imported. */
class PartnersCommandTest {

    private static final String HOSPITAL = "26750045200011";
    private static final String HOSPITAL_NEW_SIRET = "26750045200029";

    @TempDir
    Path root;

    private String database;

    @BeforeEach
    void registry() throws Exception {
        database = TestDatabase.url(root.resolve("db"));
        importRegistry("code_partenaire,nom,actif,sens,identifiant\n"
                + "AAA001,Opérateur A,true,EMISSION,73282932000074\n"
                + "AAA001,Opérateur A,true,EMISSION,FR32732829320\n"
                + "BBB002,Plateforme des acheteurs,true,RECEPTION," + HOSPITAL + "\n"
                + "OLD001,Ancien opérateur,false,,\n");
        Files.createDirectories(root.resolve("in/AAA001"));
        Files.createDirectories(root.resolve("in/NEW001"));
    }

    /** The test directory and this partners file, imported by the engine of the root. */
    private void importRegistry(String partnersFile) throws Exception {
        try (Engine engine = Engine.open(EngineSettings.read(Configuration.of(Map.of("chorus.root", root.toString(),
                "chorus.db.url", database, "chorus.db.user", TestDatabase.user()))))) {
            if (Files.notExists(engine.folders().directory().resolve("imported"))) {
                TestDirectory.copyInto(engine.folders().directory());
            }
            Files.writeString(engine.folders().directory().resolve("partenaires.csv"), partnersFile, StandardCharsets.UTF_8);
            engine.directoryDrop().importPending();
        }
    }

    private Result onRoot(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--root", root.toString(), "-Dchorus.db.url=" + database, "-Dchorus.db.user=" + TestDatabase.user()));
        return EngineCommand.inProcess(command.toArray(String[]::new));
    }

    @Test
    void listsEveryPartnerWithItsFlagAndConnectionsAndTheDropFoldersOfNoPartner() {
        Result result = onRoot("partners");

        assertEquals(0, result.status(), result.err());
        assertEquals("""
                PARTNER  ACTIVE   NAME
                AAA001   yes      Opérateur A
                  EMISSION  73282932000074
                  EMISSION  FR32732829320
                BBB002   yes      Plateforme des acheteurs
                  RECEPTION 26750045200011
                OLD001   no       Ancien opérateur
                  (connected for no structure)
                3 partner(s)
                drop folders of no partner (their invoices are rejected with I19): NEW001
                """, result.out());
    }

    @Test
    void onePartnerByItsCodeOrExitOneWhenItIsNotInTheRegistry() {
        Result one = onRoot("partners", "BBB002");
        Result none = onRoot("partners", "ZZZ999");

        assertEquals(0, one.status(), one.err());
        assertEquals("""
                PARTNER  ACTIVE   NAME
                BBB002   yes      Plateforme des acheteurs
                  RECEPTION 26750045200011
                1 partner(s)
                """, one.out());
        assertEquals(1, none.status());
        assertEquals("no partner ZZZ999 in the registry\n", none.out());
    }

    @Test
    void aSiretChangeLeavesTheConnectionsOfTheOldStructureAndTheNewOneHasNoneUntilDeclared() throws Exception {
        Result changed = onRoot("directory", "change-siret", HOSPITAL, HOSPITAL_NEW_SIRET);
        assertEquals(0, changed.status(), changed.err());

        try (Database db = Database.open(database, TestDatabase.user(), "")) {
            Partners partners = new Partners(db.dataSource());
            assertTrue(partners.connected("BBB002", HOSPITAL, Direction.RECEPTION), "the old structure's stay where they are");
            assertFalse(partners.connected("BBB002", HOSPITAL_NEW_SIRET, Direction.RECEPTION));
            assertEquals(List.of(), partners.connectedFor(HOSPITAL_NEW_SIRET, Direction.RECEPTION));
        }
        assertTrue(onRoot("partners", "BBB002").out().contains("  RECEPTION 26750045200011\n1 partner(s)"));

        importRegistry("code_partenaire,nom,sens,identifiant\n"
                + "BBB002,Plateforme des acheteurs,RECEPTION," + HOSPITAL + "\n"
                + "BBB002,Plateforme des acheteurs,RECEPTION," + HOSPITAL_NEW_SIRET + "\n");
        try (Database db = Database.open(database, TestDatabase.user(), "")) {
            assertEquals(List.of("BBB002"), new Partners(db.dataSource()).connectedFor(HOSPITAL_NEW_SIRET, Direction.RECEPTION),
                    "declared, the new structure is connected");
        }
    }

    // ================================================================ partner technical-user (docs/partners/api.md)

    @Test
    void aTechnicalUserIsCreatedWithItsPasswordShownOnceThenResetAndDisabled() throws Exception {
        Path export = root.resolve("aaa-api.properties");
        Result created = onRoot("partner", "technical-user", "create", "AAA001", "aaa-system", "--export", export.toString());
        assertEquals(0, created.status(), created.err());
        String password = line(created.out(), "password:");
        assertEquals(24, password.length(), created.out());
        assertTrue(created.out().contains("API:              http://127.0.0.1:8080/api/v1"), created.out());
        String exported = Files.readString(export);
        assertTrue(exported.contains("login=aaa-system\npassword=" + password + "\npartner=AAA001\n"), exported);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(export)));

        Result again = onRoot("partner", "technical-user", "create", "AAA001", "aaa-system");
        Result unknown = onRoot("partner", "technical-user", "create", "ZZZ999", "zzz-system");
        Result sameFile = onRoot("partner", "technical-user", "reset", "aaa-system", "--export", export.toString());
        assertAll(
                () -> assertEquals(1, again.status(), again.err()),
                () -> assertTrue(again.err().contains("the login aaa-system is taken"), again.err()),
                () -> assertEquals(1, unknown.status(), unknown.err()),
                () -> assertTrue(unknown.err().contains("no partner ZZZ999 in the registry"), unknown.err()),
                () -> assertTrue(sameFile.status() != 0, "an export never replaces a file"));

        Result reset = onRoot("partner", "technical-user", "reset", "aaa-system");
        assertEquals(0, reset.status(), reset.err());
        assertFalse(line(reset.out(), "password:").equals(password), "a new password");
        try (Database db = Database.open(database, TestDatabase.user(), "")) {
            TechnicalUsers users = new TechnicalUsers(db.dataSource(), ApiSettings.read(Configuration.of(Map.of())), Clock.systemUTC());
            assertFalse(users.authenticate("aaa-system", password).accepted(), "the old password is refused");
            assertTrue(users.authenticate("aaa-system", line(reset.out(), "password:")).accepted());
        }
        Result disabled = onRoot("partner", "technical-user", "disable", "aaa-system");
        Result listed = onRoot("partner", "technical-user", "list");
        assertAll(
                () -> assertEquals(0, disabled.status(), disabled.err()),
                () -> assertTrue(listed.out().contains("aaa-system") && listed.out().contains(" AAA001   no "), listed.out()),
                () -> assertFalse(listed.out().contains(password), "a password is never shown again"));
    }

    @Test
    void aSiretChangeCarriesNoTechnicalUserOverToTheNewStructure() throws Exception {
        assertEquals(0, onRoot("partner", "technical-user", "create", "BBB002", "bbb-system").status());
        assertEquals(0, onRoot("directory", "change-siret", HOSPITAL, HOSPITAL_NEW_SIRET).status());

        // A technical user is its partner's: the new structure gets the users of no partner until the partners file connects one.
        Result listed = onRoot("partner", "technical-user", "list");
        assertTrue(listed.out().contains("bbb-system") && listed.out().contains("1 technical user(s)"), listed.out());
        try (Database db = Database.open(database, TestDatabase.user(), "")) {
            assertEquals(List.of(), new Partners(db.dataSource()).connectedFor(HOSPITAL_NEW_SIRET, Direction.RECEPTION));
        }
    }

    private static String line(String out, String label) {
        return out.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow().substring(label.length()).strip();
    }
}
