package org.chorusedi.flow;

import org.chorusedi.testkit.FolderFiles;
import org.chorusedi.testkit.TestDirectory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.chorusedi.config.Folders;
import org.chorusedi.config.Configuration;
import org.chorusedi.engine.Engine;
import org.chorusedi.generator.FlowGenerator;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.support.ChildJvm;
import org.chorusedi.support.ChildJvm.Run;
import org.chorusedi.engine.EngineSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flows far larger than the heap, through the whole engine in a separate JVM limited to 128 MB: a
 * batch of about 300 MB delivered invoice by invoice, and an invoice with a 200 MB attachment rejected
 * for its size. Streaming or nothing: holding either flow would end in an OutOfMemoryError.
 */
@Tag("h2-only")
class LargeFlowMemoryIT {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String HEAP = "-Xmx128m";
    /** Only a guard against a hung child: the flows take seconds. */
    private static final long GUARD_MINUTES = 5;

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();

    @TempDir
    Path dir;

    /** Runs the command line of the engine in a JVM of its own, with a 128 MB heap. */
    private Run chorusEdi(String... args) throws Exception {
        return ChildJvm.chorusEdi(dir, HEAP, Duration.ofMinutes(GUARD_MINUTES), args);
    }

    /** A root whose directory is the test directory (src/test/resources/directory.csv), imported. */
    private Path rootWithDirectory() throws Exception {
        Path root = dir.resolve("root");
        try (Engine engine = Engine.open(EngineSettings.read(Configuration.of(Map.of("chorus.root", root.toString()))))) {
            TestDirectory.copyInto(engine.folders().directory());
            engine.directoryDrop().importPending();
            assertTrue(engine.directory().structure(InvoiceTemplate.MINISTRY).isPresent(), "the directory is imported");
        }
        return root;
    }


    @Test
    void aBatchOfAbout300MegabytesIsDeliveredWholeByAnEngineWith128MegabytesOfHeap() throws Exception {
        Path root = rootWithDirectory();
        Folders folders = new Folders(root);
        // 150 invoices, each with a 1.5 MB attachment (about 2 MB of base64 text): about 300 MB
        InvoiceTemplate template = MINISTRY.withAttachment("annexe-technique.pdf", 1_500_000);
        Path generated = dir.resolve("generated/big-batch.xml");
        assertEquals(150, new FlowGenerator(template, FlowGenerator.Syntaxes.UBL, 0).writeBatch(generated, "AAA001", 150, 0));
        long size = Files.size(generated);
        assertTrue(size > 290_000_000L && size < 320_000_000L, "about 300 MB: " + size);
        Path partnerFolder = Files.createDirectories(folders.in().resolve("AAA001"));
        Files.move(generated, partnerFolder.resolve("big-batch.xml"), StandardCopyOption.ATOMIC_MOVE);

        Run run = chorusEdi("run", "--root", root.toString(), "--once",
                "-Dchorus.once.idle-seconds=2",
                "-Dchorus.intake.poll-delay-ms=200",
                "-Dchorus.intake.read-lock-min-age-ms=0",
                "-Dchorus.intake.read-lock-check-interval-ms=200",
                "-Dchorus.directory.poll-delay-ms=200");

        assertEquals(0, run.status(), run::all);
        List<Path> reports = FolderFiles.under(folders.ack("AAA001")).stream().filter(p -> p.toString().endsWith(".flux.xml")).toList();
        assertEquals(1, reports.size(), run::all);
        Path report = reports.get(0);
        String flowId = report.getFileName().toString().replace(".flux.xml", "");
        assertEquals("92", Acks.status(report));
        assertEquals(List.of(), Acks.errorCodes(report));

        Path outbox = folders.outbox(InvoiceTemplate.MINISTRY, "SCE-ACHATS");
        List<Path> delivered = FolderFiles.under(outbox);
        assertEquals(150, delivered.size());
        assertEquals(outbox.resolve(flowId + "-0001.xml"), delivered.get(0));
        assertEquals(outbox.resolve(flowId + "-0150.xml"), delivered.get(149));
        for (int index : new int[] {1, 75, 150}) {
            String element = template.withNumber(String.format("G-%07d", index)).ubl().substring(DECLARATION.length());
            assertArrayEquals((DECLARATION + element.stripTrailing()).getBytes(StandardCharsets.UTF_8),
                    Files.readAllBytes(outbox.resolve(String.format("%s-%04d.xml", flowId, index))), "invoice " + index);
        }
        Path statuses = folders.ack("AAA001").resolve(flowId + ".factures.xml");
        assertEquals("150", Acks.value(statuses, "//CPPFactureStatuts/@compteur"));
        assertEquals(150, Acks.values(statuses, "//CPPFactureStatutUnitaire").size());

        List<Path> archived = FolderFiles.under(folders.archive());
        assertEquals(1, archived.size());
        assertEquals(flowId + "__big-batch.xml", archived.get(0).getFileName().toString());
        assertEquals(size, Files.size(archived.get(0)), "the original is archived whole");
        assertEquals(List.of(), FolderFiles.under(folders.in()));
        assertEquals(List.of(), FolderFiles.under(folders.work()));
    }

    @Test
    void anInvoiceWithA200MegabyteAttachmentIsRejectedForItsSizeByAnEngineWith128MegabytesOfHeap() throws Exception {
        Path root = rootWithDirectory();
        Path invoice = dir.resolve("AAA001/pj-200mb.xml");
        Files.createDirectories(invoice.getParent());
        try (Writer out = Files.newBufferedWriter(invoice, StandardCharsets.UTF_8)) {
            out.write(DECLARATION);
            MINISTRY.withAttachment("plans.pdf", 200_000_000).writeUbl(out);
        }
        assertTrue(Files.size(invoice) > 265_000_000L, "about 270 MB of base64: " + Files.size(invoice));

        // Deposited over the API: the limits of that mode apply (dropped into a drop directory, only the flow's 1 GB).
        Run run = chorusEdi("validate", "--mode", "API", "--root", root.toString(), invoice.toString());

        assertEquals(1, run.status(), run::all);
        Path report = Files.writeString(dir.resolve("report.xml"), run.out());
        assertEquals("93", Acks.status(report));
        // over 10 MB decoded (I14), and so over 120 MB with the invoice (I15)
        assertEquals(List.of("I14", "I15"), Acks.errorCodes(report), run::all);
        List<String> descriptions = Acks.errorDescriptions(report);
        String small = MINISTRY.withAttachment("plans.pdf", 1).ubl();
        long line = small.substring(0, small.indexOf("<cbc:EmbeddedDocumentBinaryObject")).chars().filter(c -> c == '\n').count() + 1;
        assertTrue(descriptions.get(0).contains("attachment 'plans.pdf' (line " + line + ", column ")
                && descriptions.get(0).endsWith("200000000 bytes once decoded, over 10000000 (deposited over the API)"),
                descriptions::toString);
        assertTrue(descriptions.get(1).contains("over 120000000"), descriptions::toString);
        assertEquals("AAA001", Acks.value(report, "//Recepteur/Id"));
    }
}
