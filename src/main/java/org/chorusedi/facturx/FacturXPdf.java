package org.chorusedi.facturx;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.validation.Quoted;

/**
 * A Factur-X flow: a PDF (PDF/A-3) carrying its CII invoice as an embedded file. Opened with PDFBox on
 * the file itself (read through a small buffer, never loaded whole; what PDFBox decodes for itself
 * spills to a temporary file, not to the heap); nothing is rendered, so no font, script, link or
 * network is ever touched. The embedded invoice is found by its name in the EmbeddedFiles name tree
 * and in the AF array of the catalog, and streamed out of the file, decompressed as it is read.
 */
public final class FacturXPdf implements Closeable {

    /** The embedded invoice's names, by preference: Factur-X's, then ZUGFeRD's (two spellings), XRechnung's. */
    public static final List<String> INVOICE_NAMES = List.of("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml");

    /** A PDF ends with %%EOF within its last 1024 bytes (ISO 32000-1, 7.5.5); one that does not was cut short. */
    private static final int TAIL = 1024;
    private static final COSName AF = COSName.getPDFName("AF");
    /** Deeper than this, a name tree is hostile: real ones have two or three levels. */
    private static final int MAX_TREE_DEPTH = 32;

    private final PDDocument document;
    private final FacturXLimits limits;

    private FacturXPdf(PDDocument document, FacturXLimits limits) {
        this.document = document;
        this.limits = limits;
    }

