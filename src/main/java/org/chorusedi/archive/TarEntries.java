package org.chorusedi.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * A tar's entries, streamed: each entry's bytes are read from the tar stream itself. Commons Compress
 * reads a GNU long name or link and a PAX header whole into memory, with no limit of its own, and
 * follows a chain of such headers by recursion: each header is measured from its size field before
 * its data is read, and the headers of one entry, and the global headers of the whole tar, are held
 * to {@code chorus.archive.max-header-bytes}; entries are counted as their headers come.
 */
public final class TarEntries extends ArchiveEntries {

    /** Where a tar header keeps its size and its type. */
    private static final int SIZE_OFFSET = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int TYPE_OFFSET = 156;
    private static final int BLOCK = 512;

    private final TarArchiveInputStream tar;

    /** @param decompressed the tar's bytes (a tar.gz decompressed), counted against {@code ratio} */
    public TarEntries(InputStream decompressed, CompressionRatio ratio, ArchiveLimits limits) {
        super(ratio);
        this.tar = new GuardedTar(new PaxKeys(decompressed), limits);
    }

    @Override
    ArchiveEntry nextEntry() throws IOException {
        return tar.getNextEntry();
    }

    @Override
    InputStream open(ArchiveEntry entry) {
        return new NonClosing(tar);
    }

    @Override
    public void close() {
        // the stream under the tar is closed by its owner
    }

    /** Sees every header record Commons Compress reads, before it acts on it. */
    private static final class GuardedTar extends TarArchiveInputStream {
        private final PaxKeys pax;
        private final ArchiveLimits limits;
        private int entries;
        /** The extension headers read since the last entry, their blocks included. */
        private long entryHeaderBytes;
        private long globalHeaderBytes;

        GuardedTar(PaxKeys pax, ArchiveLimits limits) {
            super(pax);
            this.pax = pax;
            this.limits = limits;
        }

        @Override
        protected byte[] readRecord() throws IOException {
            byte[] record = super.readRecord();
            if (record != null && !isEOFRecord(record)) {
                check(record);
            }
            return record;
        }

        private void check(byte[] header) throws UnsafeArchive {
            long size;
            try {
                size = TarUtils.parseOctalOrBinary(header, SIZE_OFFSET, SIZE_LENGTH);
            } catch (IllegalArgumentException e) {
                return; // not a header Commons Compress can read: it says so
            }
            String entry = "entry " + (entries + 1);
            String what = switch (header[TYPE_OFFSET]) {
                case 'L' -> "a GNU long name";
                case 'K' -> "a GNU long link name";
                case 'x', 'X' -> "a PAX header";
                case 'g' -> "a global PAX header";
                case 'S' -> throw new UnsafeArchive(entry + ": sparse files are refused");
                default -> null;
            };
            if (what == null) {
                if (++entries > limits.maxEntries()) {
                    throw limits.overEntries("the tar holds " + entry);
                }
                entryHeaderBytes = 0;
                return;
            }
            entryHeaderBytes += BLOCK + Math.max(0, size);
            if (entryHeaderBytes > limits.maxHeaderBytes()) {
                throw limits.overHeaderBytes(entry + ": its headers hold " + entryHeaderBytes + " bytes (" + what + " of " + size + " bytes)");
            }
            if (header[TYPE_OFFSET] == 'g') {
                globalHeaderBytes += BLOCK + Math.max(0, size);
                if (globalHeaderBytes > limits.maxHeaderBytes()) {
                    throw limits.overHeaderBytes(entry + ": the tar's global PAX headers hold " + globalHeaderBytes + " bytes");
                }
            }
            if (header[TYPE_OFFSET] != 'L' && header[TYPE_OFFSET] != 'K') {
                pax.expect(size, entry);
            }
        }
    }

    /** An entry's stream: the XML parser closes what it reads, the archive must stay open. */
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
