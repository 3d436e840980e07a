package org.chorusedi.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A zip is read through its central directory (it is a file on disk): that is where it says which
 * entries are links; the entries are then streamed one by one, in the order they are stored.
 */
public final class ZipEntries extends ArchiveEntries {

    private final ZipFile zip;
    private final Iterator<ZipArchiveEntry> entries;
    private final long[] compressed;

    private ZipEntries(ZipFile zip, CompressionRatio ratio, long[] compressed) {
        super(ratio);
        this.zip = zip;
        this.entries = Collections.list(zip.getEntriesInPhysicalOrder()).iterator();
        this.compressed = compressed;
    }

    /**
     * Opens the zip and reads its central directory, once it is known to keep the limits.
     *
     * @throws UnsafeArchive when the central directory has too many entries or bytes
     * @throws IOException   when it is no zip, or a corrupt one, or cannot be read
     */
    public static ZipEntries open(Path file, ArchiveLimits limits) throws IOException {
        ZipDirectory.check(file, limits);
        // The ratio counts the compressed sizes of the entries met so far.
        long[] compressed = {0};
        CompressionRatio ratio = new CompressionRatio(() -> compressed[0], limits.maxCompressionRatio());
        // The local headers are read as each entry is (their extra fields, up to 64 KB each, are never kept).
        ZipFile zip = ZipFile.builder().setPath(file).setIgnoreLocalFileHeader(true).get();
        return new ZipEntries(zip, ratio, compressed);
    }

    @Override
    ArchiveEntry nextEntry() {
        if (!entries.hasNext()) {
            return null;
        }
        ZipArchiveEntry entry = entries.next();
        compressed[0] += Math.max(0, entry.getCompressedSize());
        return entry;
    }

    @Override
    InputStream open(ArchiveEntry entry) throws IOException {
        return zip.getInputStream((ZipArchiveEntry) entry);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
