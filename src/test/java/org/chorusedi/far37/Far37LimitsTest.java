package org.chorusedi.far37;

import static org.chorusedi.support.Far37Text.header;
import static org.chorusedi.support.Far37Text.service;
import static org.chorusedi.support.Far37Text.structure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.chorusedi.directory.DirectoryTransaction;
import org.chorusedi.directory.ImportError;
import org.chorusedi.directory.ImportReport;
import org.chorusedi.support.DirectoryFiles;
import org.chorusedi.support.TestSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A FAR37 file is read one structure at a time in bounded memory, whatever it holds: the services of
 * a structure, every text, every piece of markup, the names it uses, what it decompresses to. Beyond a
 * limit the reading stops and the file is rejected with a report; nothing of it is imported. What the
 * parser keeps whole is held to the XML limits of flows (chorus.xml.*).
 */
// Reads files with no database of the pass's own (the root's H2 at most): once, in the H2 pass (.ci/run).
@Tag("h2-only")
class Far37LimitsTest extends Far37TestSupport {

    private static final String MINISTRY = "11000201100044";
    private static final Map<String, String> XML_LIMITS = Map.of("chorus.xml.max-text-length", "8192",
            "chorus.xml.max-name-length", "100");

    @Test
    void aStructureWithMoreServicesThanTheLimitIsRefused() throws Exception {
        Path file = file("services.xml", header("FULL", null, 1)
                + structure(MINISTRY, "Ministère", "ACTIF", "2025-01-01T00:00:00Z",
                        service("A", "ACTIF") + service("B", "ACTIF") + service("C", "ACTIF"))
                + "</FAR37>");

        ImportReport report = importFar37(file, Map.of("chorus.directory.max-services-per-structure", "2"));

        assertEquals(List.of("the file cannot be read further: structure " + MINISTRY + " has more than 2 services"
                + " (chorus.directory.max-services-per-structure)"), messages(report));
        assertTrue(fixture.store.structure(MINISTRY).isEmpty());
    }

    @Test
    void moreServicesThanOneStatementTakesAreImportedWhenTheLimitAllowsThem() throws Exception {
        // Beyond PostgreSQL's 65,535 bind parameters in one statement, and H2's 65,536 elements in one array.
        Map<String, String> limit = Map.of("chorus.directory.max-services-per-structure", "70000");
        Path all = DirectoryFiles.far37ManyServices(root.resolve("all.xml"), 70_000);
        Path fewer = root.resolve("fewer.xml");
        Files.writeString(fewer, Files.readString(all).replaceFirst("(?s)<Service>.*?</Service>\n", ""));

        assertEquals(new ImportReport(1, 70_000, List.of()), importFar37(all, limit));
        assertEquals(new ImportReport(1, 69_999, List.of()), importFar37(fewer, limit), "the first service left out");

        try (DirectoryTransaction read = fixture.store.begin()) {
            assertFalse(read.serviceRow("21750001600019", "S000000").orElseThrow().active(), "deactivated");
            assertTrue(read.serviceRow("21750001600019", "S000001").orElseThrow().active());
            assertTrue(read.serviceRow("21750001600019", "S069999").orElseThrow().active());
        }
    }

    @Test
    void theDefaultLimitRefusesSuchAStructure() throws Exception {
        ImportReport report = fixture.importFar37(DirectoryFiles.far37ManyServices(root.resolve("many.xml"), 70_000));

        assertEquals(List.of("the file cannot be read further: structure 21750001600019 has more than 10000 services"
                + " (chorus.directory.max-services-per-structure)"), messages(report));
    }

    @Test
    void millionsOfElementsInOneStructureStopTheReadingAtOnce() throws Exception {
        ImportReport report = fixture.importFar37(DirectoryFiles.far37MillionsOfElements(root.resolve("many.xml.gz")));

        assertTrue(messages(report).contains("the file cannot be read further: more than 32 elements where a FAR37"
                + " element has 14 at most"), messages(report).toString());
    }

