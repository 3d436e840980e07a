package org.chorusedi.flow;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.chorusedi.archive.ArchiveEntries;
import org.chorusedi.archive.ArchiveFormat;
import org.chorusedi.archive.ChunkFilterInputStream;
import org.chorusedi.archive.CompressionRatio;
import org.chorusedi.archive.RatioGuard;
import org.chorusedi.archive.TarEntries;
import org.chorusedi.archive.UnsafeArchive;
import org.chorusedi.archive.ZipEntries;
import org.chorusedi.facturx.FacturXLimits;
import org.chorusedi.facturx.FacturXPdf;
import org.chorusedi.facturx.PdfRefused;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.recognition.InvoiceRecognizer;
import org.chorusedi.recognition.PdfTextReader;
import org.chorusedi.recognition.Recognition;
import org.chorusedi.recognition.RecognisedInvoiceXml;
import org.chorusedi.recognition.RecognitionReport;
import org.chorusedi.recognition.UnreadablePdf;
import org.chorusedi.rules.InvoiceTrees;
import org.chorusedi.validation.Quoted;
import org.chorusedi.validation.SchemaCatalog;

/**
 * Reads a flow in one streaming pass, whatever its shape: a single invoice, a batch in our envelope,
 * a gzip of either, a tar.gz / zip of single invoices, or a Factur-X PDF (its embedded CII invoice read
 * as a single invoice is). The shape is told by the bytes, never by the file name. Archives are checked as they stream (package archive: entry paths, links, nested
 * archives, compression ratio), and their decompressed bytes count against the flow's size limit.
 * Each invoice's bytes are staged for delivery on the way.
 */
public final class FlowReader {

    private static final int BUFFER = 1 << 16;

    private final SchemaCatalog schemas;
    private final FlowLimits limits;
    private final ExecutorService validators;

    /**
     * @param validators where each document is validated while it is parsed (parsing and validation
     *                   run side by side); owned by the caller, who shuts it down
     */
    public FlowReader(SchemaCatalog schemas, FlowLimits limits, ExecutorService validators) {
        this.schemas = schemas;
        this.limits = limits;
        this.validators = validators;
    }

    /**
     * @param file     the flow
     * @param fileName the name the sender gave the file, for the messages
     * @param staging  an empty folder where each invoice's bytes are staged
     * @throws IOException when the bytes cannot be read or staged (not when they are bad)
     */
    public FlowRead read(Path file, String fileName, Path staging) throws IOException {
        return read(file, fileName, staging, DepositMode.EDI, true, InvoiceTrees.NONE);
    }

    /**
     * The same, under the size limits of its deposit mode (docs/partners/limits.md, "Limits by deposit mode").
     *
     * @param recognisePdf whether a PDF without an embedded invoice has its data recognised in its text (else F13)
     * @param trees        where each invoice's tree for the EN 16931 rules is built as it is read
     */
    public FlowRead read(Path file, String fileName, Path staging, DepositMode mode, boolean recognisePdf, InvoiceTrees trees)
            throws IOException {
        FlowContent content = new FlowContent();
        try (StagingWriter writer = new StagingWriter();
             DigestingInputStream digesting = new DigestingInputStream(Files.newInputStream(file))) {
            BufferedInputStream raw = new BufferedInputStream(digesting, BUFFER);
            Progress progress = new Progress(fileName, Files.size(file), digesting::count);
            DocumentReader documents = new DocumentReader(schemas.invoiceSchema(), limits, staging, progress, validators, writer,
                    DepositLimits.of(mode), trees);
            try {
                byte[] magic = ArchiveFormat.peek(raw, 5);
                if (ArchiveFormat.isPdf(magic)) {
                    readPdf(file, fileName, staging, documents, content, recognisePdf);
                } else if (ArchiveFormat.isGzip(magic)) {
                    readGzip(raw, digesting, fileName, documents, content);
                } else if (ArchiveFormat.isZip(magic)) {
                    readZip(file, fileName, documents, content);
                } else {
                    documents.read(new CapturingInputStream(raw, limits.maxFlowBytes()), fileName, DocumentReader.Origin.PLAIN_FILE, content);
                }
                writer.finish();
                attachMixedFlowPdfs(staging, content);
            } catch (CapturingInputStream.LimitExceeded e) {
                content.reject(new Finding(ReasonCode.F02, fileName + ": decompressed, over the limit of " + limits.maxFlowBytes() + " bytes"));
            } catch (UnsafeArchive e) {
                String entry = e.entry() == null ? "" : "entry '" + Quoted.capped(e.entry()) + "': ";
                content.reject(new Finding(ReasonCode.F08, fileName + ": " + entry + e.getMessage()));
            }
            // The ledger keeps every flow's SHA-256: what parsing left unread is hashed to the end.
            return content.toRead(digesting.finish());
        }
    }

