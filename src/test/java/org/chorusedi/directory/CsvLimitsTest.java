package org.chorusedi.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.chorusedi.database.Database;
import org.chorusedi.support.DirectoryFiles;
import org.chorusedi.testkit.TestDatabase;
import org.chorusedi.support.TestSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file is read in bounded memory whatever it holds: a line, a field or an unterminated quote
 * past the line limit stops the reading with a report, and so do too many rows. A service code that
 * cannot name an outbox folder is refused.
 */
class CsvLimitsTest {

    private static final String HEADER = "identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,"
            + "ej_ou_code_service,statut_mise_en_paiement_non_remonte,moa,code_service,libelle_service,service_actif,"
            + "service_ej_obligatoire\n";
    private static final String ROW = "33000000000011,Structure,true,false,false,false,false,false,";

    @TempDir
    Path dir;

    private Database database;
    private DirectoryStore store;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabase.url(dir), TestDatabase.user(), "");
        store = new DirectoryStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anUnterminatedQuoteStopsTheReadingAtTheLineLimit() throws Exception {
        Path csv = DirectoryFiles.csvUnterminatedQuote(dir.resolve("quote.csv"), 5_000_000);

        assertEquals(List.of("line 2: a line longer than 65536 characters (chorus.directory.max-line-chars), or a quote"
                + " left open: the rest of the file is not read"), messages(importCsv(csv, Map.of())));
    }

    @Test
    void aHugeFieldOrAHugeLineIsRefused() throws Exception {
        Path field = write("field.csv", HEADER + ROW + "S1,\"" + "x".repeat(100_000) + "\",true,false\n" + ROW + ",,,\n");
        Path line = write("line.csv", HEADER + ROW + ",,,\n" + ",".repeat(200_000) + "\n");

        assertEquals(List.of("line 2: a line longer than 65536 characters (chorus.directory.max-line-chars), or a quote"
                + " left open: the rest of the file is not read"), messages(importCsv(field, Map.of())));
        assertEquals(List.of("line 3: a line longer than 65536 characters (chorus.directory.max-line-chars), or a quote"
                + " left open: the rest of the file is not read"), messages(importCsv(line, Map.of())));
        assertTrue(store.structure("33000000000011").isEmpty());
    }

    @Test
    void aLineWithinTheLimitIsRead() throws Exception {
        Path csv = write("long.csv", HEADER + ROW + "S1,\"" + "x".repeat(60_000) + "\",true,false\n");

        assertEquals(List.of("line 2: column libelle_service: '" + "x".repeat(100) + "...' is longer than 255 characters"),
                messages(importCsv(csv, Map.of())), "read, and checked as any other line");
    }

    @Test
    void tooManyStructuresAndServicesStopTheReading() throws Exception {
        Path csv = write("many.csv", HEADER + ROW + "S1,,true,false\n" + ROW + "S2,,true,false\n"
                + "33000000000029,Autre,true,false,false,false,false,false,,,,\n");

        assertEquals(List.of("line 3: more than 2 structures and services (chorus.directory.max-entries): the rest of the"
                + " file is not read"), messages(importCsv(csv, Map.of("chorus.directory.max-entries", "2"))));
        assertTrue(store.structure("33000000000011").isEmpty());
    }

    @Test
    void aFileLargerThanTheLimitIsNotRead() throws Exception {
        Path csv = write("large.csv", HEADER + ROW + ",,,\n");

        assertEquals(List.of("the file is larger than 100 bytes (chorus.directory.max-bytes)"),
                messages(importCsv(csv, Map.of("chorus.directory.max-bytes", "100"))));
    }

    @Test
    void aServiceCodeThatCannotNameAFolderOrAnIdentifierWithAControlCharacterIsRefused() throws Exception {
        Path csv = write("codes.csv", HEADER
                + ROW + "   ,,,\n"
                + ROW + "\"S\u001b[2J\",,true,false\n"
                + ROW + "\"" + "S".repeat(101) + "\",,true,false\n"
                + "\"33000000000\u0085029\",Autre,true,false,false,false,false,false,,,,\n"
                + ROW + "\"" + "é".repeat(100) + "\",,true,false\n");

        assertEquals(List.of(
                "line 2: column code_service: is blank (white space only)",
                "line 3: column code_service: 'S\u001b[2J' contains a control character",
                "line 4: column code_service: '" + "S".repeat(100) + "...' is longer than 100 characters",
                "line 5: column identifiant: '33000000000\u0085029' contains a control character"),
                messages(importCsv(csv, Map.of())), "a code of 100 characters, any of them, is a code");
    }

    private ImportReport importCsv(Path csv, Map<String, String> limits) throws IOException {
        return new DirectoryCsvImport(store, TestSettings.importLimits(limits)).importCsv(csv);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<String> messages(ImportReport report) {
        return report.errors().stream().map(ImportError::toString).toList();
    }
}
