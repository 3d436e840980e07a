package org.chorusedi.archive;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * The files of an archive, one after the other, each checked before it is read: a path that is
 * absolute or goes up, a link or a special file, a nested archive (by name or by content) are refused
 * ({@link UnsafeArchive}). Entries are streamed, never extracted; every byte read counts against the
 * archive's compression ratio.
 */
public abstract sealed class ArchiveEntries implements Closeable permits TarEntries, ZipEntries {

    private static final int BUFFER = 1 << 16;

    /** A file of the archive: its name as the archive gives it, and its bytes. */
    public record Entry(String name, InputStream content) {
    }

    private final CompressionRatio ratio;
    private int files;

    ArchiveEntries(CompressionRatio ratio) {
        this.ratio = ratio;
    }

    /**
     * The next file, folders skipped; null at the end.
     *
     * @throws UnsafeArchive when the entry is refused
     * @throws IOException   when the archive is corrupt or truncated, or cannot be read
     */
    public Entry next() throws IOException {
        ArchiveEntry entry = nextEntry();
        while (entry != null && entry.isDirectory()) {
            entry = nextEntry();
        }
        if (entry == null) {
            return null;
        }
        files++;
        String problem = problem(entry);
        if (problem != null) {
            throw new UnsafeArchive(entry.getName(), problem);
        }
        InputStream content = new BufferedInputStream(new RatioGuard(open(entry), ratio), BUFFER);
        byte[] magic = ArchiveFormat.peek(content, 5);
        if (ArchiveFormat.isGzip(magic) || ArchiveFormat.isZip(magic)) {
            throw new UnsafeArchive(entry.getName(), "nested archive");
        }
        if (ArchiveFormat.isPdf(magic)) {
            // A Factur-X PDF is read from a file of its own (PDFBox needs random access), never from an entry.
            throw new UnsafeArchive(entry.getName(), "a PDF: a Factur-X invoice is a flow of its own, not an archive entry");
        }
        return new Entry(entry.getName(), content);
    }

    /** How many files have been met so far. */
    public int files() {
        return files;
    }

    abstract ArchiveEntry nextEntry() throws IOException;

    abstract InputStream open(ArchiveEntry entry) throws IOException;

    /** Why an entry is refused before it is read, or null. */
    private static String problem(ArchiveEntry entry) {
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
}