    private void readGzip(BufferedInputStream raw, DigestingInputStream file, String fileName, DocumentReader documents,
                          FlowContent content) throws IOException {
        BufferedInputStream gzip;
        byte[] head;
        try {
            gzip = new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
            head = ArchiveFormat.peek(gzip, ArchiveFormat.TAR_HEADER);
        } catch (ZipException | EOFException e) {
            content.reject(new Finding(ReasonCode.F08, fileName + ": corrupt or truncated gzip: " + e.getMessage()));
            return;
        }
        if (ArchiveFormat.isGzip(head) || ArchiveFormat.isZip(head)) {
            content.reject(new Finding(ReasonCode.F08, fileName + ": nested archive (an archive inside the gzip)"));
            return;
        }
        if (ArchiveFormat.isPdf(head)) {
            content.reject(new Finding(ReasonCode.F08, fileName + ": a PDF inside the gzip: a Factur-X invoice is a flow of its own"));
            return;
        }
        CompressionRatio ratio = new CompressionRatio(file::count, limits.archive().maxCompressionRatio());
        InputStream guarded = new RatioGuard(gzip, ratio);
        try {
            if (ArchiveFormat.isTar(head)) {
                readEntries(new TarEntries(guarded, ratio, limits.archive()), fileName, documents, content);
            } else {
                documents.read(new CapturingInputStream(guarded, limits.maxFlowBytes()), fileName,
                        DocumentReader.Origin.PLAIN_FILE, content);
            }
        } catch (ZipException | EOFException e) {
            content.reject(new Finding(ReasonCode.F08, fileName + ": corrupt or truncated gzip: " + e.getMessage()));
        }
    }

    private void readZip(Path file, String fileName, DocumentReader documents, FlowContent content) throws IOException {
        ZipEntries zip;
        try {
            zip = ZipEntries.open(file, limits.archive());
        } catch (IOException e) {
            rejectIfCorrupt(e, fileName, content);
            return;
        }
        try (zip) {
            readEntries(zip, fileName, documents, content);
        }
    }

    /**
     * A Factur-X PDF: its embedded invoice goes through the path of a dropped CII invoice (staged byte for
     * byte as {@code invoice-000001.xml}); the PDF itself, the legal invoice, is staged beside it. A PDF that embeds
     * no invoice has its data recognised in its text, when the partner's PDFs are.
     */
    private void readPdf(Path file, String fileName, Path staging, DocumentReader documents, FlowContent content,
                         boolean recognisePdf) throws IOException {
        FacturXLimits caps = limits.facturX();
        PdfRefused noInvoice = null;
        try (FacturXPdf pdf = FacturXPdf.open(file, caps)) {
            FacturXPdf.EmbeddedInvoice embedded = pdf.invoice();
            String name = fileName + "!" + Quoted.capped(embedded.name());
            try (InputStream xml = embedded.content()) {
                documents.read(new CapturingInputStream(new BufferedInputStream(xml, BUFFER), caps.maxEmbeddedBytes()), name,
                        DocumentReader.Origin.EMBEDDED_FILE, content);
            } catch (CapturingInputStream.LimitExceeded e) {
                content.reject(new Finding(ReasonCode.F11, name + ": the embedded invoice inflates past the limit of "
                        + caps.maxEmbeddedBytes() + " bytes (chorus.facturx.max-embedded-bytes)"));
            } catch (ZipException | EOFException e) {
                content.reject(new Finding(ReasonCode.F12, name + ": the embedded file's compressed bytes are corrupt or cut short: "
                        + Quoted.capped(String.valueOf(e.getMessage()))));
            }
        } catch (PdfRefused e) {
            if (e.code() == ReasonCode.F13) {
                noInvoice = e;
            } else {
                content.reject(new Finding(e.code(), fileName + ": " + e.getMessage()));
            }
        }
        if (noInvoice != null) {
            if (!recognisePdf) {
                content.reject(new Finding(ReasonCode.F13, fileName + ": " + noInvoice.getMessage()
                        + "; the recognition of plain PDFs is off for this partner (chorus.pdf.recognition)"));
            } else {
                readRecognised(file, fileName, staging, documents, content);
            }
        }
        if (!content.rejected() && content.invoices.size() == 1) {
            InvoiceRead invoice = content.invoices.get(0);
            Path staged = InvoiceRead.stagedPdf(staging, invoice.index());
            Files.copy(file, staged);
            content.invoices.set(0, invoice.withPdf(staged));
        }
    }

