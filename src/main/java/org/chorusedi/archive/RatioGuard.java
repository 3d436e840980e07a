package org.chorusedi.archive;

import java.io.IOException;
import java.io.InputStream;

/** Stops a decompression bomb as it streams: each byte read is added to its archive's ratio. */
public final class RatioGuard extends ChunkFilterInputStream {

    private final CompressionRatio ratio;

    public RatioGuard(InputStream decompressed, CompressionRatio ratio) {
        super(decompressed);
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
