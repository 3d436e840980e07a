package org.chorusedi.far37;

import static org.chorusedi.support.Far37Text.NAMESPACE;
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
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.chorusedi.directory.DirectoryTransaction;
import org.chorusedi.directory.ImportError;
import org.chorusedi.directory.ImportReport;
import org.chorusedi.directory.StructureRow;
import org.junit.jupiter.api.Test;

/** FAR37 files imported into the directory: what a FULL and a DELTA change, and what is refused. */
class Far37ImportTest extends Far37TestSupport {

    @Test
    void fullReplacesTheWholeDirectoryDeactivatingWhatItLeavesOut() throws Exception {
        fixture.importCsv("directory.csv", Far37Fixture.DIRECTORY_CSV);
        // The ministry without SCE-TRAVAUX, the hospital renamed, everything else left out.
        Path full = file("full.xml", header("FULL", null, 2)
                + structure("11000201100044", "Ministère", "ACTIF", "2025-01-01T00:00:00Z",
                        service("SCE-ACHATS", "ACTIF") + service("SCE-FERME", "INACTIF"))
                + structure("26750045200011", "Hôpital renommé", "ACTIF", "2025-02-01T10:00:00.5Z", "")
                + "</FAR37>");

        ImportReport report = fixture.importFar37(full);

        assertEquals(new ImportReport(2, 2, List.of()), report);
        try (DirectoryTransaction read = fixture.store.begin()) {
            StructureRow hospital = read.structureRow("26750045200011").orElseThrow();
            assertEquals("Hôpital renommé", hospital.name());
            assertEquals(Instant.parse("2025-02-01T10:00:00.5Z"), hospital.lastModified(), "last-modified carried over");
            assertFalse(read.serviceRow("26750045200011", "URGENCES").orElseThrow().active(), "a service left out");
            assertFalse(read.serviceRow("11000201100044", "SCE-TRAVAUX").orElseThrow().active(), "a service left out");
            assertTrue(read.serviceRow("11000201100044", "SCE-ACHATS").orElseThrow().active());
            assertFalse(read.structureRow("21750001600019").orElseThrow().active(), "a structure left out");
            assertFalse(read.structureRow("ES-B12345678").orElseThrow().active(), "a structure left out");
        }
    }

    @Test
    void deltaChangesOnlyTheStructuresItLists() throws Exception {
        fixture.importCsv("directory.csv", Far37Fixture.DIRECTORY_CSV);
        Path delta = file("delta.xml", header("DELTA", "2025-01-01T00:00:00Z", 1)
                + structure("21750001600019", "Ville d'Exemple", "INACTIF", "2025-03-01T00:00:00Z", "")
                + "</FAR37>");

        assertTrue(fixture.importFar37(delta).ok());

        try (DirectoryTransaction read = fixture.store.begin()) {
            assertFalse(read.structureRow("21750001600019").orElseThrow().active());
            assertTrue(read.structureRow("26750045200011").orElseThrow().active(), "not listed, not changed");
            assertTrue(read.serviceRow("26750045200011", "URGENCES").orElseThrow().active());
        }
    }

    @Test
    void reimportingTheSameExtractChangesNoTime() throws Exception {
        fixture.importCsv("directory.csv", Far37Fixture.DIRECTORY_CSV);
        Subscriber subscriber = fixture.subscriber("AAA001");
        Far37Publisher publisher = fixture.publisher(subscriber);
        Path full = publisher.publish(subscriber, ExtractType.FULL).file();

        assertTrue(fixture.importFar37(full).ok());

        PublicationResult delta = publisher.publish(subscriber, ExtractType.DELTA);
        assertEquals(0, delta.structures(), "an import that changes nothing changes no time");
    }

    @Test
    void gzippedExtractIsImported() throws Exception {
        Path gz = root.resolve("full.xml.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((header("FULL", null, 1) + structure("21750001600019", "Ville", "ACTIF", "2025-01-01T00:00:00Z",
                    service("VOIRIE", "ACTIF")) + "</FAR37>").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(new ImportReport(1, 1, List.of()), fixture.importFar37(gz));
    }

    @Test
    void schemaErrorsAreReportedWithTheirLineAndNothingIsImported() throws Exception {
        Path bad = file("bad.xml", header("FULL", null, 2)
                + structure("21750001600019", "Ville", "ACTIF", "2025-01-01T00:00:00Z", "")
                + structure("26750045200011", "Hôpital", "FERME", "2025-01-01T00:00:00Z", "")
                + "</FAR37>");

        ImportReport report = fixture.importFar37(bad);

        assertFalse(report.ok());
        assertTrue(report.errors().get(0).message().contains("FERME"), report.errors().toString());
        assertEquals(lineOf(bad, "FERME"), report.errors().get(0).line());
        assertTrue(fixture.store.structure("21750001600019").isEmpty(), "nothing of a bad file is imported");
    }

    @Test
    void contradictionsTheSchemaCannotSeeAreReported() throws Exception {
        Path twice = file("twice.xml", header("FULL", null, 2)
                + structure("21750001600019", "Ville", "ACTIF", "2025-01-01T00:00:00Z", service("A", "ACTIF") + service("A", "ACTIF"))
                + structure("21750001600019", "Ville", "ACTIF", "2025-01-01T00:00:00Z", "")
                + "</FAR37>");
        assertEquals(List.of("service A of 21750001600019 is listed twice", "structure 21750001600019 is listed twice"),
                messages(fixture.importFar37(twice)));

        Path miscounted = file("miscounted.xml", header("FULL", null, 3)
                + structure("21750001600019", "Ville", "ACTIF", "2025-01-01T00:00:00Z", "") + "</FAR37>");
        assertEquals(List.of("the header announces 3 structures, the file lists 1"), messages(fixture.importFar37(miscounted)));

        Path deltaWithoutSince = file("delta.xml", header("DELTA", null, 0) + "</FAR37>");
        assertEquals(List.of("a DELTA extract needs Depuis in its header"), messages(fixture.importFar37(deltaWithoutSince)));
        assertTrue(fixture.store.structure("21750001600019").isEmpty());
    }

    @Test
    void hostileOrBrokenFilesAreRefusedNotThrown() throws Exception {
        Path doctype = file("xxe.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE FAR37 [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<FAR37 xmlns=\"" + NAMESPACE + "\">&x;</FAR37>");
        assertTrue(messages(fixture.importFar37(doctype)).get(0).contains("DOCTYPE"), messages(fixture.importFar37(doctype)).toString());

        Path xml11 = file("xml11.xml", header("FULL", null, 0).replace("version=\"1.0\"", "version=\"1.1\"") + "</FAR37>");
        assertEquals(List.of("the file cannot be read: XML 1.1 is not accepted, only XML 1.0"),
                messages(fixture.importFar37(xml11)), "as in a flow");

        Path truncated = file("truncated.xml", header("FULL", null, 1) + "<Structure><Identifiant>2175");
        assertFalse(fixture.importFar37(truncated).ok());

        Path notGzip = file("fake.xml.gz", header("FULL", null, 0) + "</FAR37>");
        assertFalse(fixture.importFar37(notGzip).ok());

        Path other = file("other.xml", "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>");
        assertFalse(fixture.importFar37(other).ok());
        assertTrue(fixture.store.structure("21750001600019").isEmpty());
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(root.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<String> messages(ImportReport report) {
        return report.errors().stream().map(ImportError::message).toList();
    }

    private static long lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
