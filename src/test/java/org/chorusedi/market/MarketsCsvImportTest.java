package org.chorusedi.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.chorusedi.database.Database;
import org.chorusedi.directory.DirectoryCsvImport;
import org.chorusedi.directory.DirectoryDrop;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.directory.ImportError;
import org.chorusedi.directory.ImportReport;
import org.chorusedi.framework.Framework;
import org.chorusedi.framework.Role;
import org.chorusedi.support.TestSettings;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The markets file, imported on H2 or PostgreSQL: each market it names replaced wholly, in one transaction. */
class MarketsCsvImportTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30Z");
    private static final String CITY = "21750001600019"; // moa true in the directory below
    private static final String MINISTRY = "11000201100044"; // moa false
    private static final String HOLDER = "73282932000074";
    private static final String MOE = "41234567000019";
    private static final String JOINT = "52345678800018";
    private static final String SUB = "63456789500012";
    private static final String HEADER = "numero_marche,libelle,role,identifiant,code_service,valideur,"
            + "code_service_valideur,cadres,engagements\n";
    private static final String WORKS = "2026-TRAV-0042,\"Groupe scolaire, réhabilitation\",";
    private static final String GOOD = HEADER
            + WORKS + "MOA," + CITY + ",SCE-TRAVAUX,,,,EJ-0001 EJ-0002\n"
            + WORKS + "moe," + MOE + ",,,,,\n"
            + WORKS + "Titulaire," + HOLDER + ",,,,a4 A5  A8,\n"
            + WORKS + "COTRAITANT," + JOINT + ",," + HOLDER + ",,A12,\n"
            + WORKS + "SOUS_TRAITANT," + SUB + ",," + HOLDER + ",SCE-CHANTIER,,\n"
            + "2026-SERV-0007,,MOA," + MINISTRY + ",,,,,\n"
            + "2026-SERV-0007,,TITULAIRE,FR40303265045,,,,,\n";

    @TempDir
    Path dir;

    private Database database;
    private Markets markets;
    private MarketsCsvImport importer;

    @BeforeEach
    void open() throws IOException {
        database = Database.open(TestDatabase.url(dir.resolve("db")), TestDatabase.user(), "");
        markets = new Markets(database.dataSource());
        DirectoryStore directory = new DirectoryStore(database.dataSource());
        ImportReport structures = new DirectoryCsvImport(directory, TestSettings.importLimits()).importCsv(write("annuaire.csv",
                "identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,ej_ou_code_service,"
                        + "statut_mise_en_paiement_non_remonte,moa\n"
                        + CITY + ",Ville d'Exemple,true,false,true,false,false,true\n"
                        + MINISTRY + ",Ministère de l'Exemple,true,true,false,false,false,false\n"));
        assertEquals(List.of(), structures.errors());
        importer = new MarketsCsvImport(database.dataSource(), directory, TestSettings.importLimits(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aGoodFileGivesEachMarketItsPartiesAndCommitmentsAndWarnsOfAMoaTheDirectoryDoesNotMark() throws Exception {
        ImportReport report = importer.importCsv(write("marches.csv", GOOD));

        assertEquals(List.of(), report.errors());
        assertEquals("2 market(s), 7 party(ies), 2 engagement(s); warning, 2026-SERV-0007: the directory does not mark "
                + MINISTRY + " as a maître d'ouvrage (moa false)", report.summary());
        Market works = new Market("2026-TRAV-0042", "Groupe scolaire, réhabilitation", List.of(
                new MarketParty(Role.MOA, CITY, "SCE-TRAVAUX", null, null, EnumSet.of(Framework.A19, Framework.A20,
                        Framework.A25)),
                new MarketParty(Role.MOE, MOE, null, null, null, EnumSet.of(Framework.A15, Framework.A16, Framework.A17,
                        Framework.A18, Framework.A24)),
                new MarketParty(Role.TITULAIRE, HOLDER, null, null, null, EnumSet.of(Framework.A4, Framework.A5,
                        Framework.A8)),
                new MarketParty(Role.COTRAITANT, JOINT, null, HOLDER, null, EnumSet.of(Framework.A12)),
                new MarketParty(Role.SOUS_TRAITANT, SUB, null, HOLDER, "SCE-CHANTIER", EnumSet.of(Framework.A9,
                        Framework.A10, Framework.A11))),
                Set.of("EJ-0001", "EJ-0002"));
        Market services = new Market("2026-SERV-0007", null, List.of(
                new MarketParty(Role.MOA, MINISTRY, null, null, null, Markets.frameworksOf(Role.MOA)),
                new MarketParty(Role.TITULAIRE, "FR40303265045", null, null, null, Markets.frameworksOf(Role.TITULAIRE))),
                Set.of());
        assertEquals(List.of(services, works), markets.markets());
        assertEquals(Optional.of(works), markets.market("2026-TRAV-0042"));
        assertEquals(Optional.empty(), markets.market("2026-TRAV-0043"));
        assertEquals(Optional.empty(), markets.market(null));
    }

    @Test
    void aFileNamingAMarketReplacesItWhollyAndLeavesTheMarketsItDoesNotName() throws Exception {
        importer.importCsv(write("marches.csv", GOOD));
        Optional<Market> services = markets.market("2026-SERV-0007");

        ImportReport report = importer.importCsv(write("marches.csv", HEADER
                + "2026-TRAV-0042,Groupe scolaire,MOA," + CITY + ",,,,A19,\n"
                + "2026-TRAV-0042,Groupe scolaire,TITULAIRE," + SUB + ",,,,,\n"));

        assertEquals("1 market(s), 2 party(ies), 0 engagement(s)", report.summary());
        assertEquals(Optional.of(new Market("2026-TRAV-0042", "Groupe scolaire", List.of(
                new MarketParty(Role.MOA, CITY, null, null, null, Set.of(Framework.A19)),
                new MarketParty(Role.TITULAIRE, SUB, null, null, null, Markets.frameworksOf(Role.TITULAIRE))), Set.of())),
                markets.market("2026-TRAV-0042"), "its MOE, joint contractor, subcontractor, service and EJs gone");
        assertEquals(services, markets.market("2026-SERV-0007"), "untouched");
    }

    @Test
    void everyBadLineIsReportedWithTheRuleItBreaksAndABadFileChangesNothing() throws Exception {
        importer.importCsv(write("marches.csv", GOOD));
        List<Market> before = markets.markets();

        ImportReport report = importer.importCsv(write("marches.csv", HEADER
                + "M1,,MOA," + CITY + ",,,,,\n"
                + "M1,,TITULAIRE," + HOLDER + ",,,,,\n"
                + ",,MOE," + MOE + ",,,,,\n"
                + "M" + "1".repeat(50) + ",,MOE," + MOE + ",,,,,\n"
                + "M1,,ACHETEUR," + MOE + ",,,,,\n"
                + "M1,,MOE,4123456780001,,,,,\n"
                + "M1,,COTRAITANT,5234 5678900016,,,,,\n"
                + "M1,,COTRAITANT," + JOINT + ",,,,,\n"
                + "M1,,TITULAIRE," + HOLDER + ",SCE-X,,,,\n"
                + "M1,,MOE," + MOE + ",," + HOLDER + ",,,\n"
                + "M1,,TITULAIRE," + HOLDER + ",,,,A9 A99,\n"
                + "M1,,SOUS_TRAITANT," + SUB + ",," + HOLDER + ",,A1,\n"
                + "M1,,TITULAIRE," + HOLDER + ",,,,,EJ-1\n"
                + "M1,,MOA," + CITY + ",,,,," + "E".repeat(51) + "\n"
                + "M1,Autre nom,MOE," + MOE + ",,,,,\n"
                + "M1,,trop,de,champs\n"
                + "\n"
                + "M1,,MOE," + MOE + ",,,,,\n"));

        assertEquals(List.of(
                new ImportError(4, "column numero_marche: a value is required"),
                new ImportError(5, "column numero_marche: 'M" + "1".repeat(50) + "' is longer than 50 characters"),
                new ImportError(6, "column role: 'ACHETEUR' is not TITULAIRE, COTRAITANT, SOUS_TRAITANT, MOE or MOA"),
                new ImportError(7, "column identifiant: '4123456780001' is not a SIRET (14 digits): the MOA, the MOE and a"
                        + " validator are named by their SIRET"),
                new ImportError(8, "column identifiant: '5234 5678900016' contains white space or a control character"),
                new ImportError(8, "column valideur: a value is required"),
                new ImportError(9, "column valideur: a value is required"),
                new ImportError(10, "column code_service: 'SCE-X' is given on a TITULAIRE row: only MOA and MOE rows have one"),
                new ImportError(11, "column valideur: '" + HOLDER + "' is given on a MOE row: only COTRAITANT and"
                        + " SOUS_TRAITANT rows have one"),
                new ImportError(12, "column cadres: A9 (facture de sous-traitant) is deposited by the SOUS_TRAITANT, not by"
                        + " the TITULAIRE"),
                new ImportError(12, "column cadres: 'A99' is not a framework code (A1 to A25)"),
                new ImportError(13, "column cadres: A1 (facture de fournisseur) is deposited by a supplier outside any"
                        + " market, not by the SOUS_TRAITANT"),
                new ImportError(14, "column engagements: 'EJ-1' is given on a TITULAIRE row: only MOA rows have one"),
                new ImportError(15, "column engagements: '" + "E".repeat(51) + "' is longer than 50 characters"),
                new ImportError(16, "column libelle: 'Autre nom' contradicts '' on line 2 for the same market"),
                new ImportError(17, "the row has 5 fields, the header has 9")), report.errors());
        assertEquals(before, markets.markets());
        assertEquals(Optional.empty(), markets.market("M1"));
    }

    @Test
    void eachMarketHasOneMoaOneContractHolderAtMostOneMoeEachPartyOnceAndItsContractHolderAsValidator()
            throws Exception {
        ImportReport report = importer.importCsv(write("marches.csv", HEADER
                + "NO-MOA,,TITULAIRE," + HOLDER + ",,,,,\n"
                + "NO-HOLDER,,MOA," + CITY + ",,,,,\n"
                + "TWICE,,MOA," + CITY + ",,,,,\n"
                + "TWICE,,MOA," + MINISTRY + ",,,,,\n"
                + "TWICE,,TITULAIRE," + HOLDER + ",,,,,\n"
                + "TWICE,,TITULAIRE," + SUB + ",,,,,\n"
                + "TWICE,,MOE," + MOE + ",,,,,\n"
                + "TWICE,,MOE," + CITY + ",,,,,\n"
                + "SAME,,MOA," + CITY + ",,,,,\n"
                + "SAME,,TITULAIRE," + HOLDER + ",,,,,\n"
                + "SAME,,COTRAITANT," + JOINT + ",," + HOLDER + ",,,\n"
                + "SAME,,COTRAITANT," + JOINT + ",," + HOLDER + ",,,\n"
                + "SAME,,SOUS_TRAITANT," + SUB + ",," + JOINT + ",,,\n"));

        assertEquals(List.of(
                new ImportError(2, "market 'NO-MOA' has no MOA row: exactly one is required"),
                new ImportError(3, "market 'NO-HOLDER' has no TITULAIRE row: exactly one is required"),
                new ImportError(5, "market 'TWICE' has a second MOA (the first on line 4): exactly one is allowed"),
                new ImportError(7, "market 'TWICE' has a second TITULAIRE (the first on line 6): exactly one is allowed"),
                new ImportError(9, "market 'TWICE' has a second MOE (the first on line 8): at most one is allowed"),
                new ImportError(13, "column identifiant: " + JOINT + " is already the market's COTRAITANT on line 12: a party"
                        + " is given once in each role"),
                new ImportError(14, "column valideur: '" + JOINT + "' is not the market's TITULAIRE (" + HOLDER + " on line"
                        + " 11): the contract holder validates the invoices of its joint contractors and subcontractors")),
                report.errors());
        assertEquals(List.of(), markets.markets());
    }

    @Test
    void aValidatorIsNamedByItsSiretAndTheContractHolderIsNotTheMarketsMoa() throws Exception {
        ImportReport report = importer.importCsv(write("marches.csv", HEADER
                + "VAT,,MOA," + CITY + ",,,,,\n"
                + "VAT,,TITULAIRE,FR44732829320,,,,,\n"
                + "VAT,,SOUS_TRAITANT," + SUB + ",,FR44732829320,,,\n"
                + "BUYER,,MOA," + CITY + ",,,,,\n"
                + "BUYER,,TITULAIRE," + CITY + ",,,,,\n"));

        assertEquals(List.of(
                new ImportError(4, "column valideur: 'FR44732829320' is not a SIRET (14 digits): the MOA, the MOE and a validator"
                        + " are named by their SIRET"),
                new ImportError(6, "column identifiant: " + CITY + " is the market's MOA too (line 5): the contract holder, which"
                        + " validates its subcontractors' invoices, is not its buyer")),
                report.errors());
        assertEquals(List.of(), markets.markets());
    }

    @Test
    void aHeaderWithoutItsColumnsAnEmptyFileAndAFileOfNoMarketAreRefused() throws Exception {
        assertEquals(List.of(new ImportError(1, "missing column role"), new ImportError(1, "missing column identifiant")),
                importer.importCsv(write("marches.csv", "numero_marche,libelle\nM1,Marché\n")).errors());
        assertEquals(List.of(new ImportError(1, "the file is empty, a header row is expected")),
                importer.importCsv(write("marches.csv", "")).errors());
        assertEquals(List.of(new ImportError(0, "the file lists no market")),
                importer.importCsv(write("marches.csv", HEADER)).errors());
        assertEquals(List.of(), markets.markets());
    }

    @Test
    void onlyTheRequiredColumnsInAnyOrderAndAByteOrderMark() throws Exception {
        ImportReport report = importer.importCsv(write("marches.csv", "\uFEFFidentifiant,Role,numero_marche,autre\n"
                + CITY + ",MOA,M2,x\n"
                + HOLDER + ",TITULAIRE,M2,y\n"));

        assertEquals(List.of(), report.errors());
        assertEquals(List.of(Role.MOA, Role.TITULAIRE),
                markets.market("M2").orElseThrow().parties().stream().map(MarketParty::role).toList());
    }

    @Test
    void theSampleMarketsFileImportsAgainstTheSampleDirectoryWithoutAWarning() throws Exception {
        Path samples = Path.of("sample-flows/directory");
        assertEquals(List.of(), new DirectoryCsvImport(new DirectoryStore(database.dataSource()), TestSettings.importLimits())
                .importCsv(samples.resolve("annuaire.csv")).errors());

        ImportReport report = importer.importCsv(samples.resolve("marches.csv"));

        assertEquals("1 market(s), 5 party(ies), 2 engagement(s)", report.summary(), report.errors().toString());
        Market market = markets.market("2026-TRAV-0042").orElseThrow();
        assertEquals(Optional.of(HOLDER), market.party(Role.SOUS_TRAITANT, SUB).map(MarketParty::validatorId));
        assertEquals(Set.of(Framework.A9), market.party(Role.SOUS_TRAITANT, SUB).orElseThrow().frameworks());
    }

    @Test
    void marketsFilesAreToldApartByTheirName() {
        assertTrue(MarketsCsvImport.isMarketsFile(Path.of("marches.csv")));
        assertTrue(MarketsCsvImport.isMarketsFile(Path.of("Marches-2026-12.CSV")));
        assertFalse(MarketsCsvImport.isMarketsFile(Path.of("annuaire.csv")));
        assertFalse(MarketsCsvImport.isMarketsFile(Path.of("mes-marches.csv")));
        assertFalse(MarketsCsvImport.isMarketsFile(Path.of("marches.csv.bak")));
    }

    @Test
    void aBadFileDroppedIsRejectedBesideItsReportAndAGoodOneKeptAsImported() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("directory"));
        Files.writeString(folder.resolve("marches-1.csv"), GOOD, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("marches-2.csv"), HEADER + "M1,,MOA," + CITY + ",,,,,\n", StandardCharsets.UTF_8);
        DirectoryDrop drop = new DirectoryDrop(Map.of(".csv", importer::importCsv), folder, 3, Duration.ZERO,
                Clock.fixed(NOW, ZoneOffset.UTC));

        drop.importPending();

        assertEquals(List.of("20261201T101530_marches-1.csv"), names(folder.resolve("imported")));
        assertEquals(List.of("20261201T101530_marches-2.csv", "20261201T101530_marches-2.csv.errors.txt"),
                names(folder.resolve("rejected")));
        assertEquals("line 2: market 'M1' has no TITULAIRE row: exactly one is required\n",
                Files.readString(folder.resolve("rejected/20261201T101530_marches-2.csv.errors.txt")));
        assertEquals(2, markets.markets().size());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
