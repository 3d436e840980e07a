package org.chorusedi.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chorusedi.database.Database;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.chorusedi.support.TestSettings;

class DirectoryCsvImportTest {

    private static final Instant T1 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-02T08:00:00Z");
    private static final Instant T3 = Instant.parse("2025-03-03T08:00:00Z");

    private static final String HEADER = "identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,"
            + "ej_ou_code_service,statut_mise_en_paiement_non_remonte,moa,code_service,libelle_service,service_actif,"
            + "service_ej_obligatoire";

    // 11111111111111 fails the Luhn check, like some real directory identifiers: it must be accepted.
    private static final List<String> GOOD_FILE = List.of(
            " Code_Service ,identifiant,RAISON_SOCIALE,commentaire,actif,moa,ej_obligatoire,code_service_obligatoire,"
                    + "ej_ou_code_service,statut_mise_en_paiement_non_remonte,libelle_service,service_actif,"
                    + "service_ej_obligatoire",
            "SERV-A,11111111111111,\"Commune de Saint-Jean, mairie\",ignored,true,false,TRUE,true,false,false,"
                    + "\"Voirie, \"\"propreté\"\"\",true,false",
            "SERV-B,11111111111111,\"Commune de Saint-Jean, mairie\",\"a, b\",true,false,TRUE,true,false,false,"
                    + "Finances,False,true",
            ",22222222222222,Hôpital Nord,,false,true,false,false,true,true,,,",
            "ARCH,ES-B12345678,Consorcio,,true,false,false,false,false,false,,true,true");

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabase.url(dir), TestDatabase.user(), "");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private DirectoryStore storeAt(Instant now) {
        return new DirectoryStore(database.dataSource(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private ImportReport importAt(Instant now, Path csv) throws IOException {
        return new DirectoryCsvImport(storeAt(now), TestSettings.importLimits()).importCsv(csv);
    }

    private Path file(String name, List<String> lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static List<String> messages(ImportReport report) {
        return report.errors().stream().map(ImportError::toString).toList();
    }

    @Test
    void goodFileImportsStructuresWithAndWithoutServices() throws IOException {
        ImportReport report = importAt(T1, file("good.csv", GOOD_FILE));

        assertEquals(new ImportReport(3, 3, List.of()), report);
        assertTrue(report.ok());
        DirectoryStore store = storeAt(T1);
        assertEquals(Optional.of(new Structure("11111111111111", "Commune de Saint-Jean, mairie", true, true, true,
                false, false, false, T1)), store.structure("11111111111111"));
        assertEquals(Optional.of(new Service("11111111111111", "SERV-A", "Voirie, \"propreté\"", true, false, T1)),
                store.service("11111111111111", "SERV-A"));
        assertEquals(Optional.of(new Service("11111111111111", "SERV-B", "Finances", false, true, T1)),
                store.service("11111111111111", "SERV-B"));
        assertEquals(Optional.of(new Structure("22222222222222", "Hôpital Nord", false, false, false, true, true,
                true, T1)), store.structure("22222222222222"));
        assertEquals(Optional.of(new Structure("ES-B12345678", "Consorcio", true, false, false, false, false, false,
                T1)), store.structure("ES-B12345678"));
        assertEquals(Optional.of(new Service("ES-B12345678", "ARCH", null, true, true, T1)),
                store.service("ES-B12345678", "ARCH"));
    }

    @Test
    void badFileReportsEveryBadLineAndChangesNothing() throws IOException {
        importAt(T1, file("good.csv", GOOD_FILE));
        String tooLong = "9".repeat(120);
        Path bad = file("bad.csv", List.of(
                HEADER,
                "33333333333333,Nouvelle,true,false,false,false,false,false,,,,",
                "44444444444444,Booléen,oui,false,false,false,false,false,,,,",
                "",
                ",Sans identifiant,true,false,false,false,false,false,,,,",
                "55555555555555,\"Nom sur",
                "deux lignes\",true,false,false,false,false,false,,,,",
                "11111111111111,Nom changé,true,true,true,false,false,false,,,,",
                "66666666666666,Trop peu",
                "33333333333333,Autre nom,false,false,false,false,false,false,,,,",
                "77777777777777,X,true,false,false,false,false,false,,Libellé sans code,,",
                "88888888888888,Y,true,false,false,false,false,false,S1,,maybe,",
                tooLong + ",Z,true,false,false,false,false,false,,,,"));

        ImportReport report = importAt(T2, bad);

        assertEquals(List.of(
                "line 3: column actif: 'oui' is not true or false",
                "line 5: column identifiant: a value is required",
                "line 9: the row has 2 fields, the header has 12",
                "line 10: column raison_sociale: 'Autre nom' contradicts 'Nouvelle' on line 2",
                "line 10: column actif: 'false' contradicts 'true' on line 2",
                "line 11: column libelle_service: 'Libellé sans code' is given without code_service",
                "line 12: column service_actif: 'maybe' is not true or false",
                "line 12: column service_ej_obligatoire: '' is not true or false",
                "line 13: column identifiant: '" + tooLong.substring(0, 100) + "...' is longer than 80 characters"),
                messages(report));
        assertEquals(0, report.structures());
        assertEquals(0, report.services());
        assertFalse(report.ok());
        DirectoryStore store = storeAt(T2);
        assertEquals(Optional.of(new Structure("11111111111111", "Commune de Saint-Jean, mairie", true, true, true,
                false, false, false, T1)), store.structure("11111111111111"));
        assertEquals(Optional.empty(), store.structure("33333333333333"));
        assertEquals(Optional.empty(), store.structure("55555555555555"));
    }

    @Test
    void reimportOfTheSameFileChangesNoLastModified() throws IOException {
        Path good = file("good.csv", GOOD_FILE);
        importAt(T1, good);

        ImportReport again = importAt(T2, good);

        assertEquals(new ImportReport(3, 3, List.of()), again);
        DirectoryStore store = storeAt(T2);
        for (String identifier : List.of("11111111111111", "22222222222222", "ES-B12345678")) {
            assertEquals(T1, store.structure(identifier).orElseThrow().lastModified(), identifier);
        }
        assertEquals(T1, store.service("11111111111111", "SERV-A").orElseThrow().lastModified());
        assertEquals(T1, store.service("11111111111111", "SERV-B").orElseThrow().lastModified());
        assertEquals(T1, store.service("ES-B12345678", "ARCH").orElseThrow().lastModified());
    }

    @Test
    void changedValuesChangeLastModifiedOfTheirRowsOnly() throws IOException {
        importAt(T1, file("good.csv", GOOD_FILE));
        Path changed = file("changed.csv", List.of(
                HEADER,
                // The hospital becomes active, SERV-B becomes active, ARCH becomes inactive.
                "11111111111111,\"Commune de Saint-Jean, mairie\",true,true,true,false,false,false,"
                        + "SERV-A,\"Voirie, \"\"propreté\"\"\",true,false",
                "11111111111111,\"Commune de Saint-Jean, mairie\",true,true,true,false,false,false,"
                        + "SERV-B,Finances,true,true",
                "22222222222222,Hôpital Nord,true,false,false,true,true,true,,,,",
                "ES-B12345678,Consorcio,true,false,false,false,false,false,ARCH,,false,true"));

        ImportReport report = importAt(T3, changed);

        assertEquals(new ImportReport(3, 3, List.of()), report);
        DirectoryStore store = storeAt(T3);
        assertEquals(T1, store.structure("11111111111111").orElseThrow().lastModified());
        assertEquals(T1, store.service("11111111111111", "SERV-A").orElseThrow().lastModified());
        assertEquals(Optional.of(new Service("11111111111111", "SERV-B", "Finances", true, true, T3)),
                store.service("11111111111111", "SERV-B"));
        assertEquals(Optional.of(new Structure("22222222222222", "Hôpital Nord", true, false, false, true, true,
                true, T3)), store.structure("22222222222222"));
        assertEquals(T1, store.structure("ES-B12345678").orElseThrow().lastModified());
        assertEquals(Optional.of(new Service("ES-B12345678", "ARCH", null, false, true, T3)),
                store.service("ES-B12345678", "ARCH"));
    }

    @Test
    void inactiveStructureAndServiceReadBackInactive() throws IOException {
        ImportReport report = importAt(T1, file("inactive.csv", List.of(
                HEADER,
                "12345678900011,Régie fermée,false,false,false,false,false,false,ANCIEN,Ancien,false,false")));

        assertEquals(new ImportReport(1, 1, List.of()), report);
        DirectoryStore store = storeAt(T1);
        assertFalse(store.structure("12345678900011").orElseThrow().active());
        assertFalse(store.service("12345678900011", "ANCIEN").orElseThrow().active());
    }

    @Test
    void rowsOfAStructureNeedNotBeConsecutive() throws IOException {
        ImportReport report = importAt(T1, file("scattered.csv", List.of(
                HEADER,
                "12345678900011,Mairie,true,false,false,false,false,false,S1,Un,true,false",
                "98765432100019,Département,true,false,false,false,false,false,,,,",
                "12345678900011,Mairie,true,false,false,false,false,false,S2,Deux,true,false",
                "12345678900011,Mairie,true,false,false,false,false,false,S1,Un,true,false")));

        assertEquals(new ImportReport(2, 2, List.of()), report);
        DirectoryStore store = storeAt(T1);
        assertEquals("Un", store.service("12345678900011", "S1").orElseThrow().name());
        assertEquals("Deux", store.service("12345678900011", "S2").orElseThrow().name());
        assertEquals("Département", store.structure("98765432100019").orElseThrow().name());
    }

    @Test
    void contradictionsAreFoundAcrossRowsOfOtherStructures() throws IOException {
        ImportReport report = importAt(T1, file("contradictions.csv", List.of(
                HEADER,
                "12345678900011,Mairie,true,false,false,false,false,false,,,,",
                "98765432100019,Département,true,false,false,false,false,false,,,,",
                "12345678900011,Mairie annexe,true,false,false,false,false,true,,,,",
                "98765432100019,Département,true,false,false,false,false,false,S1,Un,true,false",
                "12345678900011,Mairie,true,false,false,false,false,false,S1,Un,true,false",
                "98765432100019,Département,true,false,false,false,false,false,S1,Un bis,true,true")));

        assertEquals(List.of(
                "line 4: column raison_sociale: 'Mairie annexe' contradicts 'Mairie' on line 2",
                "line 4: column moa: 'true' contradicts 'false' on line 2",
                "line 7: column libelle_service: 'Un bis' contradicts 'Un' on line 5",
                "line 7: column service_ej_obligatoire: 'true' contradicts 'false' on line 5"),
                messages(report));
        assertEquals(Optional.empty(), storeAt(T1).structure("12345678900011"));
    }

    @Test
    void missingHeaderColumnsAreReportedOnLineOne() throws IOException {
        ImportReport report = importAt(T1, file("header.csv", List.of(
                "identifiant,raison_sociale,Actif,ej_obligatoire,ej_ou_code_service,"
                        + "statut_mise_en_paiement_non_remonte,code_service,service_ej_obligatoire,ACTIF",
                "12345678900011,Mairie,true,false,false,false,,,true")));

        assertEquals(List.of(
                "line 1: column actif appears more than once",
                "line 1: missing column code_service_obligatoire",
                "line 1: missing column moa",
                "line 1: missing column service_actif, required with column code_service"),
                messages(report));
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        ImportReport report = importAt(T1, Files.writeString(dir.resolve("empty.csv"), ""));

        assertEquals(List.of("line 1: the file is empty, a header row is expected"), messages(report));
    }

    @Test
    void fileWithoutServiceColumnsImports() throws IOException {
        ImportReport report = importAt(T1, file("structures.csv", List.of(
                "identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,ej_ou_code_service,"
                        + "statut_mise_en_paiement_non_remonte,moa",
                "12345678900011,Mairie,true,true,false,false,false,false")));

        assertEquals(new ImportReport(1, 0, List.of()), report);
        assertTrue(storeAt(T1).structure("12345678900011").orElseThrow().serviceCodeRequired());
    }

    @Test
    void crlfLineEndsAndByteOrderMarkAreAccepted() throws IOException {
        Path csv = Files.writeString(dir.resolve("windows.csv"),
                "\uFEFF" + HEADER + "\r\n"
                        + "12345678900011,Mairie,true,false,false,false,false,false,,,,\r\n"
                        + "\r\n"
                        + "98765432100019,Département,maybe,false,false,false,false,false,,,,\r\n",
                StandardCharsets.UTF_8);

        ImportReport report = importAt(T1, csv);

        assertEquals(List.of("line 4: column actif: 'maybe' is not true or false"), messages(report));
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithTheirLineAndColumn() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((HEADER + "\n12345678900011,Mairie,true,false,false,false,false,false,,,,\n")
                .getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("98765432100019,Besançon,true,false,false,false,false,false,,,,\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Path csv = Files.write(dir.resolve("latin1.csv"), bytes.toByteArray());

        ImportReport report = importAt(T1, csv);

        assertEquals(List.of("line 3: column raison_sociale: 'Besan\uFFFDon' is not valid UTF-8"), messages(report));
    }

    @Test
    void malformedCsvIsReportedAndChangesNothing() throws IOException {
        ImportReport report = importAt(T1, file("malformed.csv", List.of(
                HEADER,
                "12345678900011,Mairie,true,false,false,false,false,false,,,,",
                "98765432100019,\"Département,true,false,false,false,false,false,,,,")));

        assertEquals(1, report.errors().size());
        ImportError error = report.errors().get(0);
        assertEquals(3, error.line());
        assertTrue(error.message().startsWith("malformed CSV, the rest of the file is not read: "), error.message());
        assertEquals(Optional.empty(), storeAt(T1).structure("12345678900011"));
    }

    @Test
    void errorsBeyondTheFirstThousandAreCountedNotListed() throws IOException {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < 1005; i++) {
            lines.add(String.format("%014d,Structure,oui,false,false,false,false,false,,,,", i));
        }

        ImportReport report = importAt(T1, file("many.csv", lines));

        assertEquals(1001, report.errors().size());
        assertEquals(new ImportError(1001, "column actif: 'oui' is not true or false"), report.errors().get(999));
        assertEquals(new ImportError(1002, "5 more errors from this line on are not listed"),
                report.errors().get(1000));
    }
}
