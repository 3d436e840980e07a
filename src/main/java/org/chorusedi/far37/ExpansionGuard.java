package org.chorusedi.far37;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The content of a FAR37 file as the parser reads it, decompressed when gzipped, held to a size
 * (chorus.directory.max-bytes) and, past its first 10 MB, to a compression ratio
 * (chorus.archive.max-compression-ratio): a small file that expands to gigabytes is stopped as it
 * streams, as flows are.
 */
final class ExpansionGuard extends FilterInputStream {

    private static final int BUFFER = 64 * 1024;
    // Below this much content no ratio is judged: small files compress very well too.
    private static final long RATIO_FLOOR_BYTES = 10L * 1000 * 1000;

    private final Counted file;
    private final long maxBytes;
    private final int maxRatio;
    private long content;

    private ExpansionGuard(InputStream in, Counted file, long maxBytes, int maxRatio) {
        super(in);
        this.file = file;
        this.maxBytes = maxBytes;
        this.maxRatio = maxRatio;
    }

    static InputStream open(Path path, boolean gzip, long maxBytes, int maxRatio) throws IOException {
        Counted file = new Counted(new BufferedInputStream(Files.newInputStream(path), BUFFER));
        try {
            return new ExpansionGuard(gzip ? new GZIPInputStream(file, BUFFER) : file, file, maxBytes, maxRatio);
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
            if (content > RATIO_FLOOR_BYTES && content > (long) maxRatio * Math.max(1, file.count)) {
                throw new LimitExceeded("the content is more than " + maxRatio + " times the size of the compressed file"
                        + " (a decompression bomb, chorus.archive.max-compression-ratio)");
            }
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public long skip(long n) throws IOException {
        int length = (int) Math.min(Math.max(n, 0), BUFFER);
        return Math.max(read(new byte[length], 0, length), 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The bytes read from the file itself. */
    private static final class Counted extends FilterInputStream {
        private long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count += b < 0 ? 0 : 1;
            return b;
        }
    }
}
