package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.testkit.Archives;
import org.chorusedi.support.ExpandingFlows;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, XML limits: what the parser or the schema validator would hold whole (a comment, a
 * processing instruction, a DOCTYPE, the text of one node, a name, the table of distinct names) is
 * measured as it streams and refused with F11 past its limit, naming the file, the place and the key.
 * An attachment's text, and the text directly under the root, are never held: they stay unlimited.
 */
class XmlLimitsTest {

    private static final String UBL = InvoiceTemplate.toMinistry().ubl();
    private static final String TEXT_LIMIT = " longer than 1000000 characters (chorus.xml.max-text-length)";
    private static final String NAME_LIMIT = " longer than 1000 characters (chorus.xml.max-name-length)";
    /** Where the template's cbc:IssueDate starts: line 5, column 3. */
    private static final String ISSUE_DATE = "<cbc:IssueDate>";
    /** Where a cbc:Note may stand in the template. */
    private static final String NOTE_PLACE = "<cbc:DocumentCurrencyCode>";

    @TempDir
    Path dir;

    private FlowOutcome evaluate(Path file, Map<String, String> settings) throws IOException {
        return FlowCheck.evaluate(file, dir, settings);
    }

    private Path write(String name, String xml) throws IOException {
        return Files.writeString(dir.resolve(name), xml, StandardCharsets.UTF_8);
    }

    /** The one F11 finding of a flow rejected as a whole. */
    private String f11(Path file, Map<String, String> settings) throws IOException {
        return FlowCheck.rejected(evaluate(file, settings), ReasonCode.F11);
    }

    private String f11(Path file) throws IOException {
        return f11(file, Map.of());
    }

    /** Read whole, not rejected (the empty directory knows no recipient: I03 is all it gets). */
    private void assertDecided(Path file, Map<String, String> settings) throws IOException {
        FlowOutcome outcome = evaluate(file, settings);
        assertFalse(outcome.rejectedAsWhole(), () -> "findings: " + outcome.allFindings());
        assertEquals(List.of(ReasonCode.I03), outcome.allFindings().stream().map(Finding::code).toList());
    }

    private static String insert(String marker, String inserted) {
        return UBL.replaceFirst(marker, java.util.regex.Matcher.quoteReplacement(inserted) + marker);
    }

    // ================================================================ what is too long

