package org.chorusedi.flow;

import static org.chorusedi.support.ExpandingFlows.around;
import static org.chorusedi.support.ExpandingFlows.gzip;
import static org.chorusedi.support.ExpandingFlows.inserted;
import static org.chorusedi.support.ExpandingFlows.letters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.support.ChildJvm;
import org.chorusedi.support.ChildJvm.Run;
import org.chorusedi.support.ExpandingFlows;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: small files that expand once read, each checked with {@code validate} in a JVM of its own
 * with a 256 MB heap, as the issue found them: a few megabytes of gzip, tar.gz or zip holding 150 MB
 * of one thing (a tar long name or PAX header, a comment, a text, a processing instruction, a name),
 * millions of distinct names, a zip directory of a million entries, schema errors on huge values.
 * Each is rejected with its code, and no OutOfMemoryError ends the JVM. The files are written streaming:
 * the test holds none of them. The guard only stops a hung child.
 */
@Tag("h2-only")
class ExpandingFlowMemoryIT {

    private static final String HEAP = "-Xmx256m";
    private static final Duration GUARD = Duration.ofMinutes(5);
    private static final long HUGE = 150L * 1000 * 1000;
    private static final String UBL = InvoiceTemplate.toMinistry().ubl();
    private static final String ISSUE_DATE = "<cbc:IssueDate>";
    private static final String BATCH_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n";

    @TempDir
    Path dir;

    /** The flow report of {@code validate file}, once it ends with exit status 1 (something rejected). */
    private Path validate(Path file) throws Exception {
        assertTrue(Files.size(file) < 100L * 1000 * 1000, () -> file.getFileName() + ": a small file, " + safeSize(file) + " bytes");
        Run run = ChildJvm.chorusEdi(dir, HEAP, GUARD, "validate", file.toString());
        assertEquals(1, run.status(), run::all);
        return Files.writeString(dir.resolve(file.getFileName() + ".report.xml"), run.out());
    }

    /** The flow is rejected as a whole with this code, its description starting so. */
    private void assertRejected(Path file, String code, String description) throws Exception {
        Path report = validate(file);
        assertEquals("93", Acks.status(report));
        assertEquals(List.of(code), Acks.errorCodes(report), () -> Acks.errorDescriptions(report).toString());
        String said = Acks.errorDescriptions(report).get(0);
        assertTrue(said.startsWith(description), said);
    }

    private static long safeSize(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ================================================================ archives (F08)

    @Test
    void aTarGzWithA150MegabyteLongNameIsF08() throws Exception {
        Path file = ExpandingFlows.tarGzWithLongName(dir.resolve("long-name.tar.gz"), HUGE, utf8(UBL));

        assertRejected(file, "F08", "long-name.tar.gz: entry 1: its headers hold ");
    }

    @Test
    void aTarGzWithA150MegabytePaxHeaderIsF08() throws Exception {
        Path file = ExpandingFlows.tarGzWithPaxHeader(dir.resolve("pax.tar.gz"), HUGE, utf8(UBL));

        assertRejected(file, "F08", "pax.tar.gz: entry 1: its headers hold ");
    }

    @Test
    void aZipWhoseCentralDirectoryListsAMillionEntriesIsF08() throws Exception {
        // a 50 MB file whose end record claims one entry
        Path file = ExpandingFlows.zipWithDirectory(dir.resolve("million.zip"), 1_000_000, 5, 0, 0);

        assertRejected(file, "F08", "million.zip: the central directory claims ");
    }

    // ================================================================ XML (F11)

    /** 150 MB of letters between {@code before} and {@code after}, inserted in the invoice before {@code marker}. */
    static Stream<Arguments> hugeMarkup() {
        return Stream.of(
                Arguments.of("comment.xml.gz", ISSUE_DATE, "<!--", "-->", "line 5, column 3: a comment longer than "),
                Arguments.of("text.xml.gz", "<cbc:DocumentCurrencyCode>", "<cbc:Note>", "</cbc:Note>", "line 8, column 13: a text node longer than "),
                Arguments.of("pi.xml.gz", ISSUE_DATE, "<?chorus ", "?>", "line 5, column 3: a processing instruction longer than "),
                Arguments.of("name.xml.gz", ISSUE_DATE, "<", "/>", "line 5, column 3: a name longer than "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeMarkup")
    void anXmlGzWith150MegabytesOfACommentTextProcessingInstructionOrNameIsF11(String name, String marker, String before,
                                                                               String after, String said) throws Exception {
        Path file = gzip(dir.resolve(name), inserted(UBL, marker, around(before, HUGE, after)));

        assertRejected(file, "F11", name + ": " + said);
    }

    @Test
    void anXmlGzWithThreeMillionDistinctNamesIsF11() throws Exception {
        Path file = gzip(dir.resolve("names.xml.gz"), inserted(UBL, ISSUE_DATE, ExpandingFlows.distinctNames(3000)));

        assertRejected(file, "F11", "names.xml.gz: line 5, column ");
    }

    @Test
    void aBatchWhoseHeaderHasAMillionChildrenIsF11() throws Exception {
        Path file = gzip(dir.resolve("header.xml.gz"), ExpandingFlows.batchWithHeaderChildren(UBL, 990_000));

        assertRejected(file, "F11", "header.xml.gz: line 3, column ");
    }

    // ================================================================ schema errors on huge values (I16)

    @Test
    void aBatchOfInvoicesWithSchemaErrorsOnHugeValuesIsDecidedInvoiceByInvoice() throws Exception {
        // each error message quotes its value: 400 of them, 900,000 characters each, were all kept to the end
        int invoices = 400;
        String invoice = UBL.substring(UBL.indexOf('\n') + 1);
        int at = invoice.indexOf(ISSUE_DATE) + ISSUE_DATE.length();
        String before = invoice.substring(0, at) + "2026-11-20";
        String after = invoice.substring(invoice.indexOf("</cbc:IssueDate>"));
        Path file = gzip(dir.resolve("huge-values.xml.gz"), out -> {
            out.write(utf8(BATCH_HEAD + "<Header><PartnerCode>AAA001</PartnerCode><FlowId>LOT-1</FlowId>"
                    + "<CreatedAt>2026-11-26T10:00:00Z</CreatedAt><InvoiceCount>" + invoices + "</InvoiceCount></Header>\n"));
            for (int i = 0; i < invoices; i++) {
                out.write(utf8(before));
                letters(out, 900_000);
                out.write(utf8(after));
            }
            out.write(utf8("</Batch>\n"));
        });

        Path report = validate(file);

        assertEquals("93", Acks.status(report));
        List<String> codes = Acks.errorCodes(report);
        assertEquals(invoices, Collections.frequency(codes, "I16"), codes::toString);
        for (String description : Acks.errorDescriptions(report)) {
            assertTrue(description.length() < 4000, () -> "a description of " + description.length() + " characters");
        }
    }
}
