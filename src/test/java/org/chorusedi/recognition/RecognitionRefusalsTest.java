package org.chorusedi.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.chorusedi.generator.PdfInvoiceWriter;
import org.chorusedi.generator.PdfInvoiceWriter.Layout;
import org.chorusedi.recognition.UnreadablePdf.Reason;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PDFs whose text is not read, each refused with its own reason. */
// No database: once, in the H2 pass (.ci/run).
@Tag("h2-only")
class RecognitionRefusalsTest {

    @TempDir
    Path dir;

    private final PdfTextReader reader = new PdfTextReader(PdfTextReader.MAX_DEPOSIT_BYTES);

    private UnreadablePdf refusal(PdfTextReader reader, Path pdf) {
        return assertThrows(UnreadablePdf.class, () -> reader.read(pdf));
    }

    @Test
    void aScanIsRefusedForTheSeedsFirstRule() throws Exception {
        UnreadablePdf refused = refusal(reader, PdfInvoiceWriter.writeScan(dir.resolve("scan.pdf")));
        assertEquals(Reason.NO_TEXT_LAYER, refused.reason());
        assertTrue(refused.getMessage().contains("a text PDF, not a scan"), refused::getMessage);
    }

    @Test
    void aPdfOpenedOnlyWithAPasswordIsRefusedAsEncrypted() throws Exception {
        UnreadablePdf refused = refusal(reader, PdfInvoiceWriter.writeEncrypted(dir.resolve("locked.pdf"), "secret"));
        assertEquals(Reason.ENCRYPTED, refused.reason());
    }

    @Test
    void aPdfEncryptedWithPermissionsOnlyIsRefusedAsEncrypted() throws Exception {
        UnreadablePdf refused = refusal(reader, PdfInvoiceWriter.writeEncrypted(dir.resolve("permissions.pdf"), null));
        assertEquals(Reason.ENCRYPTED, refused.reason());
    }

    @Test
    void aFileThatIsNoPdfIsRefusedAsBroken() throws Exception {
        Path text = Files.writeString(dir.resolve("facture.pdf"), "Facture n° F-1\nSIRET client : 11000201100044\n");
        UnreadablePdf refused = refusal(reader, text);
        assertEquals(Reason.BROKEN, refused.reason());
        assertTrue(refused.getMessage().contains("not a PDF"), refused::getMessage);
    }

    @Test
    void aTruncatedPdfIsRefusedAsBroken() throws Exception {
        Path whole = PdfInvoiceWriter.write(dir.resolve("whole.pdf"), Layout.HEADER_BLOCKS, 0).file();
        byte[] bytes = Files.readAllBytes(whole);
        Path half = Files.write(dir.resolve("half.pdf"), Arrays.copyOf(bytes, bytes.length / 2));
        UnreadablePdf refused = refusal(reader, half);
        assertEquals(Reason.BROKEN, refused.reason());
        assertTrue(refused.getMessage().contains("truncated"), refused::getMessage);
    }

    @Test
    void aPdfWhoseObjectsCannotBeReadIsRefusedAsBroken() throws Exception {
        Path garbled = Files.write(dir.resolve("garbled.pdf"),
                "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Reason.BROKEN, refusal(reader, garbled).reason());
    }

    @Test
    void aPdfOverTheDepositLimitIsRefusedBeforeItIsOpened() throws Exception {
        // A sparse file of 121 MB: its size is checked before a byte of it is read.
        Path large = dir.resolve("large.pdf");
        try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
            file.setLength(121L * 1024 * 1024);
        }
        UnreadablePdf refused = refusal(reader, large);
        assertEquals(Reason.OVERSIZED, refused.reason());
        assertTrue(refused.getMessage().contains(String.valueOf(PdfTextReader.MAX_DEPOSIT_BYTES)), refused::getMessage);
    }

    @Test
    void aPageWithMoreTextThanAnInvoicesIsRefusedBeforeItIsHeld() throws Exception {
        Path pdf = dir.resolve("wordy.pdf");
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 2);
                String line = "x".repeat(200);
                for (int i = 0; i < 600; i++) {
                    content.beginText();
                    content.newLineAtOffset(10, 780 - i);
                    content.showText(line);
                    content.endText();
                }
            }
            document.save(pdf.toFile());
        }
        UnreadablePdf refused = refusal(reader, pdf);
        assertEquals(Reason.OVERSIZED, refused.reason());
        assertTrue(refused.getMessage().contains("page 1 holds more than 100000 characters"), refused::getMessage);
    }

    @Test
    void theLimitIsTheCallers() throws Exception {
        Path pdf = PdfInvoiceWriter.write(dir.resolve("invoice.pdf"), Layout.HEADER_BLOCKS, 0).file();
        assertEquals(Reason.OVERSIZED, refusal(new PdfTextReader(Files.size(pdf) - 1), pdf).reason());
        assertEquals(1, new PdfTextReader(Files.size(pdf)).read(pdf).pageCount());
    }
}
