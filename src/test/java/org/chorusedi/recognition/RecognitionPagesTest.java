package org.chorusedi.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.chorusedi.generator.PdfInvoiceWriter;
import org.chorusedi.generator.PdfInvoiceWriter.GeneratedPdf;
import org.chorusedi.generator.PdfInvoiceWriter.Layout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the first, the one before the last and the last pages are read, however many a PDF has. */
// No database: once, in the H2 pass (.ci/run).
@Tag("h2-only")
class RecognitionPagesTest {

    @TempDir
    Path dir;

    @Test
    void theFirstTheOneBeforeTheLastAndTheLastPagesAreRead() {
        assertEquals(List.of(1), PdfText.pagesToRead(1));
        assertEquals(List.of(1, 2), PdfText.pagesToRead(2));
        assertEquals(List.of(1, 2, 3), PdfText.pagesToRead(3));
        assertEquals(List.of(1, 9, 10), PdfText.pagesToRead(10));
    }

    /**
     * A PDF of 200 pages: pages 2 to 198 carry decoys (another recipient, another number, another
     * total) that would make those fields doubtful if they were read. Only three pages' text is extracted, and the
     * invoice is recognised whole. (A 100 MB PDF under -Xmx256m: LargePdfRecognitionIT.)
     */
    @Test
    void aLongPdfHasOnlyThreePagesExtracted() throws Exception {
        GeneratedPdf pdf = PdfInvoiceWriter.write(dir.resolve("long.pdf"), Layout.MULTI_PAGE, 4, 200);

        PdfText text = new PdfTextReader(PdfTextReader.MAX_DEPOSIT_BYTES).read(pdf.file());

        assertEquals(200, text.pageCount());
        assertEquals(List.of(1, 199, 200), text.pages().stream().map(PdfText.Page::number).toList());
        for (PdfText.Page page : text.pages()) {
            assertFalse(page.text().contains("PAGE-NON-LUE"), "page " + page.number() + " is no middle page");
        }
        Recognition recognition = InvoiceRecognizer.recognise(text);
        assertTrue(recognition.complete(), recognition::toString);
        for (Field field : Field.values()) {
            assertEquals(RecognitionCorpusTest.expected(pdf.expected(), field),
                    recognition.value(field).map(Recognition.Value::value).orElse(null), field.name());
        }
        assertEquals(List.of(1, 199, 200), recognition.pagesRead());
        assertEquals(200, recognition.value(Field.TOTAL_AMOUNT).orElseThrow().page());
    }
}
