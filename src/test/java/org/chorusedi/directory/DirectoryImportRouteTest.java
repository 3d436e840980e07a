package org.chorusedi.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.chorusedi.support.DirectoryFiles;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.junit.jupiter.api.Test;

/** The directory-import route of routes/intake.camel.yaml: CSV files dropped into directory/. */
class DirectoryImportRouteTest extends EngineRouteTestSupport {

    private static final String HEADER = "identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,"
            + "ej_ou_code_service,statut_mise_en_paiement_non_remonte,moa,code_service,libelle_service,service_actif,service_ej_obligatoire\n";

    @Test
    void aGoodFileIsImportedAndMovedToImported() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("directory-import").whenDone(1).create();
        dropCsv("update.csv", HEADER
                + "33000000000011,Nouvelle structure,true,false,false,false,false,false,COMPTA,Comptabilité,true,true\n"
                + "19750001000016,École rouverte,true,false,false,false,false,false,,,,\n");
        await(done);

        assertTrue(engine.directory().structure("33000000000011").orElseThrow().active());
        assertTrue(engine.directory().service("33000000000011", "COMPTA").orElseThrow().engagementRequired());
        assertEquals("École rouverte", engine.directory().structure("19750001000016").orElseThrow().name());
        assertTrue(engine.directory().structure("19750001000016").orElseThrow().active(), "an update reactivates");
        assertEquals(1, files(folders().directory().resolve("imported")).stream()
                .filter(p -> p.getFileName().toString().endsWith("_update.csv")).count());
        assertTrue(Files.notExists(folders().directory().resolve("update.csv")));
    }

    @Test
    void aFileWithABadLineChangesNothingAndIsRejectedWithItsReport() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("directory-import").whenDone(1).create();
        dropCsv("bad.csv", HEADER
                + "33000000000011,Nouvelle structure,true,false,false,false,false,false,,,,\n"
                + "19750001000016,École rouverte,oui,false,false,false,false,false,,,,\n");
        await(done);

        assertTrue(engine.directory().structure("33000000000011").isEmpty(), "nothing of a bad file is imported");
        assertTrue(!engine.directory().structure("19750001000016").orElseThrow().active());
        Path report = single(folders().directory().resolve("rejected"), "_bad.csv.errors.txt");
        String errors = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(errors.startsWith("line 3: "), errors);
        assertTrue(errors.contains("actif"), errors);
        assertTrue(Files.exists(report.resolveSibling(report.getFileName().toString().replace(".errors.txt", ""))));
    }

    @Test
    void filesThatCannotBeImportedAreRejectedWhileTheEngineRunsAndTheOthersGoOn() throws Exception {
        dropFile("FAR37_CPP002_FULL_20261201000000_1.xml.gz", DirectoryFiles::far37MillionsOfElements);
        dropFile("quote.csv", file -> DirectoryFiles.csvUnterminatedQuote(file, 1_000_000));
        dropFile("empty.xml.gz", Files::createFile);
        dropCsv("good.csv", HEADER + "33000000000011,Nouvelle structure,true,false,false,false,false,false,,,,\n");

        Path rejected = folders().directory().resolve("rejected");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // imported/ already holds the test directory and partner registry: the good file is waited for by name.
        while (kept(rejected, "") < 6 || kept(folders().directory().resolve("imported"), "_good.csv") < 1) {
            assertTrue(System.nanoTime() < deadline, () -> "not every file was taken in time: " + listing());
            Thread.sleep(50);
        }

        assertTrue(engine.directory().structure("33000000000011").isPresent(), "the good file is imported");
        assertTrue(Files.readString(single(rejected, "_FAR37_CPP002_FULL_20261201000000_1.xml.gz.errors.txt"))
                .contains("more than 32 elements"));
        assertTrue(Files.readString(single(rejected, "_quote.csv.errors.txt"))
                .contains("chorus.directory.max-line-chars"));
        assertTrue(Files.readString(single(rejected, "_empty.xml.gz.errors.txt")).startsWith("not a gzip file"));
        assertEquals(List.of("imported", "rejected"), names(folders().directory()), "nothing left pending");
    }

    @Test
    void aFileTheDatabaseFailsOnIsTriedAgainThenRejectedSayingWhy() throws Exception {
        engine.close(); // the database is gone: every import fails for a reason other than the file
        dropCsv("update.csv", HEADER + "33000000000011,Nouvelle structure,true,false,false,false,false,false,,,,\n");

        Path report = awaitReport("_update.csv.errors.txt");

        assertTrue(Files.readString(report).startsWith("not imported after 2 attempts, for a reason other than its content"
                + " (the database or the disk failed)"), Files.readString(report));
        assertEquals(List.of("imported", "rejected"), names(folders().directory()), "nothing left pending");
    }

    /** Two attempts, one right after the other, for the test above. */
    @Override
    protected Properties properties() {
        Properties properties = super.properties();
        properties.setProperty("chorus.directory.import-attempts", "2");
        properties.setProperty("chorus.directory.retry-delay-ms", "0");
        return properties;
    }

    private Path awaitReport(String suffix) throws Exception {
        Path rejected = folders().directory().resolve("rejected");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (kept(rejected, suffix) == 0) {
            assertTrue(System.nanoTime() < deadline, () -> "no report in time: " + listing());
            Thread.sleep(50);
        }
        return single(rejected, suffix);
    }

    /** Writes a file aside with {@code writer}, then renames it into directory/, as an operator must. */
    private void dropFile(String name, FileWriter writer) throws Exception {
        Path aside = folders().directory().resolve(name + ".part");
        writer.write(aside);
        Files.move(aside, folders().directory().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @FunctionalInterface
    private interface FileWriter {
        Path write(Path file) throws IOException;
    }

    /** How many files in the folder end so, not counting what is being written aside (dot-files). */
    /** What the directory folder holds, for a failure's message. */
    private String listing() {
        try {
            return files(folders().directory()).toString();
        } catch (IOException e) {
            return "(not listed: " + e + ")";
        }
    }

    private static long kept(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        return names(folder).stream().filter(name -> !name.startsWith(".") && name.endsWith(suffix)).count();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void dropCsv(String name, String content) throws Exception {
        Path aside = folders().directory().resolve(name + ".part");
        Files.writeString(aside, content, StandardCharsets.UTF_8);
        Files.move(aside, folders().directory().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
