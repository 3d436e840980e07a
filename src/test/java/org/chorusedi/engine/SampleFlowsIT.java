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
import org.chorusedi.testkit.FolderFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run, as an operator makes it in a fresh folder: sample-flows/ copied into ./edi-data and
 * {@code bin/chorus-edi run --once}, the packaged jar with the libraries beside it, through its launcher (an
 * integration test: it runs once the jar is made, so that a library missing from the package is caught);
 * then the life cycle with the samples of sample-flows/cycle/, in two more runs (docs/partners/life-cycle.md), and
 * the works market's monthly statement: the holder's draft to the MOE, the MOE's statement to the MOA, the MOA's
 * validation to the financial service (docs/partners/frameworks-and-markets.md).
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
    private static final String MOE = "41234567000019";

    @TempDir
    Path dir;

    @Test
    void theSampleFlowsDeliverWhatReadmeSaysThenGoThroughTheLifeCycle() throws Exception {
        Path root = dir.resolve("edi-data");
        copy(SAMPLES, root);
        EngineCommand.Result first = run("run", "--once");
        // Eight invoices, one of them Factur-X and one a plain PDF recognised: each XML, and beside those two their PDF.
        List<Path> ministry = FolderFiles.under(root.resolve("out").resolve(MINISTRY).resolve("SCE-ACHATS"));
        assertEquals(10, ministry.size(), first::all);
        assertEquals(2, ministry.stream().filter(p -> p.getFileName().toString().endsWith(".pdf")).count(), ministry::toString);
        // Both plain PDFs have the report of what was read; the one whose recipient's SIRET fails its check is refused.
        List<Path> read = FolderFiles.under(root.resolve("ack").resolve("AAA001")).stream()
                .filter(p -> p.getFileName().toString().endsWith(".reconnaissance.txt")).toList();
        assertEquals(2, read.size(), read::toString);
        assertEquals(1, FolderFiles.under(root.resolve("rejected").resolve("AAA001")).stream()
                .filter(p -> p.getFileName().toString().endsWith("__27-rejet-F16-pdf-siret-illisible.pdf")).count());
        assertEquals(1, FolderFiles.under(root.resolve("out").resolve(CITY).resolve("@none")).size());
        assertEquals(1, FolderFiles.under(root.resolve("out").resolve(AGENCY).resolve("@none")).size());
        // The subcontractor's A9 invoice waits for its validator, the contract holder.
        assertEquals(1, FolderFiles.under(root.resolve("out").resolve(HOLDER).resolve("@none")).size());
        assertTrue(run("invoice", "ST-2026-0007").out().contains("now 13 A_VALIDER_1"));
        // The holder's monthly draft (A4) waits for the market's MOE; the holder's partner is told 16.
        List<Path> moe = FolderFiles.under(root.resolve("out").resolve(MOE).resolve("@none"));
        assertEquals(1, moe.size(), moe::toString);
        assertTrue(Files.readString(moe.get(0)).contains("<cbc:ID>DM-2026-11</cbc:ID>"));
        assertTrue(run("invoice", "DM-2026-11").out().contains("now 16 A_TRAITER_MOE"));
        assertEquals(List.of("16"), told(root.resolve("ack").resolve("AAA001"), "DM-2026-11"));
        assertTrue(run("flows").out().contains("21 flow(s)"));

        copy(SAMPLES.resolve("cycle/1"), root);
        run("run", "--once");
        for (String partner : List.of("MIN001", "VIL001", "AGE001", "TIT001", "MOE001")) {
            Path report = single(root.resolve("ack").resolve(partner), ".flux.xml");
            assertEquals("92", Acks.status(report), () -> partner + ": " + Acks.errorDescriptions(report));
        }
        assertTrue(run("invoice", "F2026-0001").out().contains("now 08 MANDATEE"));
        assertTrue(run("invoice", "F2026-0002").out().contains("now 04 A_RECYCLER"));
        assertTrue(run("invoice", "F2026-0003").out().contains("now 06 SUSPENDUE"));
        // Approved by its validator, the A9 invoice is the city's.
        assertTrue(run("invoice", "ST-2026-0007").out().contains("now 03 MISE_A_DISPOSITION"));
        assertEquals(List.of(), FolderFiles.under(root.resolve("out").resolve(HOLDER)));
        List<Path> approved = new java.util.ArrayList<>();
        for (Path file : FolderFiles.under(root.resolve("out").resolve(CITY))) {
            if (Files.readString(file).contains("<cbc:ID>ST-2026-0007</cbc:ID>")) {
                approved.add(file);
            }
        }
        assertEquals(1, approved.size(), "the approved invoice is the city's");
        // The MOE's statement (A15) answers the draft: the draft 18 (its sender's partner told), the statement 19 at the MOA.
        assertTrue(run("invoice", "DM-2026-11").out().contains("now 18 TRAITEE_MOE"));
        assertEquals(List.of("16", "18"), told(root.resolve("ack").resolve("AAA001"), "DM-2026-11"));
        assertTrue(run("invoice", "EA-2026-11").out().contains("now 19 A_VALIDER_MOA"));
        assertEquals(List.of("19"), told(root.resolve("ack").resolve("MOE001"), "EA-2026-11"));
        List<Path> statement = FolderFiles.under(root.resolve("out").resolve(CITY).resolve("@none")).stream()
                .filter(p -> p.getFileName().toString().startsWith("MOE001-")).toList();
        assertEquals(1, statement.size(), "the MOE's statement is the MOA's");
        assertTrue(Files.readString(statement.get(0)).contains("<cbc:ID>EA-2026-11</cbc:ID>"));

        copy(SAMPLES.resolve("cycle/2"), root);
        run("run", "--once");
        String recycled = run("invoice", "F2026-0002").out();
        assertTrue(recycled.contains("now 03 MISE_A_DISPOSITION") && recycled.contains("recycled from " + CITY), recycled);
        // The MOA's validation (A19) answers the MOE's statement: the statement 21 (the MOE's partner told), the A19 03.
        List<Path> validation = FolderFiles.under(root.resolve("out").resolve(CITY).resolve("@none")).stream()
                .filter(p -> p.getFileName().toString().startsWith("VIL001-")).toList();
        assertEquals(1, validation.size(), "the MOA's validation is with the city's financial service");
        assertTrue(Files.readString(validation.get(0)).contains("<cbc:ID>AV-2026-11</cbc:ID>"));
        assertTrue(run("invoice", "EA-2026-11").out().contains("now 21 VALIDEE_MOA"));
        assertTrue(run("invoice", "AV-2026-11").out().contains("now 03 MISE_A_DISPOSITION"));
        assertEquals(List.of("19", "21"), told(root.resolve("ack").resolve("MOE001"), "EA-2026-11"));
        assertEquals(List.of("21"), told(root.resolve("ack").resolve("AAA001"), "EA-2026-11"), "the draft's sender follows its chain");
        assertEquals(List.of("03"), told(root.resolve("ack").resolve("VIL001"), "AV-2026-11"));
        List<Path> city = new java.util.ArrayList<>(approved);
        city.addAll(statement);
        city.addAll(validation);
        city.sort(null);
        assertEquals(city, FolderFiles.under(root.resolve("out").resolve(CITY)), "the city no longer has the recycled one");
        assertEquals(11, FolderFiles.under(root.resolve("out").resolve(MINISTRY).resolve("SCE-ACHATS")).size());
        assertTrue(run("invoice", "F2026-0003").out().contains("now 12 COMPLETEE"));
        assertTrue(FolderFiles.under(root.resolve("out").resolve(AGENCY)).stream().anyMatch(p -> p.getFileName().toString().endsWith("-bon-de-livraison.pdf")));
        String statuses = run("statuses").out();
        assertTrue(statuses.contains("10 status(es)"), statuses);
        assertFalse(statuses.contains("REJETEE"), statuses);
    }

    private EngineCommand.Result run(String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        if (args[0].equals("run")) {
            all.add("-Dchorus.once.idle-seconds=2");
        }
        EngineCommand.Result result = EngineCommand.launched(dir, List.of(), 5, all.toArray(String[]::new));
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


    /** The statuses a partner's invoice-status documents gave that invoice number, in code order; each document valid. */
    private static List<String> told(Path ack, String number) throws IOException {
        List<String> statuses = new java.util.ArrayList<>();
        for (Path document : FolderFiles.under(ack)) {
            if (!document.getFileName().toString().endsWith(".factures.xml")) {
                continue;
            }
            List<String> found = Acks.values(document,
                    "//CPPFactureStatutUnitaire[DonneesStatut/IdFacture='" + number + "']/DonneesStatut/IdStatut");
            if (!found.isEmpty()) {
                Acks.assertValid(document);
                statuses.addAll(found);
            }
        }
        statuses.sort(null);
        return statuses;
    }

    private static Path single(Path folder, String suffix) throws IOException {
        List<Path> found = FolderFiles.under(folder).stream().filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }
}