    /**
     * @throws PdfRefused when the file is over {@link FacturXLimits#maxPdfBytes}, truncated, encrypted, or
     *                    no PDF PDFBox can read
     * @throws IOException when the disk fails (no fault of the sender's)
     */
    public static FacturXPdf open(Path file, FacturXLimits limits) throws PdfRefused, IOException {
        long size = Files.size(file);
        if (size > limits.maxPdfBytes()) {
            throw new PdfRefused(ReasonCode.F11, "a PDF of " + size + " bytes, over the limit of " + limits.maxPdfBytes()
                    + " bytes (chorus.facturx.max-pdf-bytes)");
        }
        if (!endsWithEof(file, size)) {
            throw new PdfRefused(ReasonCode.F12, "not a complete PDF: no %%EOF in its last " + TAIL + " bytes (truncated?)");
        }
        PDDocument document;
        try {
            document = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()), "", null, null,
                    IOUtils.createTempFileOnlyStreamCache());
        } catch (InvalidPasswordException e) {
            throw new PdfRefused(ReasonCode.F12, "an encrypted PDF (a PDF/A may not be encrypted)");
        } catch (FileSystemException | InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PdfRefused(ReasonCode.F12, "a PDF that cannot be read: " + Quoted.capped(String.valueOf(e.getMessage())));
        }
        if (document.isEncrypted()) {
            document.close();
            throw new PdfRefused(ReasonCode.F12, "an encrypted PDF (a PDF/A may not be encrypted)");
        }
        return new FacturXPdf(document, limits);
    }

    private static boolean endsWithEof(Path file, long size) throws IOException {
        int tail = (int) Math.min(TAIL, size);
        byte[] bytes = new byte[tail];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(size - tail);
            in.readFully(bytes);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("%%EOF");
    }

    /** The embedded invoice: its name in the PDF, and its bytes, decompressed as they are read. */
    public record EmbeddedInvoice(String name, InputStream content) {
    }

    /**
     * @throws PdfRefused F13 when no embedded file has an invoice's name, F11 past the number of embedded
     *                    files, F12 when the PDF's objects or the embedded file's encoding cannot be read
     */
    public EmbeddedInvoice invoice() throws PdfRefused, IOException {
        try {
            List<FileSpec> specs = fileSpecs();
            FileSpec chosen = null;
            for (FileSpec spec : specs) {
                int rank = INVOICE_NAMES.indexOf(spec.name.toLowerCase(Locale.ROOT));
                if (rank >= 0 && (chosen == null || rank < INVOICE_NAMES.indexOf(chosen.name.toLowerCase(Locale.ROOT)))) {
                    chosen = spec;
                }
            }
            if (chosen == null) {
                throw new PdfRefused(ReasonCode.F13, "no embedded invoice (a file named " + String.join(", ", INVOICE_NAMES)
                        + "): " + (specs.isEmpty() ? "the PDF embeds no file" : "it embeds " + names(specs)));
            }
            return new EmbeddedInvoice(chosen.name, content(chosen));
        } catch (FileSystemException | InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PdfRefused(ReasonCode.F12, "a PDF whose objects cannot be read: " + Quoted.capped(String.valueOf(e.getMessage())));
        }
    }

    private record FileSpec(String name, COSDictionary dictionary) {
    }

    /** The file specifications of the EmbeddedFiles name tree and of the catalog's AF array, each once. */
    private List<FileSpec> fileSpecs() throws PdfRefused {
        COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
        Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<FileSpec> specs = new ArrayList<>();
        COSDictionary names = catalog.getCOSDictionary(COSName.NAMES);
        COSDictionary root = names == null ? null : names.getCOSDictionary(COSName.EMBEDDED_FILES);
        if (root != null) {
            Deque<COSDictionary> nodes = new ArrayDeque<>();
            Deque<Integer> depths = new ArrayDeque<>();
            nodes.push(root);
            depths.push(0);
            Set<COSDictionary> visited = Collections.newSetFromMap(new IdentityHashMap<>());
            while (!nodes.isEmpty()) {
                COSDictionary node = nodes.pop();
                int depth = depths.pop();
                // A node met twice is a loop; the nodes count against the limit as the files do.
                if (!visited.add(node)) {
                    continue;
                }
                if (depth > MAX_TREE_DEPTH || visited.size() > limits.maxEmbeddedFiles() + 1) {
                    throw overLimit("name tree nodes");
                }
                COSArray pairs = node.getCOSArray(COSName.NAMES);
                for (int i = 0; pairs != null && i + 1 < pairs.size(); i += 2) {
                    COSBase key = pairs.getObject(i);
                    String treeName = key instanceof org.apache.pdfbox.cos.COSString s ? s.getString() : "";
                    add(pairs.getObject(i + 1), treeName, seen, specs);
                }
                COSArray kids = node.getCOSArray(COSName.KIDS);
                for (int i = 0; kids != null && i < kids.size(); i++) {
                    if (kids.getObject(i) instanceof COSDictionary kid) {
                        nodes.push(kid);
                        depths.push(depth + 1);
                    }
                }
            }
        }
        COSArray associated = catalog.getCOSArray(AF);
        for (int i = 0; associated != null && i < associated.size(); i++) {
            add(associated.getObject(i), "", seen, specs);
        }
        return specs;
    }

    private void add(COSBase object, String treeName, Set<COSDictionary> seen, List<FileSpec> specs) throws PdfRefused {
        if (!(object instanceof COSDictionary spec) || !seen.add(spec)) {
            return;
        }
        if (seen.size() > limits.maxEmbeddedFiles()) {
            throw overLimit("embedded files");
        }
        String name = spec.getString(COSName.UF);
        if (name == null) {
            name = spec.getString(COSName.F);
        }
        specs.add(new FileSpec(name == null ? treeName : name, spec));
    }

    private PdfRefused overLimit(String what) {
        return new PdfRefused(ReasonCode.F11, "more " + what + " than the limit of " + limits.maxEmbeddedFiles()
                + " (chorus.facturx.max-embedded-files)");
    }

    private static String names(List<FileSpec> specs) {
        StringBuilder text = new StringBuilder();
        for (FileSpec spec : specs.subList(0, Math.min(5, specs.size()))) {
            text.append(text.length() == 0 ? "" : ", ").append('\'').append(Quoted.capped(spec.name)).append('\'');
        }
        return specs.size() > 5 ? text + " and " + (specs.size() - 5) + " more" : text.toString();
    }

    /**
     * The embedded file's bytes, streamed from the PDF and inflated as they are read: PDFBox's own
     * decoding would write all of it out first, however large it inflates. FlateDecode, or no filter,
     * is what every Factur-X writer uses; any other encoding is refused (F12).
     */
    private static InputStream content(FileSpec spec) throws PdfRefused, IOException {
        COSDictionary files = spec.dictionary.getCOSDictionary(COSName.EF);
        COSStream stream = files == null ? null : files.getCOSStream(COSName.UF);
        if (stream == null && files != null) {
            stream = files.getCOSStream(COSName.F);
        }
        String quoted = "'" + Quoted.capped(spec.name) + "'";
        if (stream == null) {
            throw new PdfRefused(ReasonCode.F13, "the file specification " + quoted + " embeds no file");
        }
        COSBase filter = stream.getDictionaryObject(COSName.FILTER);
        if (filter instanceof COSArray array && array.size() <= 1) {
            filter = array.size() == 0 ? null : array.getObject(0);
        }
        if (stream.getDictionaryObject(COSName.DECODE_PARMS) != null && filter != null) {
            throw new PdfRefused(ReasonCode.F12, "the embedded file " + quoted + " is encoded with parameters (a predictor),"
                    + " which the engine does not decode");
        }
        if (filter == null) {
            return stream.createRawInputStream();
        }
        if (COSName.FLATE_DECODE.equals(filter) || COSName.FLATE_DECODE_ABBREVIATION.equals(filter)) {
            return new InflaterInputStream(new BufferedInputStream(stream.createRawInputStream(), 1 << 16));
        }
        throw new PdfRefused(ReasonCode.F12, "the embedded file " + quoted + " is encoded with " + Quoted.capped(String.valueOf(filter))
                + ", which the engine does not decode (FlateDecode or none)");
    }

    @Override
    public void close() throws IOException {
        document.close();
    }
}
