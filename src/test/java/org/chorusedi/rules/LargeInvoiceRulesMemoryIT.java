package org.chorusedi.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.chorusedi.generator.FlowGenerator;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.support.ChildJvm;
import org.chorusedi.support.ChildJvm.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large single invoices under the EN 16931 rules, through {@code validate} in a JVM of its own: the largest invoice
 * checked follows the heap. A 100 MB UBL invoice (190,000 lines) is checked to its last line with {@code -Xmx1g}, and
 * refused with {@code -Xmx256m} saying what heap would check it; and two invoices just under the largest
 * {@code -Xmx256m} checks (28 MB of such lines, a node every 17 bytes), in one batch, are both checked in it. On the
 * parallel collector, which the launcher gives the engine, the heap a refusal advises checks the invoice. An
 * OutOfMemoryError fails the test.
 */
// On H2 only in CI (.ci/run): nothing here depends on the database.
@Tag("h2-only")
class LargeInvoiceRulesMemoryIT {

    /** The header's sum of the line amounts (BT-106), made one cent off: BR-CO-10 can only fail once every line is summed. */
    private static final String LINES_TOTAL = "<cbc:LineExtensionAmount currencyID=\"EUR\">";

    @TempDir
    static Path dir;
    private static Path hundredMegabytes;

    @BeforeAll
    static void writeInvoice() throws IOException {
        FlowGenerator generator = new FlowGenerator(InvoiceTemplate.toMinistry().withLines(190_000), FlowGenerator.Syntaxes.UBL, 0);
        hundredMegabytes = generator.writeFiles(dir.resolve("single"), 1).get(0);
        assertTrue(Files.size(hundredMegabytes) > 100_000_000L, "over 100 MB: " + Files.size(hundredMegabytes));
        offByOneCent(hundredMegabytes);
    }

    @Test
    void aHundredMegabyteInvoiceIsCheckedWithAOneGigabyteHeap() throws Exception {
        Run run = ChildJvm.chorusEdi(dir, "-Xmx1g", Duration.ofMinutes(5), "validate", hundredMegabytes.toString());

        List<String> errors = descriptions(run);
        assertTrue(errors.stream().anyMatch(e -> e.contains("BR-CO-10")), run::all);
        assertTrue(errors.stream().noneMatch(e -> e.contains("EN16931-SIZE")), run::all);
    }

    @Test
    void aHundredMegabyteInvoiceIsRefusedWithASmallHeapSayingWhatHeapWouldCheckIt() throws Exception {
        Run run = ChildJvm.chorusEdi(dir, "-Xmx256m", Duration.ofMinutes(2), "validate", hundredMegabytes.toString());

        String refusal = descriptions(run).stream().filter(e -> e.contains("EN16931-SIZE")).findFirst().orElseThrow(() ->
                new AssertionError(run.all()));
        assertTrue(refusal.contains("a maximum heap of 899 MiB (-Xmx) would check it"), refusal);
        assertTrue(refusal.contains("of this engine's 256 MiB"), refusal);
    }

    @Test
    void onTheParallelCollectorTheRefusalCountsTheHeapAsSetAndTheHeapItAdvisesChecksTheInvoice() throws Exception {
        // The launcher runs the engine on it; its Runtime.maxMemory() leaves out a survivor space (245 MiB of -Xmx256m).
        Run refused = ChildJvm.chorusEdi(dir, List.of("-Xmx256m", "-XX:+UseParallelGC"), Duration.ofMinutes(2),
                "validate", hundredMegabytes.toString());
        String refusal = descriptions(refused).stream().filter(e -> e.contains("EN16931-SIZE")).findFirst().orElseThrow(() ->
                new AssertionError(refused.all()));
        assertTrue(refusal.contains("of this engine's 256 MiB"), refusal);
        assertTrue(refusal.contains("a maximum heap of 899 MiB (-Xmx) would check it"), refusal);

        Run checked = ChildJvm.chorusEdi(dir, List.of("-Xmx899m", "-XX:+UseParallelGC"), Duration.ofMinutes(5),
                "validate", hundredMegabytes.toString());
        List<String> errors = descriptions(checked);
        assertTrue(errors.stream().anyMatch(e -> e.contains("BR-CO-10")), checked::all);
        assertTrue(errors.stream().noneMatch(e -> e.contains("EN16931-SIZE")), checked::all);
    }

    @Test
    void twoInvoicesAsLargeAsASmallHeapChecksAreBothChecked() throws Exception {
        Path batch = dir.resolve("AAA001/two-invoices.xml");
        Files.createDirectories(batch.getParent());
        new FlowGenerator(InvoiceTemplate.toMinistry().withLines(50_000), FlowGenerator.Syntaxes.UBL, 0).writeBatch(batch, "AAA001", 2, 0);
        assertTrue(Files.size(batch) > 52_000_000L, "two invoices of about 26.4 MB: " + Files.size(batch));

        Run run = ChildJvm.chorusEdi(dir, "-Xmx256m", Duration.ofMinutes(5), "validate", batch.toString());

        // Both checked and passed: only the directory, which validate has not, is missing (I03).
        assertEquals(1, run.status(), run::all);
        assertEquals(List.of("I03", "I03"), Acks.errorCodes(report(run)), run::all);
    }

    private static List<String> descriptions(Run run) throws IOException {
        assertEquals(1, run.status(), run::all);
        return Acks.errorDescriptions(report(run));
    }

    private static Path report(Run run) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "report", ".xml"), run.out());
    }

    private static void offByOneCent(Path invoice) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(invoice.toFile(), "rw")) {
            byte[] head = new byte[8192];
            file.readFully(head);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            int total = text.indexOf(LINES_TOTAL, text.indexOf("<cac:LegalMonetaryTotal>")) + LINES_TOTAL.length();
            int lastDigit = text.indexOf('<', total) - 1;
            assertEquals("19000000.00", text.substring(total, lastDigit + 1));
            file.seek(lastDigit);
            file.write('1');
        }
    }
}
