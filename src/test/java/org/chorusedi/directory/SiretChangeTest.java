package org.chorusedi.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.chorusedi.database.Database;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.chorusedi.support.TestSettings;

/** Changing a structure's SIRET, as a directory operation and as a column of the CSV file. */
class SiretChangeTest {

    private static final Instant T1 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-02T08:00:00Z");
    private static final Instant T3 = Instant.parse("2025-03-03T08:00:00Z");
    private static final String OLD = "26750045200011";
    private static final String NEW = "26750045200029";

    private static final StructureRow HOSPITAL = new StructureRow(OLD, IdentifierType.SIRET, "Hôpital", true, true,
            false, false, true, false, false, new Address("1 rue X", null, "75001", "Paris", "FR"), null, null);

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabase.url(dir.resolve("db")), TestDatabase.user(), "");
        storeAt(T1).upsert(List.of(HOSPITAL), List.of(
                new ServiceRow(OLD, "URGENCES", "Urgences", true, true, LocalDate.of(2020, 1, 1), null, null),
                new ServiceRow(OLD, "ARCHIVES", null, false, false, null, LocalDate.of(2024, 12, 31), null)));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private DirectoryStore storeAt(Instant now) {
        return new DirectoryStore(database.dataSource(), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theOldStructureIsDeactivatedAndCopiedWithItsServicesUnderTheNewSiret() {
        assertEquals(SiretChange.Outcome.CHANGED, storeAt(T2).changeSiret(OLD, NEW));

        try (DirectoryTransaction read = storeAt(T3).begin()) {
            StructureRow old = read.structureRow(OLD).orElseThrow();
            StructureRow copy = read.structureRow(NEW).orElseThrow();
            assertFalse(old.active());
            assertEquals(T2, old.lastModified());
            assertEquals(new StructureRow(NEW, IdentifierType.SIRET, "Hôpital", true, true, false, false, true, false,
                    false, HOSPITAL.address(), OLD, T2), copy);
            assertEquals(new ServiceRow(NEW, "URGENCES", "Urgences", true, true, LocalDate.of(2020, 1, 1), null, T2),
                    read.serviceRow(NEW, "URGENCES").orElseThrow());
            assertEquals(new ServiceRow(NEW, "ARCHIVES", null, false, false, null, LocalDate.of(2024, 12, 31), T2),
                    read.serviceRow(NEW, "ARCHIVES").orElseThrow());
            assertEquals(T1, read.serviceRow(OLD, "URGENCES").orElseThrow().lastModified(), "the old services stay");
        }
    }

    @Test
    void changingAgainChangesNothing() {
        storeAt(T2).changeSiret(OLD, NEW);

        assertEquals(SiretChange.Outcome.ALREADY_CHANGED, storeAt(T3).changeSiret(OLD, NEW));
        assertEquals(T2, storeAt(T3).structure(NEW).orElseThrow().lastModified());
    }

    @Test
    void refusalsChangeNothing() {
        DirectoryStore store = storeAt(T2);
        assertEquals(SiretChange.Outcome.SAME_IDENTIFIER, store.changeSiret(OLD, OLD));
        assertEquals(SiretChange.Outcome.NOT_A_SIRET, store.changeSiret(OLD, "2675004520002"));
        assertEquals(SiretChange.Outcome.UNKNOWN_STRUCTURE, store.changeSiret("11111111111111", NEW));
        store.upsert(List.of(new StructureRow("21750001600019", IdentifierType.SIRET, "Ville", true, false, false, false,
                false, false, false, Address.NONE, null, null)), List.of());
        assertEquals(SiretChange.Outcome.IDENTIFIER_TAKEN, store.changeSiret(OLD, "21750001600019"));
        store.upsert(List.of(new StructureRow("19750001000016", IdentifierType.SIRET, "École", false, false, false,
                false, false, false, false, Address.NONE, null, null)), List.of());
        assertEquals(SiretChange.Outcome.INACTIVE, store.changeSiret("19750001000016", NEW));
        store.upsert(List.of(new StructureRow("ES-B12345678", IdentifierType.UE_HORS_FRANCE, "Consorcio", true, false,
                false, false, false, false, false, Address.NONE, null, null)), List.of());
        assertEquals(SiretChange.Outcome.NOT_IDENTIFIED_BY_SIRET, store.changeSiret("ES-B12345678", NEW));

        assertTrue(store.structure(OLD).orElseThrow().active());
        assertTrue(store.structure(NEW).isEmpty());
    }

    @Test
    void aCsvRowWithAnAncienIdentifiantMakesTheChangeThenAppliesItsValues() throws IOException {
        ImportReport report = new DirectoryCsvImport(storeAt(T2), TestSettings.importLimits()).importCsv(csv("change.csv",
                "identifiant,ancien_identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,"
                        + "ej_ou_code_service,statut_mise_en_paiement_non_remonte,moa,code_service,libelle_service,"
                        + "service_actif,service_ej_obligatoire\n"
                        + NEW + "," + OLD + ",Hôpital renommé,true,true,false,false,true,false,URGENCES,Urgences,true,true\n"
                        + NEW + "," + OLD + ",Hôpital renommé,true,true,false,false,true,false,NOUVEAU,Nouveau,true,false\n"));

        assertTrue(report.ok(), report.errors().toString());
        try (DirectoryTransaction read = storeAt(T3).begin()) {
            assertFalse(read.structureRow(OLD).orElseThrow().active());
            StructureRow copy = read.structureRow(NEW).orElseThrow();
            assertEquals("Hôpital renommé", copy.name());
            assertEquals(OLD, copy.copiedFrom());
            assertTrue(read.serviceRow(NEW, "ARCHIVES").isPresent(), "copied");
            assertTrue(read.serviceRow(NEW, "NOUVEAU").isPresent(), "added by the file");
        }

        ImportReport again = new DirectoryCsvImport(storeAt(T3), TestSettings.importLimits())
                .importCsv(dir.resolve("change.csv"));
        assertTrue(again.ok(), "a change already made is no error: " + again.errors());
        assertEquals(T2, storeAt(T3).structure(NEW).orElseThrow().lastModified(), "and changes no time");
    }

    @Test
    void aRefusedChangeInACsvFileIsReportedOnItsLine() throws IOException {
        ImportReport report = new DirectoryCsvImport(storeAt(T2), TestSettings.importLimits()).importCsv(csv("bad.csv",
                "identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,ej_ou_code_service,"
                        + "statut_mise_en_paiement_non_remonte,moa,ancien_identifiant\n"
                        + "33000000000011,Autre,true,false,false,false,false,false,\n"
                        + NEW + ",Hôpital,true,false,false,false,false,false,11111111111111\n"));

        assertEquals(List.of("line 3: column ancien_identifiant: no structure 11111111111111 in the directory"),
                report.errors().stream().map(ImportError::toString).toList());
        assertTrue(storeAt(T3).structure(NEW).isEmpty());
    }

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
