package org.chorusedi.directory;

import org.chorusedi.testkit.TestDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.support.DirectoryFiles;
import org.chorusedi.support.EngineProcess;
import org.chorusedi.testkit.TestDatabase;
import org.chorusedi.text.Printable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine, started as an operator starts it (a JVM of its own, a 256 MB heap), with a bad directory
 * file of every kind waiting in directory/: each is rejected with its report, the good one is imported,
 * and the engine starts and delivers flows. Runs on PostgreSQL too, where a structure of more than
 * 65,535 services once went beyond the bind parameters of one statement.
 */
class DirectoryStartUpIT {

    private static final long START_MS = 180_000;

    @TempDir
    Path dir;

    @Test
    void badDirectoryFilesOfEveryKindAreRejectedAndTheEngineStarts() throws Exception {
        Path root = dir.resolve("root");
        Path directory = Files.createDirectories(root.resolve("directory"));
        TestDirectory.copyInto(directory);
        List<String> bad = List.of("FAR37_CPP002_FULL_20261201000000_1.xml.gz", "FAR37_CPP002_FULL_20261201000000_2.xml",
                "quote.csv", "empty.xml.gz", "\u001b[2Jcodes.csv");
        DirectoryFiles.far37MillionsOfElements(directory.resolve(bad.get(0)));
        DirectoryFiles.far37ManyServices(directory.resolve(bad.get(1)), 70_000);
        DirectoryFiles.csvUnterminatedQuote(directory.resolve(bad.get(2)), 80_000_000);
        Files.createFile(directory.resolve(bad.get(3)));
        Files.writeString(directory.resolve(bad.get(4)), "identifiant,raison_sociale,actif,code_service_obligatoire,"
                + "ej_obligatoire,ej_ou_code_service,statut_mise_en_paiement_non_remonte,moa,code_service,libelle_service,"
                + "service_actif,service_ej_obligatoire\n33000000000011,Structure,true,false,false,false,false,false,"
                + "\"\u001b]0;titre\u0007\",,true,false\n");

        EngineProcess engine = EngineProcess.start(root, dir, dir.resolve("engine.log"), List.of(
                "-Dchorus.db.url=" + TestDatabase.url(root.resolve("db")), "-Dchorus.db.user=" + TestDatabase.user()));
        try {
            assertTrue(engine.awaitReady(START_MS), "the engine did not start:\n" + engine.tail(40));

            assertEquals(List.of("imported", "rejected"), names(directory), "nothing left pending");
            List<String> imported = names(directory.resolve("imported"));
            assertEquals(2, imported.size(), imported.toString());
            assertTrue(imported.get(0).endsWith("_directory.csv") && imported.get(1).endsWith("_partenaires.csv"),
                    imported.toString());
            List<String> rejected = names(directory.resolve("rejected"));
            assertEquals(2 * bad.size(), rejected.size(), rejected.toString());
            for (String name : bad) {
                assertTrue(rejected.stream().anyMatch(kept -> kept.endsWith("_" + name)), name + " in " + rejected);
                assertTrue(rejected.stream().anyMatch(kept -> kept.endsWith("_" + name + ".errors.txt")),
                        name + "'s report in " + rejected);
            }

            Path aside = Files.createDirectories(dir.resolve("outgoing")).resolve("facture.xml");
            InvoiceTemplate.toMinistry().withNumber("F-START-1").writeUbl(aside);
            Files.move(aside, Files.createDirectories(root.resolve("in/AAA001")).resolve("facture.xml"),
                    StandardCopyOption.ATOMIC_MOVE);
            Path flowReport = awaitFlowReport(root.resolve("ack/AAA001"), engine);
            assertEquals("92", Acks.status(flowReport), "the flow is delivered");
        } finally {
            engine.stop(30_000);
        }
        List<String> lines = engine.lines();
        assertTrue(lines.stream().noneMatch(line -> line.contains("OutOfMemoryError")), engine.tail(40));
        assertTrue(lines.stream().noneMatch(line -> line.matches(".*\\s(out|err)\\s+at .*")),
                "one line for each bad file, no stack trace:\n" + engine.tail(40));
        for (String name : bad) {
            assertEquals(1, lines.stream().filter(line -> line.contains("directory file " + Printable.of(name) + " rejected"))
                    .count(), name + ":\n" + engine.tail(40));
        }
        assertTrue(lines.stream().noneMatch(line -> line.chars().anyMatch(c -> c == 0x1b || c == 0x07)),
                "control characters from a file's name or content never reach a log line");
    }

    private static Path awaitFlowReport(Path ack, EngineProcess engine) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(ack)) {
                try (Stream<Path> files = Files.list(ack)) {
                    List<Path> reports = files.filter(p -> p.getFileName().toString().endsWith(".flux.xml")).toList();
                    if (!reports.isEmpty()) {
                        return reports.get(0);
                    }
                }
            }
            Thread.sleep(100);
        }
        return fail("no flow report in time:\n" + engine.tail(40));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
