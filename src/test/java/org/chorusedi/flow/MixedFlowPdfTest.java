package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.chorusedi.validation.XmlLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming base64 decoder against java.util.Base64, over white space, CDATA, character references, comments. */
class MixedFlowPdfTest {

    @TempDir
    Path dir;

    @Test
    void decodesWhatXsBase64BinaryAccepts() throws Exception {
        Random random = new Random(7);
        for (int extra = 0; extra < 3; extra++) {
            byte[] pdf = new byte[10_000 + extra];
            random.nextBytes(pdf);
            System.arraycopy("%PDF-1.4".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 8);
            String b64 = Base64.getEncoder().encodeToString(pdf);
            StringBuilder text = new StringBuilder();
            boolean cdata = false;
            for (int i = 0; i < b64.length(); i++) {
                if (i % 997 == 0) {
                    text.append(cdata ? "]]>" : "").append(" \r\n\t").append("<!-- c -->");
                    cdata = !cdata;
                    text.append(cdata ? "<![CDATA[" : "");
                }
                char c = b64.charAt(i);
                text.append(!cdata && i % 5 == 0 ? "&#x" + Integer.toHexString(c) + ";" : String.valueOf(c));
                if (i % 76 == 75) {
                    text.append(cdata ? "\r\n" : "&#13;\n");
                }
            }
            String body = text + (cdata ? "]]>" : "");
            String xml = "<?xml version=\"1.0\"?><rsm:X xmlns:rsm=\"urn:x\" xmlns:ram=\"urn:un:unece:uncefact:data:standard:"
                    + "ReusableAggregateBusinessInformationEntity:100\"><ram:AttachmentBinaryObject mimeCode=\"image/png\" filename=\"a.png\">QUJD"
                    + "</ram:AttachmentBinaryObject><ram:AttachmentBinaryObject mimeCode=\" Application/PDF \" filename=\"f.pdf\">"
                    + body + "</ram:AttachmentBinaryObject></rsm:X>";
            Path staged = Files.writeString(dir.resolve("i" + extra + ".xml"), xml);
            Path target = dir.resolve("o" + extra + ".pdf");
            assertTrue(MixedFlowPdf.extract(staged, target, new XmlLimits(100_000_000, 1000, 10_000)));
            assertArrayEquals(pdf, Files.readAllBytes(target), "extra " + extra);
        }
    }
}