    @Test
    void millionsOfBadServicesStopAtTheFirstSchemaErrors() throws Exception {
        String structure = structure(MINISTRY, "Ministère", "ACTIF", "2025-01-01T00:00:00Z", "");
        Path file = file("services.xml", header("FULL", null, 1) + structure.replace("</Structure>",
                "<Service/>".repeat(1_000_000) + "</Structure>") + "</FAR37>");

        ImportReport report = importFar37(file, Map.of("chorus.directory.max-services-per-structure", "2000000"));

        assertEquals(10, report.errors().size(), report.errors().toString());
        assertTrue(report.errors().get(0).message().contains("Service"), report.errors().toString());
    }

    @Test
    void aTextLongerThanAnyTheSchemaAllowsStopsTheReading() throws Exception {
        for (String text : List.of("M".repeat(2000), "<![CDATA[" + "M".repeat(2000) + "]]>")) {
            Path file = file("text.xml", header("FULL", null, 1)
                    + structure(MINISTRY, text, "ACTIF", "2025-01-01T00:00:00Z", "") + "</FAR37>");

            List<String> messages = messages(fixture.importFar37(file));

            assertTrue(messages.contains("the file cannot be read further: a text longer than 1024 characters"),
                    text.substring(0, 10) + ": " + messages);
        }
    }

    @Test
    void markupTheParserKeepsWholeIsHeldToTheXmlLimitsOfFlows() throws Exception {
        String tooLong = "x".repeat(8193);
        // (A CDATA section is text, held to the text limit first.)
        Map<String, String> markup = Map.of(
                "<!--" + tooLong + "-->", "a comment longer than 8192 characters (chorus.xml.max-text-length)",
                "<?pi " + tooLong + "?>", "a processing instruction longer than 8192 characters (chorus.xml.max-text-length)",
                "<" + "x".repeat(101) + "/>", "a name longer than 100 characters (chorus.xml.max-name-length)");
        for (Map.Entry<String, String> tooMuch : markup.entrySet()) {
            Path file = file("markup.xml", header("FULL", null, 1)
                    + structure(MINISTRY, "Ministère", "ACTIF", "2025-01-01T00:00:00Z", "").replace("<Statut>",
                            tooMuch.getKey() + "<Statut>")
                    + "</FAR37>");

            ImportReport report = importFar37(file, XML_LIMITS);

            assertEquals(List.of("the file cannot be read further: " + tooMuch.getValue()), messages(report),
                    tooMuch.getKey().substring(0, 10));
            assertEquals(15, report.errors().get(0).line(), "the line where it starts, the structure's Statut");
        }
        assertTrue(fixture.store.structure(MINISTRY).isEmpty());
    }

    @Test
    void commentsAndInstructionsWithinTheLimitAreRead() throws Exception {
        String within = "x".repeat(8192 - 100);
        Path file = file("markup.xml", header("FULL", null, 1).replace("<Entete>", "<!--" + within + "--><?pi "
                + within + "?><Entete>") + structure(MINISTRY, "Ministère a > b &amp; \"ok\"", "ACTIF", "2025-01-01T00:00:00Z",
                "") + "<!-- a > b - c -->" + "</FAR37>");

        assertEquals(new ImportReport(1, 0, List.of()), importFar37(file, XML_LIMITS));
    }

    @Test
    void distinctNamesAreHeldToTheLimitOfFlows() throws Exception {
        // Processing instructions are not validated: their targets would pile up in the parser.
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            targets.append("<?t").append(i).append("?>");
        }
        Path file = file("targets.xml", header("FULL", null, 1).replace("<Entete>", targets + "<Entete>")
                + structure(MINISTRY, "Ministère", "ACTIF", "2025-01-01T00:00:00Z", "") + "</FAR37>");