    /** A document with what is too long, and where it starts and what it is, as the report says. */
    static Stream<Arguments> overTheLimit() {
        return Stream.of(
                Arguments.of("comment.xml", insert(ISSUE_DATE, "<!--" + "c".repeat(1_000_001) + "-->"), "line 5, column 3: a comment" + TEXT_LIMIT),
                Arguments.of("pi.xml", insert(ISSUE_DATE, "<?chorus " + "p".repeat(1_000_000) + "?>"), "line 5, column 3: a processing instruction" + TEXT_LIMIT),
                Arguments.of("note.xml", insert(NOTE_PLACE, "<cbc:Note>" + "n".repeat(600_000) + "<![CDATA[" + "d".repeat(400_001) + "]]></cbc:Note>\n  "),
                        "line 8, column 13: a text node" + TEXT_LIMIT),
                Arguments.of("doctype.xml", UBL.replaceFirst("<Invoice ", "<!DOCTYPE Invoice [<!-- " + "d".repeat(1_000_000) + " -->]>\n<Invoice "),
                        "line 2, column 1: a DOCTYPE or declaration" + TEXT_LIMIT),
                Arguments.of("element-name.xml", insert(ISSUE_DATE, "<" + "e".repeat(1001) + "/>"), "line 5, column 3: a name" + NAME_LIMIT),
                Arguments.of("attribute-name.xml", insert(ISSUE_DATE, "<cbc:Note " + "a".repeat(1001) + "=\"x\">note</cbc:Note>"),
                        "line 5, column 13: a name" + NAME_LIMIT),
                Arguments.of("entity-name.xml", insert(ISSUE_DATE, "<cbc:Note>&" + "a".repeat(1001) + ";</cbc:Note>"), "line 5, column 13: a name" + NAME_LIMIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overTheLimit")
    void whatIsTooLongIsRefusedFromWhereItStartsBeforeItIsHeld(String name, String xml, String said) throws Exception {
        assertEquals(name + ": " + said, f11(write(name, xml)));
    }

    @Test
    void aCommentRightAfterTheDeclarationIsPlacedOnTheFirstLine() throws Exception {
        Path file = write("first-line.xml", "<?xml version=\"1.0\"?><!--" + "c".repeat(200) + "-->" + UBL.substring(UBL.indexOf('\n') + 1));

        assertEquals("first-line.xml: line 1, column 22: a comment longer than 100 characters (chorus.xml.max-text-length)",
                f11(file, Map.of("chorus.xml.max-text-length", "100")));
    }

    @Test
    void textCommentsAndProcessingInstructionsAtTheLimitAreRead() throws Exception {
        Map<String, String> limit = Map.of("chorus.xml.max-text-length", "1000");
        String within = "<!--" + "c".repeat(1000) + "--><?chorus " + "p".repeat(993) + "?>"
                + "<cbc:Note>" + "n".repeat(500) + "<![CDATA[" + "d".repeat(500) + "]]></cbc:Note>";

        assertDecided(write("at-the-limit.xml", insert(NOTE_PLACE, within)), limit);
    }

    @Test
    void attachmentsAndTheTextDirectlyUnderTheRootAreNotLimited() throws Exception {
        // 1.5 MB of attachment is 2 million base64 characters; blanks under the root are never held
        String ubl = InvoiceTemplate.toMinistry().withAttachment("annexe.pdf", 1_500_000).ubl();
        Path file = write("attachment.xml", ubl.replaceFirst(ISSUE_DATE, " ".repeat(2_000_000) + ISSUE_DATE));

        assertDecided(file, Map.of());
    }

    // ================================================================ names

    @Test
    void moreDistinctNamesThanTheLimitAreRefusedAtTheFirstOneOver() throws Exception {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            names.append("<n").append(i).append("/>");
        }
        Path file = write("names.xml", insert(ISSUE_DATE, names + "\n  "));

        String description = f11(file);
        assertTrue(description.matches("names\\.xml: line 5, column \\d+: more than 10000 distinct names \\(chorus\\.xml\\.max-distinct-names\\)"),
                description);
    }

    @Test
    void aLongNamespaceUriCountsAsOneNameForEveryNameLength() throws Exception {
        // the template holds about 55 distinct names, a dozen before the note; a note declaring a prefix adds two, and its
        // URI one per 1000 characters
        Map<String, String> limit = Map.of("chorus.xml.max-distinct-names", "65");
        String note = "<cbc:Note xmlns:u=\"urn:%s\">note</cbc:Note>\n  ";
        Path wide = write("wide-uri.xml", insert(NOTE_PLACE, note.formatted("u".repeat(60_000))));
        Path narrow = write("narrow-uri.xml", insert(NOTE_PLACE, note.formatted("u".repeat(5_000))));

        String description = f11(wide, limit);
        assertTrue(description.matches("wide-uri\\.xml: line \\d+, column 3: more than 65 distinct names \\(chorus\\.xml\\.max-distinct-names\\)"),
                description);
        assertDecided(narrow, limit);
    }

    @Test
    void aBatchHeaderWithVeryManyChildrenIsRefusedForItsNames() throws Exception {
        StringBuilder children = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            children.append("<h").append(i).append("/>");
        }
        String batch = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n<Header>"
                + children + "<InvoiceCount>1</InvoiceCount></Header>\n" + UBL.substring(UBL.indexOf('\n') + 1) + "</Batch>\n";

        assertTrue(f11(write("header.xml", batch)).startsWith("header.xml: line 3, column "));
    }

    // ================================================================ wherever the document comes from

    @Test
    void theLimitsHoldInAGzipAndInAnArchiveEntry() throws Exception {
        String comment = insert(ISSUE_DATE, "<!--" + "c".repeat(1_000_001) + "-->");
        Path gzip = ExpandingFlows.gzip(dir.resolve("comment.xml.gz"), out -> out.write(comment.getBytes(StandardCharsets.UTF_8)));
        Path zip = Files.write(dir.resolve("comment.zip"), Archives.zip(Map.of("f.xml", comment.getBytes(StandardCharsets.UTF_8))));

        assertEquals("comment.xml.gz: line 5, column 3: a comment" + TEXT_LIMIT, f11(gzip));
        assertEquals("comment.zip!f.xml: line 5, column 3: a comment" + TEXT_LIMIT, f11(zip));
    }
}
