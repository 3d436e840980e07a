package org.chorusedi.far37;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.chorusedi.archive.ChunkFilterInputStream;
import org.chorusedi.archive.CompressionRatio;
import org.chorusedi.archive.RatioGuard;
import org.chorusedi.directory.ImportLimits;

/**
 * The content of a FAR37 file as the parser reads it, held to the directory's size
 * (chorus.directory.max-bytes) once decompressed too. A {@code .xml.gz} is decompressed with its
 * compression ratio guarded as a flow's gzip is (package archive): a small file that expands to
 * gigabytes is stopped as it streams.
 */
final class ExtractContent extends ChunkFilterInputStream {

    private static final int BUFFER = 64 * 1024;

    private final long maxBytes;
    private long content;

    private ExtractContent(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    static InputStream open(Path path, boolean gzip, ImportLimits limits) throws IOException {
        Counted file = new Counted(new BufferedInputStream(Files.newInputStream(path), BUFFER));
        try {
            if (!gzip) {
                return new ExtractContent(file, limits.maxBytes());
            }
            CompressionRatio ratio = new CompressionRatio(file::count, limits.maxCompressionRatio());
            return new ExtractContent(new RatioGuard(new GZIPInputStream(file, BUFFER), ratio), limits.maxBytes());
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            content += n;
            if (content > maxBytes) {
                throw new LimitExceeded("the content is larger than " + maxBytes + " bytes (chorus.directory.max-bytes)");
            }
        }
        return n;
    }

    /** The bytes read from the file itself, against which the ratio is judged. */
    private static final class Counted extends ChunkFilterInputStream {
        private long count;

        Counted(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }
}
