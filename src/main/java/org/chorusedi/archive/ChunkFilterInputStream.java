package org.chorusedi.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that sees every byte through {@link #read(byte[], int, int)}: the streams under the parser
 * (counting, hashing, capturing, ratio guard) do their work there, once, and single-byte reads go the
 * same way. No mark and reset: they would count bytes twice.
 */
public abstract class ChunkFilterInputStream extends FilterInputStream {

    protected ChunkFilterInputStream(InputStream in) {
        super(in);
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
