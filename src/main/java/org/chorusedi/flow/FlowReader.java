package org.chorusedi.flow;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import javax.xml.stream.XMLStreamException;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.chorusedi.routing.Finding;
import org.chorusedi.routing.ReasonCode;
import org.chorusedi.validation.SchemaCatalog;

/**
 * Reads a flow in one streaming pass, whatever its shape: a single invoice, a batch in our envelope,
 * a gzip of either, or a tar.gz / zip of single invoices. The shape is told by the bytes, never by
 * the file name. Archives are checked as they stream: entry paths, links, nested archives, sizes and
 * compression ratio. Each invoice's bytes are staged for delivery on the way.
 */
public final class FlowReader {

    private static final int MAX_QUOTED = 300;
    private static final int BUFFER = 1 << 16;
    /** Below this much decompressed data, no ratio is judged: small files compress very well too. */
    private static final long RATIO_FLOOR_BYTES = 10L * 1000 * 1000;

    /** Validation threads, one per flow being read: parsing and validation run side by side. */
    private static final ExecutorService VALIDATORS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "chorus-validation");
        thread.setDaemon(true);
        return thread;
    });

    private final SchemaCatalog schemas;
    private final FlowLimits limits;

    public FlowReader(SchemaCatalog schemas, FlowLimits limits) {
        this.schemas = schemas;
        this.limits = limits;
    }

    /**
     * @param file     the flow
     * @param fileName the name the sender gave the file, for the messages
     * @param staging  an empty folder where each invoice's bytes are staged
     * @throws IOException when the bytes cannot be read or staged (not when they are bad)
     */
    public FlowRead read(Path file, String fileName, Path staging) throws IOException {
        FlowContent content = new FlowContent();
        try (StagingWriter writer = new StagingWriter();
             DigestingInputStream digesting = new DigestingInputStream(Files.newInputStream(file))) {
            BufferedInputStream raw = new BufferedInputStream(digesting, BUFFER);
            Progress progress = new Progress(fileName, Files.size(file), digesting::count);
            DocumentReader documents = new DocumentReader(schemas.invoiceSchema(), limits.maxSchemaErrors(),
                    limits.maxInvoices(), staging, progress, VALIDATORS, writer);
            try {
                byte[] magic = peek(raw, 4);
                if (isGzip(magic)) {
                    readGzip(raw, digesting, fileName, documents, content);
                } else if (isZip(magic)) {
                    readZip(file, fileName, documents, content);
                } else {
                    documents.read(new CapturingInputStream(raw, limits.maxFlowBytes()), fileName, DocumentReader.Origin.PLAIN_FILE, content);
                }
                writer.finish();
            } catch (CapturingInputStream.LimitExceeded e) {
                content.reject(new Finding(ReasonCode.F02, fileName + ": decompressed, over the limit of " + limits.maxFlowBytes() + " bytes"));
            } catch (RatioGuard.Bomb e) {
                content.reject(new Finding(ReasonCode.F08, fileName + ": " + e.getMessage()));
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
            head = peek(gzip, 512);
        } catch (ZipException | EOFException e) {
            content.reject(new Finding(ReasonCode.F08, fileName + ": corrupt or truncated gzip: " + e.getMessage()));
            return;
        }
        if (isGzip(head) || isZip(head)) {
            content.reject(new Finding(ReasonCode.F08, fileName + ": nested archive (an archive inside the gzip)"));
            return;
        }
        Ratio ratio = new Ratio(file::count, limits.maxCompressionRatio());
        InputStream guarded = new RatioGuard(gzip, ratio);
        try {
            if (head.length == 512 && "ustar".equals(new String(head, 257, 5, StandardCharsets.US_ASCII))) {
                readEntries(new TarEntries(new TarArchiveInputStream(guarded)), ratio, fileName, documents, content);
            } else {
                documents.read(new CapturingInputStream(guarded, limits.maxFlowBytes()), fileName,
                        DocumentReader.Origin.PLAIN_FILE, content);
            }
        } catch (ZipException | EOFException e) {
            content.reject(new Finding(ReasonCode.F08, fileName + ": corrupt or truncated gzip: " + e.getMessage()));
        }
    }

    /**
     * A zip is read through its central directory (it is a file on disk): that is where it says which
     * entries are links; the entries are then streamed one by one, in the order they are stored.
     */
    private void readZip(Path file, String fileName, DocumentReader documents, FlowContent content) throws IOException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(file).get();
        } catch (IOException e) {
            if (e instanceof java.nio.file.FileSystemException) {
                throw e;
            }
            content.reject(new Finding(ReasonCode.F08, fileName + ": corrupt or truncated archive: " + capped(String.valueOf(e.getMessage()))));
            return;
        }
        try (zip) {
            long[] compressed = {0};
            Ratio ratio = new Ratio(() -> compressed[0], limits.maxCompressionRatio());
            Entries entries = new Entries() {
                private final java.util.Iterator<ZipArchiveEntry> iterator = java.util.Collections.list(zip.getEntriesInPhysicalOrder()).iterator();

                @Override
                public ArchiveEntry next() {
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    ZipArchiveEntry entry = iterator.next();
                    compressed[0] += Math.max(0, entry.getCompressedSize());
                    return entry;
                }

                @Override
                public InputStream open(ArchiveEntry entry) throws IOException {
                    return zip.getInputStream((ZipArchiveEntry) entry);
                }
            };
            readEntries(entries, ratio, fileName, documents, content);
        }
    }

    /** The entries of an archive, one after the other. */
    private interface Entries {
        ArchiveEntry next() throws IOException;

        InputStream open(ArchiveEntry entry) throws IOException;
    }

    /** A tar's entries, streamed: each entry's bytes are read from the tar stream itself. */
    private record TarEntries(TarArchiveInputStream tar) implements Entries {
        @Override
        public ArchiveEntry next() throws IOException {
            return tar.getNextEntry();
        }

        @Override
        public InputStream open(ArchiveEntry entry) {
            return new NonClosing(tar);
        }
    }

    private void readEntries(Entries archive, Ratio ratio, String fileName, DocumentReader documents, FlowContent content)
            throws IOException {
        long remaining = limits.maxFlowBytes();
        int entries = 0;
        try {
            ArchiveEntry entry;
            while ((entry = archive.next()) != null && !content.rejected()) {
                if (entry.isDirectory()) {
                    continue;
                }
                entries++;
                String problem = entryProblem(entry);
                if (problem != null) {
                    content.reject(new Finding(ReasonCode.F08, fileName + ": entry '" + capped(entry.getName()) + "': " + problem));
                    return;
                }
                InputStream entryStream = new BufferedInputStream(new RatioGuard(archive.open(entry), ratio), BUFFER);
                byte[] magic = peek(entryStream, 4);
                if (isGzip(magic) || isZip(magic)) {
                    content.reject(new Finding(ReasonCode.F08, fileName + ": entry '" + capped(entry.getName()) + "': nested archive"));
                    return;
                }
                CapturingInputStream captured = new CapturingInputStream(entryStream, remaining);
                documents.read(captured, fileName + "!" + capped(entry.getName()), DocumentReader.Origin.ARCHIVE_ENTRY, content);
                remaining -= captured.position();
            }
            if (entries == 0 && !content.rejected()) {
                content.reject(new Finding(ReasonCode.F08, fileName + ": the archive holds no file"));
            }
        } catch (RatioGuard.Bomb | CapturingInputStream.LimitExceeded e) {
            throw e;
        } catch (IOException e) {
            // Commons Compress and java.util.zip tell a truncated or corrupt archive with an IOException.
            if (e instanceof java.nio.file.FileSystemException || e instanceof java.io.InterruptedIOException) {
                throw e;
            }
            content.reject(new Finding(ReasonCode.F08, fileName + ": corrupt or truncated archive: " + capped(String.valueOf(e.getMessage()))));
        }
    }

    /** Why an entry is refused before it is read, or null. */
    private static String entryProblem(ArchiveEntry entry) {
        String name = entry.getName();
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            return "absolute path";
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                return "path goes up ('..')";
            }
        }
        if (entry instanceof TarArchiveEntry tar && (tar.isSymbolicLink() || tar.isLink() || !tar.isFile()
                || tar.isCharacterDevice() || tar.isBlockDevice() || tar.isFIFO())) {
            return "links and special files are refused";
        }
        if (entry instanceof ZipArchiveEntry zip && zip.isUnixSymlink()) {
            return "links are refused";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip") || lower.endsWith(".gz") || lower.endsWith(".tgz") || lower.endsWith(".tar")) {
            return "nested archive";
        }
        return null;
    }

    private static byte[] peek(InputStream in, int count) throws IOException {
        in.mark(count);
        byte[] head = in.readNBytes(count);
        in.reset();
        return head;
    }

    private static boolean isGzip(byte[] magic) {
        return magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    }

    private static boolean isZip(byte[] magic) {
        return magic.length >= 4 && Arrays.equals(Arrays.copyOf(magic, 4), new byte[] {'P', 'K', 3, 4});
    }

    /** A parser's message, first line only (Woodstox repeats the location on a second line), capped. */
    static String message(XMLStreamException e) {
        String message = e.getMessage();
        if (message == null) {
            return "not well-formed";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return capped(first.replaceFirst("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "").strip());
    }

    /** A sender's text quoted in a report, cut to a readable length. */
    static String capped(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "... (" + text.length() + " characters)";
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

    /**
     * Decompressed against compressed bytes, over a whole archive: a bomb spread over many small
     * entries is one bomb.
     */
    static final class Ratio {
        private final java.util.function.LongSupplier compressed;
        private final int maxRatio;
        private long decompressed;

        Ratio(java.util.function.LongSupplier compressed, int maxRatio) {
            this.compressed = compressed;
            this.maxRatio = maxRatio;
        }

        void add(int bytes) throws RatioGuard.Bomb {
            decompressed += bytes;
            if (decompressed > RATIO_FLOOR_BYTES && decompressed > (long) maxRatio * Math.max(1, compressed.getAsLong())) {
                throw new RatioGuard.Bomb("compression ratio over " + maxRatio + " (decompression bomb)");
            }
        }
    }

    /** Stops a decompression bomb as it streams: each byte read is added to its archive's ratio. */
    static final class RatioGuard extends ChunkFilterInputStream {
        static final class Bomb extends IOException {
            Bomb(String message) {
                super(message);
            }
        }

        private final Ratio ratio;

        RatioGuard(InputStream in, Ratio ratio) {
            super(in);
            this.ratio = ratio;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                ratio.add(n);
            }
            return n;
        }
    }

    /** An archive entry's stream: the XML parser closes what it reads, the archive must stay open. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the archive is closed by its owner
        }
    }
}
