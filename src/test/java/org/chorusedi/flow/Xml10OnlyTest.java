package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.testkit.Archives;
import org.chorusedi.support.ExpandingFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: XML 1.0 only. A document declaring XML 1.1 (which takes control characters such as
 * {@code &#x1b;}) is rejected with F03 whatever carries it: a single invoice, a batch, an archive
 * entry, a gzip; nothing of it reaches the ledger.
 */
class Xml10OnlyTest {

    private static final String UBL = InvoiceTemplate.toMinistry().ubl();
    /** The template's invoice as XML 1.1, an escape character in its number. */
    private static final String XML_11 = UBL.replaceFirst("version=\"1.0\"", "version=\"1.1\"")
            .replace("<cbc:ID>F2026-0001</cbc:ID>", "<cbc:ID>F2026&#x1b;[31m-0001</cbc:ID>");
    private static final String NOT_ACCEPTED = ": line 1, column 1: XML 1.1 is not accepted, only XML 1.0";

    @TempDir
    Path dir;

    private String rejected(Path file) throws IOException {
        return FlowCheck.rejected(FlowCheck.evaluate(file, dir, Map.of()), ReasonCode.F03);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSingleInvoiceInXml11IsF03() throws Exception {
        assertTrue(XML_11.startsWith("<?xml version=\"1.1\" encoding=\"UTF-8\"?>\n"), "the template declares UTF-8");

        assertEquals("invoice-1.1.xml" + NOT_ACCEPTED, rejected(Files.writeString(dir.resolve("invoice-1.1.xml"), XML_11)));
    }

    @Test
    void aBatchInXml11IsF03() throws Exception {
        String batch = "<?xml version=\"1.1\" encoding=\"UTF-8\"?>\n<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n"
                + "<Header><PartnerCode>AAA001</PartnerCode><FlowId>LOT-1</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt>"
                + "<InvoiceCount>1</InvoiceCount></Header>\n" + XML_11.substring(XML_11.indexOf('\n') + 1) + "</Batch>\n";

        assertEquals("batch-1.1.xml" + NOT_ACCEPTED, rejected(Files.writeString(dir.resolve("batch-1.1.xml"), batch)));
    }

    @Test
    void anArchiveEntryInXml11IsF03() throws Exception {
        Path zip = Files.write(dir.resolve("archive-1.1.zip"), Archives.zip(Map.of("f.xml", utf8(XML_11))));
        Path tarGz = Files.write(dir.resolve("archive-1.1.tar.gz"), Archives.tarGz(Map.of("f.xml", utf8(XML_11))));

        assertEquals("archive-1.1.zip!f.xml" + NOT_ACCEPTED, rejected(zip));
        assertEquals("archive-1.1.tar.gz!f.xml" + NOT_ACCEPTED, rejected(tarGz));
    }

    @Test
    void aGzipInXml11IsF03() throws Exception {
        Path gzip = ExpandingFlows.gzip(dir.resolve("invoice-1.1.xml.gz"), out -> out.write(utf8(XML_11)));

        assertEquals("invoice-1.1.xml.gz" + NOT_ACCEPTED, rejected(gzip));
    }
}
