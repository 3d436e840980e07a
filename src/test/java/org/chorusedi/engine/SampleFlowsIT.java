package org.chorusedi.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.chorusedi.support.Acks;
import org.chorusedi.support.EngineCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run, as an operator makes it in a fresh folder: sample-flows/ copied into ./edi-data and
 * {@code java -jar target/chorus-edi.jar run --once}, the packaged jar with the libraries beside it (an
 * integration test: it runs once the jar is made, so that a library missing from the package is caught);
 * then the life cycle with the samples of sample-flows/cycle/, in two more runs (docs/partners/life-cycle.md).
 * What docs/operators/install-and-run.md says lands where is checked here. The embedded database, as README's
 * run: H2 only.
 */
@Tag("h2-only")
class SampleFlowsIT {

    private static final Path SAMPLES = Path.of("sample-flows").toAbsolutePath();
    private static final String MINISTRY = "11000201100044";
    private static final String CITY = "21750001600019";
    private static final String AGENCY = "13000548100010";
    private static final String HOLDER = "73282932000074";

    @TempDir
    Path dir;

    @Test
    void theSampleFlowsDeliverWhatReadmeSaysThenGoThroughTheLifeCycle() throws Exception {
        Path root = dir.resolve("edi-data");
        copy(SAMPLES, root);
        EngineCommand.Result first = run("run", "--once");
        // Seven invoices, one of them Factur-X: its XML and its PDF.
        List<Path> ministry = files(root.resolve("out").resolve(MINISTRY).resolve("SCE-ACHATS"));
        assertEquals(8, ministry.size(), first::all);
        assertEquals(1, ministry.stream().filter(p -> p.getFileName().toString().endsWith(".pdf")).count(), ministry::toString);
        assertEquals(1, files(root.resolve("out").resolve(CITY).resolve("@none")).size());
        assertEquals(1, files(root.resolve("out").resolve(AGENCY).resolve("@none")).size());
        // The subcontractor's A9 invoice waits for its validator, the contract holder.
        assertEquals(1, files(root.resolve("out").resolve(HOLDER).resolve("@none")).size());
        assertTrue(run("invoice", "ST-2026-0007").out().contains("now 13 A_VALIDER_1"));
        assertTrue(run("flows").out().contains("18 flow(s)"));

        copy(SAMPLES.resolve("cycle/1"), root);
        run("run", "--once");
        for (String partner : List.of("MIN001", "VIL001", "AGE001", "TIT001")) {
            Path report = single(root.resolve("ack").resolve(partner), ".flux.xml");
            assertEquals("92", Acks.status(report), () -> partner + ": " + Acks.errorDescriptions(report));
        }
        assertTrue(run("invoice", "F2026-0001").out().contains("now 08 MANDATEE"));
        assertTrue(run("invoice", "F2026-0002").out().contains("now 04 A_RECYCLER"));
        assertTrue(run("invoice", "F2026-0003").out().contains("now 06 SUSPENDUE"));
        // Approved by its validator, the A9 invoice is the city's.
        assertTrue(run("invoice", "ST-2026-0007").out().contains("now 03 MISE_A_DISPOSITION"));
        assertEquals(List.of(), files(root.resolve("out").resolve(HOLDER)));
        List<Path> approved = new java.util.ArrayList<>();
        for (Path file : files(root.resolve("out").resolve(CITY))) {
            if (Files.readString(file).contains("<cbc:ID>ST-2026-0007</cbc:ID>")) {
                approved.add(file);
            }
        }
        assertEquals(1, approved.size(), "the approved invoice is the city's");

        copy(SAMPLES.resolve("cycle/2"), root);
        run("run", "--once");
        String recycled = run("invoice", "F2026-0002").out();
        assertTrue(recycled.contains("now 03 MISE_A_DISPOSITION") && recycled.contains("recycled from " + CITY), recycled);
        assertEquals(approved, files(root.resolve("out").resolve(CITY)), "the city no longer has the recycled one");
        assertEquals(9, files(root.resolve("out").resolve(MINISTRY).resolve("SCE-ACHATS")).size());
        assertTrue(run("invoice", "F2026-0003").out().contains("now 12 COMPLETEE"));
        assertTrue(files(root.resolve("out").resolve(AGENCY)).stream().anyMatch(p -> p.getFileName().toString().endsWith("-bon-de-livraison.pdf")));
        String statuses = run("statuses").out();
        assertTrue(statuses.contains("8 status(es)"), statuses);
        assertFalse(statuses.contains("REJETEE"), statuses);
    }

    private EngineCommand.Result run(String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        if (args[0].equals("run")) {
            all.add("-Dchorus.once.idle-seconds=2");
        }
        EngineCommand.Result result = EngineCommand.packaged(dir, 5, all.toArray(String[]::new));
        assertEquals(0, result.status(), result::all);
        return result;
    }

    /** Copies a folder's tree as {@code cp -r from/. to/} does. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path single(Path folder, String suffix) throws IOException {
        List<Path> found = files(folder).stream().filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }
}
