package org.chorusedi.far37;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.chorusedi.directory.ImportReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

/** One engine subscribes to another: its FULL imported into an empty engine comes out again the same. */
class Far37RoundTripTest {

    @TempDir
    Path source;

    @TempDir
    Path copy;

    @Test
    void fullImportedIntoAnEmptyEngineIsExtractedIdenticallyApartFromTheHeader() throws Exception {
        Path first;
        try (Far37Fixture a = new Far37Fixture(source)) {
            a.importCsv("directory.csv", Far37Fixture.DIRECTORY_CSV);
            assertTrue(a.store.changeSiret("26750045200011", "26750045200029").done());
            first = a.publisher(a.subscriber("AAA001")).publish(a.subscriber("AAA001"), ExtractType.FULL).file();
        }
        Path second;
        try (Far37Fixture b = new Far37Fixture(copy)) {
            ImportReport report = b.importFar37(first);
            assertEquals(new ImportReport(6, 6, List.of()), report);
            second = b.publisher(b.subscriber("BBB002")).publish(b.subscriber("BBB002"), ExtractType.FULL).file();
        }
        Far37Fixture.assertValid(first);
        Far37Fixture.assertValid(second);

        Diff diff = DiffBuilder.compare(Input.fromFile(first.toFile())).withTest(Input.fromFile(second.toFile()))
                .withNodeFilter(node -> !isHeader(node))
                .checkForIdentical()
                .build();
        assertFalse(diff.hasDifferences(), diff::toString);
        Far37Fixture.Extract a = Far37Fixture.Extract.read(first);
        Far37Fixture.Extract b = Far37Fixture.Extract.read(second);
        assertEquals("6", a.header("NombreStructures"));
        assertEquals(a.header("NombreStructures"), b.header("NombreStructures"));
        // What the round trip must carry: a line break, markup characters, a character beyond the BMP.
        assertEquals("Ville d'Exemple\r\nHôtel de ville", b.structure("21750001600019", "f:RaisonSociale"));
        assertEquals("Bâtiment <A> & \"B\"", b.structure("11000201100044", "f:Adresse/f:Complement"));
        assertEquals("Consorcio 𝔼jemplo", b.structure("ES-B12345678", "f:RaisonSociale"));
        assertEquals("26750045200011", b.structure("26750045200029", "f:IdentifiantStructureOrigine"));
    }

    @Test
    void gzippedFullRoundTripsToo() throws Exception {
        Path first;
        try (Far37Fixture a = new Far37Fixture(source)) {
            a.importCsv("directory.csv", Far37Fixture.DIRECTORY_CSV);
            Subscriber gzip = withGzip(a.subscriber("AAA001"));
            first = a.publisher(gzip).publish(gzip, ExtractType.FULL).file();
        }
        assertTrue(first.getFileName().toString().endsWith(".xml.gz"), first.toString());
        Far37Fixture.assertValid(first);
        try (Far37Fixture b = new Far37Fixture(copy)) {
            assertTrue(b.importFar37(first).ok());
            Path second = b.publisher(b.subscriber("BBB002")).publish(b.subscriber("BBB002"), ExtractType.FULL).file();
            Diff diff = DiffBuilder.compare(Input.fromStream(new GZIPInputStream(Files.newInputStream(first))))
                    .withTest(Input.fromFile(second.toFile()))
                    .withNodeFilter(node -> !isHeader(node))
                    .checkForIdentical()
                    .build();
            assertFalse(diff.hasDifferences(), diff::toString);
        }
    }

    private static Subscriber withGzip(Subscriber s) {
        return new Subscriber(s.code(), s.folder(), s.fullCron(), s.deltaCron(), s.timeZone(), true, s.retention());
    }

    private static boolean isHeader(Node node) {
        return node.getNodeType() == Node.ELEMENT_NODE && "Entete".equals(node.getLocalName());
    }
}
