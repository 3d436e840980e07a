package org.chorusedi.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.chorusedi.database.Database;
import org.chorusedi.directory.StructureActivation.Outcome;
import org.chorusedi.directory.StructureActivation.Request;
import org.chorusedi.directory.StructureActivation.Sirene;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two SIRENE cases of a deactivation, an activation after each, the refusals, and what is recorded. */
class StructureActivationTest {

    private static final Instant T1 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-02T08:00:00Z");
    private static final String HOSPITAL = "26750045200011";

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabase.url(dir.resolve("db")), TestDatabase.user(), "");
        storeAt(T1).upsert(List.of(new StructureRow(HOSPITAL, IdentifierType.SIRET, "Hôpital", true, true, false, false, true,
                        false, false, new Address("1 rue X", null, "75001", "Paris", "FR"), null, null)),
                List.of(new ServiceRow(HOSPITAL, "URGENCES", "Urgences", true, true, LocalDate.of(2020, 1, 1), null, null)));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private DirectoryStore storeAt(Instant now) {
        return new DirectoryStore(database.dataSource(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Request deactivation(Sirene sirene) {
        return new Request(HOSPITAL, false, sirene, "Mme Martin", "fusion");
    }

    private static Request activation(Sirene sirene) {
        return new Request(HOSPITAL, true, sirene, "Mme Martin", "reprise");
    }

    @Test
    void stillActiveInSireneTheStructureAloneIsDeactivatedAndComesBackAsItWas() {
        assertEquals(Outcome.DEACTIVATED, storeAt(T2).activation(deactivation(Sirene.ACTIVE)));
        Structure hospital = storeAt(T2).structure(HOSPITAL).orElseThrow();
        assertFalse(hospital.active());
        assertTrue(storeAt(T2).service(HOSPITAL, "URGENCES").orElseThrow().active(), "its services kept as they are");
        assertEquals(Optional.of(new StructureActivation.LastRequest(T2.atOffset(ZoneOffset.UTC), "DEACTIVATE", Sirene.ACTIVE,
                "Mme Martin", "fusion")), storeAt(T2).lastRequest(HOSPITAL));

        assertEquals(Outcome.ALREADY_INACTIVE, storeAt(T2).activation(deactivation(Sirene.ACTIVE)));
        assertEquals(Outcome.ACTIVATED, storeAt(T2).activation(activation(null)), "no SIRENE status needed");
        assertTrue(storeAt(T2).structure(HOSPITAL).orElseThrow().active());
        assertEquals(Outcome.ALREADY_ACTIVE, storeAt(T2).activation(activation(null)));
        assertEquals("ACTIVATE", storeAt(T2).lastRequest(HOSPITAL).orElseThrow().action());
    }

    @Test
    void closedInSireneTheStructureAndItsServicesAreDeactivatedUntilSireneSaysActiveAgain() {
        assertEquals(Outcome.DEACTIVATED_CLOSED, storeAt(T2).activation(deactivation(Sirene.INACTIVE)));
        assertFalse(storeAt(T2).structure(HOSPITAL).orElseThrow().active());
        assertFalse(storeAt(T2).service(HOSPITAL, "URGENCES").orElseThrow().active(), "its services too");

        assertEquals(Outcome.CLOSED_IN_SIRENE, storeAt(T2).activation(activation(null)));
        assertEquals(Outcome.ACTIVATING_CLOSED, storeAt(T2).activation(activation(Sirene.INACTIVE)));
        assertFalse(storeAt(T2).structure(HOSPITAL).orElseThrow().active(), "refusals change nothing");
        assertEquals("DEACTIVATE", storeAt(T2).lastRequest(HOSPITAL).orElseThrow().action(), "nor are they recorded");
        assertEquals(Outcome.ACTIVATED, storeAt(T2).activation(activation(Sirene.ACTIVE)));
        assertTrue(storeAt(T2).structure(HOSPITAL).orElseThrow().active());
    }

    @Test
    void aDeactivationSaysWhatSireneSaysAndAnUnknownStructureIsRefused() {
        assertEquals(Outcome.SIRENE_REQUIRED, storeAt(T2).activation(deactivation(null)));
        assertEquals(Outcome.UNKNOWN_STRUCTURE, storeAt(T2).activation(new Request("11111111111111", false, Sirene.ACTIVE, "x", "y")));
        assertTrue(storeAt(T2).structure(HOSPITAL).orElseThrow().active());
        assertEquals(Optional.empty(), storeAt(T2).lastRequest(HOSPITAL));
    }

    @Test
    void aSireneExtractSaysWhatItListsAndRefusesWhatIsNotOne() throws Exception {
        Path extract = dir.resolve("StockEtablissement_extrait.csv");
        Files.writeString(extract, "siren,nic,siret,etatAdministratifEtablissement,denominationUsuelleEtablissement\n"
                + "267500452,00011,26750045200011,A,Hôpital\n"
                + "197500010,00016,19750001000016,F,\"École, fermée\"\n");
        assertEquals(Optional.of(Sirene.ACTIVE), SireneExtract.status(extract, HOSPITAL));
        assertEquals(Optional.of(Sirene.INACTIVE), SireneExtract.status(extract, "19750001000016"));
        assertEquals(Optional.empty(), SireneExtract.status(extract, "11000201100044"));

        Path other = dir.resolve("annuaire.csv");
        Files.writeString(other, "identifiant,raison_sociale\n" + HOSPITAL + ",Hôpital\n");
        IllegalArgumentException notAnExtract = assertThrows(IllegalArgumentException.class, () -> SireneExtract.status(other, HOSPITAL));
        assertTrue(notAnExtract.getMessage().contains("is not a SIRENE extract of establishments"), notAnExtract.getMessage());
        Path odd = dir.resolve("odd.csv");
        Files.writeString(odd, "siret,etatAdministratifEtablissement\n" + HOSPITAL + ",X\n");
        IllegalArgumentException oddState = assertThrows(IllegalArgumentException.class, () -> SireneExtract.status(odd, HOSPITAL));
        assertTrue(oddState.getMessage().contains("etatAdministratifEtablissement is A or F, not \"X\""), oddState.getMessage());
        Path huge = dir.resolve("huge.csv");
        Files.writeString(huge, "siret,etatAdministratifEtablissement\n\"" + "9".repeat(50_000) + "\",A\n");
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> SireneExtract.status(huge, HOSPITAL));
        assertTrue(tooLong.getMessage().contains("a line is longer than 10000 characters"), tooLong.getMessage());
    }
}
