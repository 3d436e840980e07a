package org.chorusedi.recognition;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.chorusedi.recognition.UnreadablePdf.Reason;
import org.chorusedi.text.Printable;

/**
 * Reads the text of a PDF's first, one-before-last and last pages with PDFBox, in bounded memory: the file is
 * read through a small buffer, never loaded whole, what PDFBox decodes for itself spills to a temporary file,
 * and only the three pages' content is parsed (the other pages' objects are never dereferenced beyond the
 * page tree). Nothing is rendered: no font program, script or link is run.
 */
public final class PdfTextReader {

    /** The seed's limit for an invoice deposited as a PDF, over the portal or the API: 120 MB (as the API's other limits, 10^6 bytes a MB). */
    public static final long MAX_DEPOSIT_BYTES = 120L * 1000 * 1000;

    /** Past this many characters a page is no invoice's page; held, its text would fill the heap (a few kB is usual). */
    public static final int MAX_PAGE_CHARACTERS = 100_000;

    /** A PDF starts with %PDF- within its first 1024 bytes and ends with %%EOF within its last 1024 (ISO 32000-1, 7.5). */
    private static final int HEAD_AND_TAIL = 1024;

    private final long maxBytes;

    /** @param maxBytes past this size a PDF is refused before it is opened ({@link #MAX_DEPOSIT_BYTES} for a deposit) */
    public PdfTextReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @throws UnreadablePdf when the PDF is oversized, broken, encrypted, or its pages read hold no text
     * @throws IOException   when the disk fails (no fault of the sender's)
     */
    public PdfText read(Path file) throws UnreadablePdf, IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new UnreadablePdf(Reason.OVERSIZED, "a PDF of " + size + " bytes, over the limit of " + maxBytes + " bytes");
        }
        checkHeadAndTail(file, size);
        try (PDDocument document = open(file)) {
            PdfText text = pagesText(document);
            if (text.pages().stream().allMatch(page -> page.text().isBlank())) {
                throw new UnreadablePdf(Reason.NO_TEXT_LAYER, "no text in pages " + PdfText.pagesToRead(text.pageCount())
                        + ": a scan or images only; recognition needs a text PDF, not a scan (the seed's first rule)");
            }
            return text;
        }
    }

    private static void checkHeadAndTail(Path file, long size) throws UnreadablePdf, IOException {
        int length = (int) Math.min(HEAD_AND_TAIL, size);
        byte[] head = new byte[length];
        byte[] tail = new byte[length];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.readFully(head);
            in.seek(size - length);
            in.readFully(tail);
        }
        if (!new String(head, StandardCharsets.ISO_8859_1).contains("%PDF-")) {
            throw new UnreadablePdf(Reason.BROKEN, "not a PDF: no %PDF- header in its first " + HEAD_AND_TAIL + " bytes");
        }
        if (!new String(tail, StandardCharsets.ISO_8859_1).contains("%%EOF")) {
            throw new UnreadablePdf(Reason.BROKEN, "not a complete PDF: no %%EOF in its last " + HEAD_AND_TAIL + " bytes (truncated?)");
        }
    }

    private static PDDocument open(Path file) throws UnreadablePdf, IOException {
        PDDocument document;
        try {
            document = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()), "", null, null,
                    IOUtils.createTempFileOnlyStreamCache());
        } catch (InvalidPasswordException e) {
            throw new UnreadablePdf(Reason.ENCRYPTED, "an encrypted PDF, opened only with a password");
        } catch (FileSystemException | InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw broken(e);
        }
        // Readable without a password but encrypted all the same (permissions): refused like the Factur-X PDFs.
        if (document.isEncrypted()) {
            document.close();
            throw new UnreadablePdf(Reason.ENCRYPTED, "an encrypted PDF (permissions set by an owner password)");
        }
        return document;
    }

    private static PdfText pagesText(PDDocument document) throws UnreadablePdf, IOException {
        try {
            int pageCount = document.getNumberOfPages();
            if (pageCount == 0) {
                throw new UnreadablePdf(Reason.BROKEN, "a PDF without pages");
            }
            CappedStripper stripper = new CappedStripper();
            // By position, so that a value printed to the right of its keyword is on the keyword's line.
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            List<PdfText.Page> pages = new ArrayList<>();
            for (int number : PdfText.pagesToRead(pageCount)) {
                stripper.setStartPage(number);
                stripper.setEndPage(number);
                pages.add(new PdfText.Page(number, stripper.getText(document)));
            }
            return new PdfText(pageCount, pages);
        } catch (PageTooLong e) {
            throw new UnreadablePdf(Reason.OVERSIZED, "page " + e.page + " holds more than " + MAX_PAGE_CHARACTERS
                    + " characters of text: no invoice page does");
        } catch (FileSystemException | InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw broken(e);
        }
    }

    /** Stops a page's text at {@link #MAX_PAGE_CHARACTERS}, before it is all held: the stripper keeps a page whole. */
    private static final class CappedStripper extends PDFTextStripper {
        private int characters;

        @Override
        protected void startPage(PDPage page) throws IOException {
            characters = 0;
            super.startPage(page);
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            if (++characters > MAX_PAGE_CHARACTERS) {
                throw new PageTooLong(getCurrentPageNo());
            }
            super.processTextPosition(text);
        }
    }

    private static final class PageTooLong extends RuntimeException {
        private final int page;

        PageTooLong(int page) {
            super(null, null, false, false);
            this.page = page;
        }
    }

    private static UnreadablePdf broken(Exception e) {
        return new UnreadablePdf(Reason.BROKEN, "a PDF that cannot be read: " + Printable.capped(String.valueOf(e.getMessage()), 300));
    }
}