        assertEquals(List.of("the file cannot be read further: more than 100 distinct names"
                + " (chorus.xml.max-distinct-names)"), messages(importFar37(file, Map.of("chorus.xml.max-distinct-names", "100"))));
        assertEquals(new ImportReport(1, 0, List.of()), fixture.importFar37(file), "within the default limit");
    }

    @Test
    void newNamesPileUpNowhere() throws Exception {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            names.append("<Inconnu").append(i).append(">x</Inconnu").append(i).append('>');
        }
        Path inStructure = file("names.xml", header("FULL", null, 1)
                + structure(MINISTRY, "Ministère", "ACTIF", "2025-01-01T00:00:00Z", names.toString()) + "</FAR37>");
        Path atRoot = file("root.xml", header("FULL", null, 0) + names + "</FAR37>");
        Path attributes = file("attributes.xml", header("FULL", null, 1)
                + structure(MINISTRY, "Ministère", "ACTIF", "2025-01-01T00:00:00Z", "").replace("<Statut>",
                        "<Statut xmlns:a=\"urn:a\" a:b=\"c\">") + "</FAR37>");

        assertTrue(messages(fixture.importFar37(inStructure)).contains("the file cannot be read further: more than 32"
                + " elements where a FAR37 element has 14 at most"), messages(fixture.importFar37(inStructure)).toString());
        assertTrue(messages(fixture.importFar37(atRoot)).contains("the file cannot be read further: element Inconnu0"
                + " where a Structure is expected"), messages(fixture.importFar37(atRoot)).toString());
        assertTrue(messages(fixture.importFar37(attributes)).contains("the file cannot be read further: element Statut"
                + " carries attributes or namespaces, which a FAR37 extract has on its root only"),
                messages(fixture.importFar37(attributes)).toString());
    }

    @Test
    void aDecompressionBombIsStoppedAsItStreams() throws Exception {
        Path bomb = root.resolve("bomb.xml.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            out.write(header("FULL", null, 0).getBytes(StandardCharsets.UTF_8));
            byte[] comments = "<!---->".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 30; i++) { // 21 MB of comments, which nothing else stops
                out.write(comments);
            }
            out.write("</FAR37>".getBytes(StandardCharsets.UTF_8));
        }

        assertEquals(List.of("the file cannot be read further: compression ratio over 100 (decompression bomb,"
                + " chorus.archive.max-compression-ratio)"),
                messages(fixture.importFar37(bomb)));
    }

    @Test
    void aFileLargerThanTheLimitOnceDecompressedIsRefused() throws Exception {
        Path gz = root.resolve("full.xml.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((header("FULL", null, 1) + structure(MINISTRY, "Ministère", "ACTIF", "2025-01-01T00:00:00Z", "")
                    + "</FAR37>").getBytes(StandardCharsets.UTF_8));
        }

        List<String> messages = messages(importFar37(gz, Map.of("chorus.directory.max-bytes", "600")));

        assertEquals(List.of("the file cannot be read: the content is larger than 600 bytes"
                + " (chorus.directory.max-bytes)"), messages);
        assertEquals(List.of("the file is larger than 100 bytes (chorus.directory.max-bytes)"),
                messages(importFar37(gz, Map.of("chorus.directory.max-bytes", "100"))), "on disk already");
        assertFalse(Files.size(gz) > 600);
    }

    @Test
    void anEmptyGzipFileIsRefused() throws Exception {
        assertEquals(List.of("not a gzip file: it ends too soon"),
                messages(fixture.importFar37(Files.createFile(root.resolve("empty.xml.gz")))));
    }

    @Test
    void aServiceCodeOrAnIdentifierThatCannotNameAFolderIsRefused() throws Exception {
        Path file = file("codes.xml", header("FULL", null, 2)
                + structure(MINISTRY, "Ministère", "ACTIF", "2025-01-01T00:00:00Z", service("  ", "ACTIF")
                        + service("S&#x9b;2J", "ACTIF") + service("S".repeat(101), "ACTIF"))
                + structure("\t", "Vide", "ACTIF", "2025-01-01T00:00:00Z", "")
                + "</FAR37>");

        List<String> messages = messages(fixture.importFar37(file));

        assertTrue(messages.contains("a service code of " + MINISTRY + " is blank (white space only)"), messages.toString());
        assertTrue(messages.stream().filter(m -> m.contains("CodeService")).count() >= 2, messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("'S\u009b2J'")), "a control character: " + messages);
        assertTrue(messages.stream().anyMatch(m -> m.contains("Identifiant")), "a control character: " + messages);
        assertTrue(fixture.store.structure(MINISTRY).isEmpty());
    }

    private ImportReport importFar37(Path file, Map<String, String> limits) throws IOException {
        return new Far37Import(fixture.store, TestSettings.importLimits(limits)).importFile(file);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(root.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<String> messages(ImportReport report) {
        return report.errors().stream().map(ImportError::message).toList();
    }
}
