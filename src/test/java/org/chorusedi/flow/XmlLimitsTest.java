package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.chorusedi.config.SettingsLoader;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.routing.Finding;
import org.chorusedi.routing.ReasonCode;
import org.chorusedi.routing.RoutingControls;
import org.chorusedi.support.Archives;
import org.chorusedi.support.ExpandingFlows;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.ValidationPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, XML limits: what the parser or the schema validator would hold whole (a comment, a
 * processing instruction, a DOCTYPE, the text of one node, a name, the table of distinct names) is
 * measured as it streams and refused with F11 past its limit, naming the file, the place and the key.
 * An attachment's text, and the text directly under the root, are never held: they stay unlimited.
 */
class XmlLimitsTest {

    private static final ExecutorService VALIDATORS = ValidationPipeline.newThreadPool();
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
        FlowLimits limits = FlowLimits.of(SettingsLoader.settings(SettingsLoader.load(settings)));
        FlowEvaluator evaluator = new FlowEvaluator(new FlowReader(SchemaCatalog.shared(), limits, VALIDATORS),
                new RoutingControls(), limits.maxFlowBytes());
        Path staging = Files.createTempDirectory(dir, "staging");
        return assertDoesNotThrow(() -> evaluator.evaluate(file, "AAA001", "AAA001-0001", DirectoryLookup.EMPTY, staging));
    }

    private Path write(String name, String xml) throws IOException {
        return Files.writeString(dir.resolve(name), xml, StandardCharsets.UTF_8);
    }

    /** The one F11 finding of a flow rejected as a whole. */
    private String f11(Path file, Map<String, String> settings) throws IOException {
        FlowOutcome outcome = evaluate(file, settings);
        assertTrue(outcome.rejectedAsWhole(), () -> "findings: " + outcome.allFindings());
        assertEquals(1, outcome.flowFindings().size(), () -> "findings: " + outcome.flowFindings());
        Finding finding = outcome.flowFindings().get(0);
        assertEquals(ReasonCode.F11, finding.code(), finding::description);
        return finding.description();
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

    // ================================================================ text, comments, processing instructions

    @Test
    void aCommentOverTheLimitIsRefusedFromWhereItStarts() throws Exception {
        Path file = write("comment.xml", insert(ISSUE_DATE, "<!--" + "c".repeat(1_000_001) + "-->"));

        assertEquals("comment.xml: line 5, column 3: a comment" + TEXT_LIMIT, f11(file));
    }

    @Test
    void aProcessingInstructionOverTheLimitIsRefused() throws Exception {
        Path file = write("pi.xml", insert(ISSUE_DATE, "<?chorus " + "p".repeat(1_000_000) + "?>"));

        assertEquals("pi.xml: line 5, column 3: a processing instruction" + TEXT_LIMIT, f11(file));
    }

    @Test
    void aCommentRightAfterTheDeclarationIsPlacedOnTheFirstLine() throws Exception {
        Path file = write("first-line.xml", "<?xml version=\"1.0\"?><!--" + "c".repeat(200) + "-->" + UBL.substring(UBL.indexOf('\n') + 1));

        assertEquals("first-line.xml: line 1, column 22: a comment longer than 100 characters (chorus.xml.max-text-length)",
                f11(file, Map.of("chorus.xml.max-text-length", "100")));
    }

    @Test
    void theTextOfAnElementOverTheLimitIsRefusedCdataIncluded() throws Exception {
        String note = "<cbc:Note>" + "n".repeat(600_000) + "<![CDATA[" + "d".repeat(400_001) + "]]></cbc:Note>\n  ";
        Path file = write("note.xml", insert(NOTE_PLACE, note));

        assertEquals("note.xml: line 7, column 13: a text node" + TEXT_LIMIT, f11(file));
    }

    @Test
    void aDoctypeOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        String doctype = "<!DOCTYPE Invoice [<!-- " + "d".repeat(1_000_000) + " -->]>\n";
        Path file = write("doctype.xml", UBL.replaceFirst("<Invoice ", java.util.regex.Matcher.quoteReplacement(doctype) + "<Invoice "));

        assertEquals("doctype.xml: line 2, column 1: a DOCTYPE or declaration" + TEXT_LIMIT, f11(file));
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
    void anElementNameOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path file = write("element-name.xml", insert(ISSUE_DATE, "<" + "e".repeat(1001) + "/>"));

        assertEquals("element-name.xml: line 5, column 3: a name" + NAME_LIMIT, f11(file));
    }

    @Test
    void attributeAndEntityNamesOverTheLimitAreRefused() throws Exception {
        Path attribute = write("attribute-name.xml", insert(ISSUE_DATE, "<cbc:Note " + "a".repeat(1001) + "=\"x\">note</cbc:Note>"));
        Path entity = write("entity-name.xml", insert(ISSUE_DATE, "<cbc:Note>&" + "a".repeat(1001) + ";</cbc:Note>"));

        assertEquals("attribute-name.xml: line 5, column 13: a name" + NAME_LIMIT, f11(attribute));
        assertEquals("entity-name.xml: line 5, column 13: a name" + NAME_LIMIT, f11(entity));
    }

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
        // the template holds 38 distinct names; a note declaring a prefix adds two, and its URI one per 1000 characters
        Map<String, String> limit = Map.of("chorus.xml.max-distinct-names", "50");
        String note = "<cbc:Note xmlns:u=\"urn:%s\">note</cbc:Note>\n  ";
        Path wide = write("wide-uri.xml", insert(NOTE_PLACE, note.formatted("u".repeat(20_000))));
        Path narrow = write("narrow-uri.xml", insert(NOTE_PLACE, note.formatted("u".repeat(5_000))));

        String description = f11(wide, limit);
        assertTrue(description.matches("wide-uri\\.xml: line \\d+, column 3: more than 50 distinct names \\(chorus\\.xml\\.max-distinct-names\\)"),
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
