package org.chorusedi.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chorusedi.database.Database;
import org.chorusedi.testkit.TestDatabase;
import org.chorusedi.support.TestSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a directory file holds, and whatever fails while it is imported, it ends in imported/ or
 * rejected/ with one log line, and the other files go on; nothing kept earlier is replaced.
 */
class DirectoryDropTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30Z");
    private static final String HEADER = "identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,"
            + "ej_ou_code_service,statut_mise_en_paiement_non_remonte,moa\n";
    private static final String GOOD = HEADER + "33000000000011,Nouvelle structure,true,false,false,false,false,false\n";
    private static final String BAD = HEADER + "33000000000011,Nouvelle structure,oui,false,false,false,false,false\n";

    @TempDir
    Path root;

    private Path folder;
    private Database database;
    private DirectoryStore store;

    @BeforeEach
    void open() throws IOException {
        folder = Files.createDirectories(root.resolve("directory"));
        database = Database.open(TestDatabase.url(root.resolve("db")), TestDatabase.user(), "");
        store = new DirectoryStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anErrorWhileOneFileIsImportedRejectsThatFileAndTheOthersGoOn() throws Exception {
        DirectoryCsvImport csv = new DirectoryCsvImport(store, TestSettings.importLimits());
        DirectoryImport exhausting = file -> {
            if (file.getFileName().toString().startsWith("a-")) {
                throw new OutOfMemoryError("Java heap space");
            }
            return csv.importCsv(file);
        };
        write("a-huge.csv", GOOD);
        write("b-good.csv", GOOD);

        drop(Map.of(".csv", exhausting), 5).importPending();

        assertEquals(List.of("20261201T101530_a-huge.csv", "20261201T101530_a-huge.csv.errors.txt"), names("rejected"));
        assertEquals("the file cannot be imported: it needs more memory than the engine has"
                + " (java.lang.OutOfMemoryError: Java heap space)\n", report("20261201T101530_a-huge.csv"));
        assertEquals(List.of("20261201T101530_b-good.csv"), names("imported"));
        assertTrue(store.structure("33000000000011").isPresent());
        assertEquals(List.of("imported", "rejected"), names(""));
    }

    @Test
    void aDatabaseFailureLeavesTheFileForItsNextAttemptsThenRejectsItSayingWhy() throws Exception {
        write("annuaire.csv", GOOD);
        database.close(); // every connection now fails
        DirectoryDrop drop = drop(Map.of(".csv", new DirectoryCsvImport(store, TestSettings.importLimits())::importCsv), 3);

        drop.importPending();
        drop.importFile(folder.resolve("annuaire.csv"));
        assertEquals(List.of("annuaire.csv"), names(""), "pending after two failed attempts");

        drop.importFile(folder.resolve("annuaire.csv"));

        assertEquals(List.of("20261201T101530_annuaire.csv", "20261201T101530_annuaire.csv.errors.txt"), names("rejected"));
        String report = report("20261201T101530_annuaire.csv");
        assertTrue(report.startsWith("not imported after 3 attempts, for a reason other than its content (the database"
                + " or the disk failed): "), report);
        assertTrue(report.contains("drop it again once the cause is fixed"), report);
    }

    @Test
    void aFileReplacedAfterAFailedAttemptStartsAgainFromItsFirst() throws Exception {
        Path file = write("annuaire.csv", GOOD);
        database.close();
        DirectoryDrop drop = drop(Map.of(".csv", new DirectoryCsvImport(store, TestSettings.importLimits())::importCsv), 2);
        drop.importFile(file);

        write("annuaire.csv", GOOD + "33000000000029,Autre structure,true,false,false,false,false,false\n");
        drop.importFile(file);

        assertEquals(List.of("annuaire.csv"), names(""), "the new file has had one attempt of two");
    }

    @Test
    void filesOfTheSameNameNeverReplaceOneAnother() throws Exception {
        DirectoryDrop drop = drop(Map.of(".csv", new DirectoryCsvImport(store, TestSettings.importLimits())::importCsv), 5);
        for (String content : List.of(GOOD, GOOD + "\n", BAD, BAD + "\n")) {
            drop.importFile(write("annuaire.csv", content));
        }

        assertEquals(List.of("20261201T101530-2_annuaire.csv", "20261201T101530_annuaire.csv"), names("imported"));
        assertEquals(GOOD, Files.readString(folder.resolve("imported/20261201T101530_annuaire.csv")));
        assertEquals(GOOD + "\n", Files.readString(folder.resolve("imported/20261201T101530-2_annuaire.csv")));
        assertEquals(List.of("20261201T101530-2_annuaire.csv", "20261201T101530-2_annuaire.csv.errors.txt",
                "20261201T101530_annuaire.csv", "20261201T101530_annuaire.csv.errors.txt"), names("rejected"));
        assertEquals(BAD, Files.readString(folder.resolve("rejected/20261201T101530_annuaire.csv")));
        assertEquals(BAD + "\n", Files.readString(folder.resolve("rejected/20261201T101530-2_annuaire.csv")));
    }

    @Test
    void aLinkIsRejectedWithoutBeingOpened(@TempDir Path outside) throws Exception {
        Path target = Files.writeString(outside.resolve("elsewhere.csv"), GOOD);
        Files.createSymbolicLink(folder.resolve("link.csv"), target);

        drop(Map.of(".csv", new DirectoryCsvImport(store, TestSettings.importLimits())::importCsv), 5).importPending();

        assertTrue(store.structure("33000000000011").isEmpty());
        assertTrue(Files.isSymbolicLink(folder.resolve("rejected/20261201T101530_link.csv")), "the link itself is kept");
        assertTrue(report("20261201T101530_link.csv").startsWith("not a regular file"));
        assertEquals(GOOD, Files.readString(target));
    }

    @Test
    void aReportQuotesControlCharactersEscaped() throws Exception {
        write("bad.csv", HEADER + "33000000000011,Nouvelle structure,\u001b[31moui,false,false,false,false,false\n");

        drop(Map.of(".csv", new DirectoryCsvImport(store, TestSettings.importLimits())::importCsv), 5).importPending();

        String report = report("20261201T101530_bad.csv");
        assertTrue(report.contains("'\\x1B[31moui'"), report);
        assertTrue(report.chars().noneMatch(c -> c == 0x1b), report);
    }

    private DirectoryDrop drop(Map<String, DirectoryImport> imports, int attempts) {
        return new DirectoryDrop(imports, folder, attempts, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private String report(String kept) throws IOException {
        return Files.readString(folder.resolve("rejected").resolve(kept + ".errors.txt"), StandardCharsets.UTF_8);
    }

    /** The names in a folder under directory/ ("": directory/ itself), sorted. */
    private List<String> names(String under) throws IOException {
        Path in = folder.resolve(under);
        if (!Files.exists(in)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(in)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
