package org.chorusedi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.chorusedi.recognition.InvoiceRecognizer;
import org.chorusedi.recognition.PdfTextReader;
import org.chorusedi.recognition.UnreadablePdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} with a framework, a market and a supplier (a market's documents), and plain text PDFs. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void aSubcontractorsInvoicesOnAMarket() throws Exception {
        Path out = dir.resolve("a9");
        int status = ChorusEdi.commandLine(null).execute("generate", "--shape", "files", "--syntax", "UBL", "--invoices", "2",
                "--framework", "A9", "--market", "M-2026-001", "--supplier", "44229377500031", out.toString());

        assertEquals(0, status);
        List<Path> files;
        try (Stream<Path> listing = Files.list(out)) {
            files = listing.sorted().toList();
        }
        assertEquals(2, files.size());
        String invoice = Files.readString(files.get(0));
        assertTrue(invoice.contains("<cbc:ProfileID>A9</cbc:ProfileID>"), invoice);
        assertTrue(invoice.contains("<cac:ContractDocumentReference><cbc:ID>M-2026-001</cbc:ID></cac:ContractDocumentReference>"), invoice);
        assertTrue(invoice.contains("<cbc:ID schemeID=\"0009\">44229377500031</cbc:ID>"), invoice);
    }

    @Test
    void plainTextPdfsInEveryLayoutThenAScan() throws Exception {
        Path out = dir.resolve("pdf");
        int status = ChorusEdi.commandLine(null).execute("generate", "--shape", "pdf", "--invoices", "9", out.toString());

        assertEquals(0, status);
        List<Path> files;
        try (Stream<Path> listing = Files.list(out)) {
            files = listing.sorted().toList();
        }
        assertEquals(9, files.size());
        PdfTextReader reader = new PdfTextReader(PdfTextReader.MAX_DEPOSIT_BYTES);
        // the six layouts a word processor makes readable by the seed's keywords come first: complete drafts
        for (Path pdf : files.subList(0, 6)) {
            assertTrue(InvoiceRecognizer.recognise(reader.read(pdf)).complete(), pdf::toString);
        }
        UnreadablePdf scan = assertThrows(UnreadablePdf.class, () -> reader.read(files.get(8)));
        assertEquals(UnreadablePdf.Reason.NO_TEXT_LAYER, scan.reason());
    }

    @Test
    void aFrameworkThatIsNoneOfA1ToA25IsRefused() {
        int status = ChorusEdi.commandLine(null).execute("generate", "--invoices", "1", "--framework", "A26",
                dir.resolve("x.xml").toString());

        assertEquals(2, status);
        assertTrue(Files.notExists(dir.resolve("x.xml")));
    }
}
