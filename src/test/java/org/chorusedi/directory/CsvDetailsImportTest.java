package org.chorusedi.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The optional CSV columns of the rest of the data model: identifier type, MOA only, address, service dates. */
class CsvDetailsImportTest {

    private static final Instant T1 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String HEADER = "identifiant,type_identifiant,raison_sociale,actif,code_service_obligatoire,"
            + "ej_obligatoire,ej_ou_code_service,statut_mise_en_paiement_non_remonte,moa,moa_uniquement,adresse,"
            + "complement_adresse,code_postal,ville,pays,code_service,libelle_service,service_actif,"
            + "service_ej_obligatoire,date_debut_service,date_fin_service\n";

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabase.url(dir.resolve("db")), TestDatabase.user(), "");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private ImportReport importCsv(String content) throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), content, StandardCharsets.UTF_8);
        return new DirectoryCsvImport(new DirectoryStore(database.dataSource(), Clock.fixed(T1, ZoneOffset.UTC)),
                TestSettings.importLimits()).importCsv(csv);
    }

    @Test
    void everyOptionalColumnIsStored() throws IOException {
        ImportReport report = importCsv(HEADER
                + "ES-B12345678,ue_hors_france,Consorcio,true,false,false,false,false,true,TRUE,Calle Mayor 1,Planta 2,"
                + "28013,Madrid,ES,ARCH,Archivo,true,false,2020-01-01,2030-12-31\n");

        assertTrue(report.ok(), report.errors().toString());
        try (DirectoryTransaction read = new DirectoryStore(database.dataSource()).begin()) {
            assertEquals(new StructureRow("ES-B12345678", IdentifierType.UE_HORS_FRANCE, "Consorcio", true, false, false,
                    false, false, true, true, new Address("Calle Mayor 1", "Planta 2", "28013", "Madrid", "ES"), null, T1),
                    read.structureRow("ES-B12345678").orElseThrow());
            assertEquals(new ServiceRow("ES-B12345678", "ARCH", "Archivo", true, false, LocalDate.of(2020, 1, 1),
                    LocalDate.of(2030, 12, 31), T1), read.serviceRow("ES-B12345678", "ARCH").orElseThrow());
        }
    }

    @Test
    void leftOutTheyMeanNoValue() throws IOException {
        ImportReport report = importCsv("identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,"
                + "ej_ou_code_service,statut_mise_en_paiement_non_remonte,moa\n"
                + "21750001600019,Ville,true,false,false,false,false,false\n");

        assertTrue(report.ok(), report.errors().toString());
        try (DirectoryTransaction read = new DirectoryStore(database.dataSource()).begin()) {
            StructureRow row = read.structureRow("21750001600019").orElseThrow();
            assertEquals(IdentifierType.SIRET, row.identifierType());
            assertEquals(false, row.moaOnly());
            assertEquals(Address.NONE, row.address());
        }
    }

    @Test
    void badValuesAreReportedWithTheirColumn() throws IOException {
        ImportReport report = importCsv(HEADER
                + "21750001600019,SIREN,Ville,true,false,false,false,false,false,oui,,,,,France,,,,,,\n"
                + "21750001600027,SIRET,\"Ville\u0001\",true,false,false,false,false,false,,,,,,,A,,true,false,2025-02-30,\n"
                + "21750001600035,SIRET,Ville,true,false,false,false,false,false,,,,,,,B,,true,false,2025-02-01,2025-01-31\n"
                + "21750001600043,SIRET,Ville,true,false,false,false,false,false,,,,,,,,,,,2025-02-01,\n");

        assertEquals(List.of(
                "line 2: column type_identifiant: 'SIREN' is not one of [SIRET, UE_HORS_FRANCE, HORS_UE, RIDET, TAHITI, AUTRE, PARTICULIER]",
                "line 2: column moa_uniquement: 'oui' is not true or false",
                "line 2: column pays: 'France' is not a country code of two capital letters (FR)",
                "line 3: column raison_sociale: 'Ville\u0001' contains a control character",
                "line 3: column date_debut_service: '2025-02-30' is not a date written yyyy-MM-dd",
                "line 4: column date_fin_service: 2025-01-31 is before date_debut_service 2025-02-01",
                "line 5: column date_debut_service: '2025-02-01' is given without code_service"),
                report.errors().stream().map(ImportError::toString).toList());
    }
}
