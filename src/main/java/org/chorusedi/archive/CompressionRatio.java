package org.chorusedi.archive;

import java.util.function.LongSupplier;

/**
 * Decompressed against compressed bytes, over a whole archive: a bomb spread over many small
 * entries is one bomb.
 */
public final class CompressionRatio {

    /** Below this much decompressed data, no ratio is judged: small files compress very well too. */
    private static final long FLOOR_BYTES = 10L * 1000 * 1000;

    private final LongSupplier compressed;
    private final int maxRatio;
    private long decompressed;

    /** @param compressed how many compressed bytes have been read so far */
    public CompressionRatio(LongSupplier compressed, int maxRatio) {
        this.compressed = compressed;
        this.maxRatio = maxRatio;
    }

    void add(int bytes) throws UnsafeArchive {
        decompressed += bytes;
        if (decompressed > FLOOR_BYTES && decompressed > (long) maxRatio * Math.max(1, compressed.getAsLong())) {
            throw new UnsafeArchive("compression ratio over " + maxRatio
                    + " (decompression bomb, chorus.archive.max-compression-ratio)");
        }
    }
}
