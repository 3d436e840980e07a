package org.chorusedi.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.chorusedi.database.Database;
import org.chorusedi.directory.DirectoryDrop;
import org.chorusedi.directory.ImportError;
import org.chorusedi.directory.ImportReport;
import org.chorusedi.testkit.TestDatabase;
import org.chorusedi.support.TestSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partners file, imported on H2 or PostgreSQL: the whole registry, in one transaction. */
class PartnersCsvImportTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30Z");
    private static final String HEADER = "code_partenaire,nom,actif,sens,identifiant\n";
    private static final String GOOD = HEADER
            + "AAA001,Opérateur A,true,EMISSION,73282932000074\n"
            + "AAA001,Opérateur A,true,RECEPTION,11000201100044\n"
            + "BBB002,\"Opérateur B, plateforme\",,emission,FR40303265045\n"
            + "CCC003,Opérateur C,false,,\n";

    @TempDir
    Path dir;

    private Database database;
    private Partners partners;
    private PartnersCsvImport importer;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabase.url(dir.resolve("db")), TestDatabase.user(), "");
        partners = new Partners(database.dataSource());
        importer = new PartnersCsvImport(database.dataSource(), TestSettings.importLimits(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aGoodFileIsTheWholeRegistry() throws Exception {
        ImportReport report = importer.importCsv(write("partenaires.csv", GOOD));

        assertEquals(List.of(), report.errors());
        assertEquals("3 partner(s), 3 connection(s)", report.summary());
        assertEquals(List.of(new Partner("AAA001", "Opérateur A", true), new Partner("BBB002", "Opérateur B, plateforme", true),
                new Partner("CCC003", "Opérateur C", false)), partners.partners());
        assertEquals(List.of(new PartnerConnection("AAA001", "73282932000074", Direction.EMISSION),
                new PartnerConnection("AAA001", "11000201100044", Direction.RECEPTION)), partners.connections("AAA001"));
        assertTrue(partners.connected("BBB002", "FR40303265045", Direction.EMISSION), "a supplier without a SIRET");
        assertEquals(List.of(), partners.connections("CCC003"));
    }

    @Test
    void aPartnerLeftOutBecomesInactiveAndKeepsItsConnectionsAListedOneHasExactlyTheFilesConnections() throws Exception {
        importer.importCsv(write("partenaires.csv", GOOD));

        ImportReport report = importer.importCsv(write("partenaires.csv", HEADER
                + "BBB002,Opérateur B,true,RECEPTION,21750001600019\n"));

        assertEquals("1 partner(s), 1 connection(s); left out, now inactive: AAA001", report.summary());
        assertEquals(Optional.of(new Partner("AAA001", "Opérateur A", false)), partners.partner("AAA001"));
        assertTrue(partners.connected("AAA001", "73282932000074", Direction.EMISSION), "kept for history");
        assertEquals(Optional.of(new Partner("BBB002", "Opérateur B", true)), partners.partner("BBB002"));
        assertEquals(List.of(new PartnerConnection("BBB002", "21750001600019", Direction.RECEPTION)),
                partners.connections("BBB002"), "the connection the file leaves out is gone");
        assertEquals(Optional.of(new Partner("CCC003", "Opérateur C", false)), partners.partner("CCC003"));
    }

    @Test
    void everyBadLineIsReportedAndABadFileChangesNothing() throws Exception {
        importer.importCsv(write("partenaires.csv", GOOD));
        List<Partner> before = partners.partners();

        ImportReport report = importer.importCsv(write("partenaires.csv", HEADER
                + "AAA001,Opérateur A,true,EMISSION,73282932000074\n"
                + "AAA-01,Tiret,true,EMISSION,73282932000074\n"
                + "DDD004,,true,EMISSION,73282932000074\n"
                + "DDD004,Opérateur D,oui,EMISSION,73282932000074\n"
                + "DDD004,Opérateur D,true,ENVOI,73282932000074\n"
                + "DDD004,Opérateur D,true,RECEPTION,FR40303265045\n"
                + "DDD004,Opérateur D,true,EMISSION,\n"
                + "DDD004,Opérateur D,true,EMISSION,7328 2932000074\n"
                + "AAA001,Autre nom,true,,\n"
                + "DDD004,trop,de,champs,ici,encore\n"
                + "\n"
                + "DDD004,Opérateur D,true,EMISSION,73282932000074\n"));

        assertEquals(List.of(
                new ImportError(3, "column code_partenaire: 'AAA-01' is not a partner code (3 to 8 letters and digits,"
                        + " the name of its folder in/)"),
                new ImportError(4, "column nom: a value is required"),
                new ImportError(5, "column actif: 'oui' is not true or false"),
                new ImportError(6, "column sens: 'ENVOI' is not EMISSION or RECEPTION"),
                new ImportError(7, "column identifiant: 'FR40303265045' is not a SIRET (14 digits): a recipient is named"
                        + " by its SIRET"),
                new ImportError(8, "column identifiant: a value is required with column sens (both empty: a partner"
                        + " without a connection on this row)"),
                new ImportError(9, "column identifiant: '7328 2932000074' contains white space or a control character"),
                new ImportError(10, "column nom: 'Autre nom' contradicts 'Opérateur A' on line 2 for the same partner"),
                new ImportError(11, "the row has 6 fields, the header has 5")), report.errors());
        assertEquals(before, partners.partners());
        assertEquals(List.of(new PartnerConnection("AAA001", "73282932000074", Direction.EMISSION),
                new PartnerConnection("AAA001", "11000201100044", Direction.RECEPTION)), partners.connections("AAA001"));
        assertEquals(Optional.empty(), partners.partner("DDD004"));
    }

    @Test
    void aHeaderWithoutItsColumnsAnEmptyFileAndAFileOfNoPartnerAreRefused() throws Exception {
        assertEquals(List.of(new ImportError(1, "missing column sens"), new ImportError(1, "missing column identifiant")),
                importer.importCsv(write("partenaires.csv", "code_partenaire,nom\nAAA001,Opérateur A\n")).errors());
        assertEquals(List.of(new ImportError(1, "the file is empty, a header row is expected")),
                importer.importCsv(write("partenaires.csv", "")).errors());
        assertEquals(List.of(new ImportError(0, "the file lists no partner: it would make every partner inactive"
                + " (to do so, list them with actif false)")), importer.importCsv(write("partenaires.csv", HEADER)).errors());
        assertEquals(List.of(), partners.partners());
    }

    @Test
    void aLineLongerThanTheLimitStopsTheReading() throws Exception {
        ImportReport report = new PartnersCsvImport(database.dataSource(),
                TestSettings.importLimits(Map.of("chorus.directory.max-line-chars", "100")), Clock.systemUTC())
                .importCsv(write("partenaires.csv", HEADER + "AAA001,\"" + "x".repeat(40_000) + "\",true,,\n"));

        assertEquals(1, report.errors().size());
        assertTrue(report.errors().get(0).message().startsWith("a line longer than 100 characters"), report.toString());
        assertEquals(List.of(), partners.partners());
    }

    @Test
    void partnersFilesAreToldApartByTheirName() {
        assertTrue(PartnersCsvImport.isPartnersFile(Path.of("partenaires.csv")));
        assertTrue(PartnersCsvImport.isPartnersFile(Path.of("Partenaires-2026-12.CSV")));
        assertFalse(PartnersCsvImport.isPartnersFile(Path.of("annuaire.csv")));
        assertFalse(PartnersCsvImport.isPartnersFile(Path.of("mes-partenaires.csv")));
        assertFalse(PartnersCsvImport.isPartnersFile(Path.of("partenaires.csv.bak")));
    }

    @Test
    void aCommitThatFailsAppliesNothingAndTheFileIsTriedAgainLikeADirectoryFile() throws Exception {
        AtomicBoolean commitFails = new AtomicBoolean(true);
        PartnersCsvImport failing = new PartnersCsvImport(failingCommits(commitFails), TestSettings.importLimits(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        Path folder = Files.createDirectories(dir.resolve("directory"));
        Files.writeString(folder.resolve("partenaires.csv"), GOOD, StandardCharsets.UTF_8);
        DirectoryDrop drop = new DirectoryDrop(Map.of(".csv", failing::importCsv), folder, 3, Duration.ZERO,
                Clock.fixed(NOW, ZoneOffset.UTC));

        drop.importPending();
        assertEquals(List.of("partenaires.csv"), names(folder), "pending after a failed attempt");
        assertEquals(List.of(), partners.partners(), "every write of the failed attempt undone");

        commitFails.set(false);
        drop.importPending();
        assertEquals(List.of("imported"), names(folder));
        assertEquals(List.of("20261201T101530_partenaires.csv"), names(folder.resolve("imported")));
        assertEquals(3, partners.partners().size());
    }

    /** The test's database, whose commits fail while the flag is set. */
    private DataSource failingCommits(AtomicBoolean commitFails) {
        DataSource real = database.dataSource();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit") && commitFails.get()) {
                                    throw new SQLException("commit refused (the test's fault)", "40001");
                                }
                                return invoke(m, connection, a);
                            });
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
