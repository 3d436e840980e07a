package org.chorusedi.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** A tar's entries, streamed: each entry's bytes are read from the tar stream itself. */
public final class TarEntries extends ArchiveEntries {

    private final TarArchiveInputStream tar;

    /** @param decompressed the tar's bytes (a tar.gz decompressed), counted against {@code ratio} */
    public TarEntries(InputStream decompressed, CompressionRatio ratio) {
        super(ratio);
        this.tar = new TarArchiveInputStream(decompressed);
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
