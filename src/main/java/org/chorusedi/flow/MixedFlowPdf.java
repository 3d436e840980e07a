package org.chorusedi.flow;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.chorusedi.archive.ArchiveFormat;
import org.chorusedi.validation.SecureXml;
import org.chorusedi.validation.XmlLimits;

/**
 * The legal invoice of a minimal document sent as a mixed flow (Chorus Pro's E2): its first attachment of mimeCode
 * {@code application/pdf} (UBL {@code cbc:EmbeddedDocumentBinaryObject}, CII {@code ram:AttachmentBinaryObject}),
 * decoded from the staged invoice into a file as the text streams, in constant memory. The invoice passed its schema
 * and its base64 was checked while it was read (I16): what is decoded here is well formed.
 */
final class MixedFlowPdf {

    private MixedFlowPdf() {
    }

    /** Decodes the PDF into {@code target}; false, and no file, when the invoice carries none or it is not a PDF. */
    static boolean extract(Path stagedInvoice, Path target, XmlLimits limits) throws IOException {
        boolean found;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(stagedInvoice), 1 << 16);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            found = decodeFirstPdf(SecureXml.open(in, stagedInvoice.toString(), limits), out);
        } catch (XMLStreamException e) {
            throw new IOException("the staged invoice " + stagedInvoice + " cannot be read again: " + e.getMessage(), e);
        }
        if (found && isPdf(target)) {
            return true;
        }
        Files.delete(target);
        return false;
    }

    private static boolean decodeFirstPdf(XMLStreamReader reader, OutputStream out) throws XMLStreamException, IOException {
        try {
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && InvoiceScope.isAttachment(reader)
                        && InvoiceScope.isPdf(reader.getAttributeValue(null, "mimeCode"))) {
                    Base64Decoder decoder = new Base64Decoder(out);
                    for (int event = reader.next(); event != XMLStreamConstants.END_ELEMENT; event = reader.next()) {
                        if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                            decoder.accept(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                        }
                    }
                    decoder.finish();
                    return true;
                }
            }
            return false;
        } finally {
            reader.close();
        }
    }

    private static boolean isPdf(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return ArchiveFormat.isPdf(ArchiveFormat.peek(in, 5));
        }
    }

    /** Base64 text, chunk by chunk, written out as bytes; white space skipped, '=' padding at the end. */
    private static final class Base64Decoder {
        private final OutputStream out;
        private int bits;
        private int symbols;

        Base64Decoder(OutputStream out) {
            this.out = out;
        }

        void accept(char[] chars, int start, int length) throws IOException {
            for (int i = start; i < start + length; i++) {
                int value = value(chars[i]);
                if (value < 0) {
                    continue;
                }
                bits = bits << 6 | value;
                if (++symbols == 4) {
                    out.write(bits >> 16);
                    out.write(bits >> 8);
                    out.write(bits);
                    bits = 0;
                    symbols = 0;
                }
            }
        }

        /** The last group, cut by its padding: two symbols make one byte, three make two. */
        void finish() throws IOException {
            if (symbols == 2) {
                out.write(bits >> 4);
            } else if (symbols == 3) {
                out.write(bits >> 10);
                out.write(bits >> 2);
            }
        }

        private static int value(char c) {
            if (c >= 'A' && c <= 'Z') {
                return c - 'A';
            }
            if (c >= 'a' && c <= 'z') {
                return c - 'a' + 26;
            }
            if (c >= '0' && c <= '9') {
                return c - '0' + 52;
            }
            return c == '+' ? 62 : c == '/' ? 63 : -1;
        }
    }
}