    /**
     * A plain PDF: its invoice's data recognised in the text of its first, one before the last and last pages. Complete
     * and without doubt, they make a minimal CII invoice (staged as {@code invoice-000001.xml}, named
     * {@code <file>!reconnaissance.xml}) that goes the path of a Factur-X PDF's; else the flow is refused, F16 naming
     * each value missing or doubtful. Either way the report of what was read is staged for the sender.
     */
    private void readRecognised(Path file, String fileName, Path staging, DocumentReader documents, FlowContent content)
            throws IOException {
        Recognition recognition;
        try {
            recognition = InvoiceRecognizer.recognise(new PdfTextReader(PdfTextReader.MAX_DEPOSIT_BYTES).read(file));
        } catch (UnreadablePdf e) {
            content.reject(new Finding(e.code(), fileName + ": " + e.toSender()));
            return;
        }
        Files.writeString(staging.resolve(RecognitionReport.STAGED_NAME), RecognitionReport.text(fileName, recognition));
        if (!recognition.complete()) {
            RecognitionReport.problems(recognition).forEach(problem -> content.reject(new Finding(ReasonCode.F16, fileName + ": " + problem)));
            return;
        }
        byte[] xml = RecognisedInvoiceXml.cii(recognition);
        documents.read(new CapturingInputStream(new BufferedInputStream(new ByteArrayInputStream(xml), BUFFER), xml.length),
                fileName + "!" + RecognisedInvoiceXml.NAME, DocumentReader.Origin.EMBEDDED_FILE, content);
    }

    /**
     * A minimal document that is not inside its PDF carries it as an attachment (a mixed flow, Chorus Pro's E2): its
     * first PDF attachment is the legal invoice, staged beside it to be delivered with it (FlowEvaluator gives one
     * without I32).
     */
    private void attachMixedFlowPdfs(Path staging, FlowContent content) throws IOException {
        for (int i = 0; i < content.invoices.size() && !content.rejected(); i++) {
            InvoiceRead invoice = content.invoices.get(i);
            if (invoice.keys().minimal() && invoice.pdf() == null && invoice.findings().stream().noneMatch(f -> f.code() == ReasonCode.I16)) {
                Path pdf = InvoiceRead.stagedPdf(staging, invoice.index());
                if (MixedFlowPdf.extract(invoice.staged(), pdf, limits.xml())) {
                    content.invoices.set(i, invoice.withPdf(pdf));
                }
            }
        }
    }

    /** Each file of the archive, one invoice each; their decompressed bytes count against the flow's limit. */
    private void readEntries(ArchiveEntries archive, String fileName, DocumentReader documents, FlowContent content)
            throws IOException {
        long remaining = limits.maxFlowBytes();
        try {
            ArchiveEntries.Entry entry;
            while ((entry = archive.next()) != null && !content.rejected()) {
                CapturingInputStream captured = new CapturingInputStream(entry.content(), remaining);
                documents.read(captured, fileName + "!" + Quoted.capped(entry.name()), DocumentReader.Origin.ARCHIVE_ENTRY, content);
                remaining -= captured.position();
            }
            if (archive.files() == 0 && !content.rejected()) {
                content.reject(new Finding(ReasonCode.F08, fileName + ": the archive holds no file"));
            }
        } catch (IOException e) {
            rejectIfCorrupt(e, fileName, content);
        }
    }

    /**
     * Commons Compress and java.util.zip tell a truncated or corrupt archive with an IOException. The
     * others are rethrown: an archive or a flow over a limit is told by its caller; a failing disk or an
     * interruption is no fault of the sender's.
     */
    private static void rejectIfCorrupt(IOException e, String fileName, FlowContent content) throws IOException {
        if (e instanceof UnsafeArchive || e instanceof CapturingInputStream.LimitExceeded
                || e instanceof java.nio.file.FileSystemException || e instanceof java.io.InterruptedIOException) {
            throw e;
        }
        content.reject(new Finding(ReasonCode.F08, fileName + ": corrupt or truncated archive: " + Quoted.capped(String.valueOf(e.getMessage()))));
    }

    /** The file's own bytes, counted (compressed size, progress) and hashed as they are read. */
    static final class DigestingInputStream extends ChunkFilterInputStream {
        private final MessageDigest digest;
        private long count;

        DigestingInputStream(InputStream in) {
            super(in);
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        long count() {
            return count;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                digest.update(b, off, n);
            }
            return n;
        }

        /** Reads what is left, and returns the SHA-256 of the whole file in hex. */
        String finish() throws IOException {
            byte[] buffer = new byte[BUFFER];
            while (read(buffer, 0, buffer.length) >= 0) {
                // hashing only
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
