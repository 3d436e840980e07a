package org.chorusedi.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Watches the keys of a tar's PAX headers as Commons Compress reads them: a GNU sparse key is refused
 * before the entry it describes is read, for Commons Compress reads a sparse map whole, however
 * long (format 1.0 keeps it in the entry's data, beyond any header limit), and an invoice is never
 * a sparse file. Records are {@code "<length> <key>=<value>\n"}, the length counting the whole record.
 */
final class PaxKeys extends ChunkFilterInputStream {

    private static final byte[] SPARSE = "GNU.sparse.".getBytes(StandardCharsets.US_ASCII);

    private enum State { LENGTH, KEY, VALUE, IDLE }

    /** PAX data still to come, announced by its header. */
    private long paxLeft;
    private State state = State.IDLE;
    private long recordLength;
    private long recordRead;
    /** The first bytes of the current key, as many as the sparse prefix. */
    private final byte[] key = new byte[SPARSE.length];
    private int keyLength;
    private String entry;

    PaxKeys(InputStream tar) {
        super(tar);
    }

    /** The next {@code size} bytes read are the data of a PAX header before this entry (its position). */
    void expect(long size, String entry) {
        this.paxLeft = size;
        this.entry = entry;
        this.state = State.LENGTH;
        this.recordLength = 0;
        this.recordRead = 0;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        for (int i = off; i < off + n && paxLeft > 0; i++, paxLeft--) {
            watch(b[i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        paxLeft = Math.max(0, paxLeft - skipped);
        return skipped;
    }

    private void watch(byte b) throws UnsafeArchive {
        recordRead++;
        switch (state) {
            case LENGTH -> {
                if (b >= '0' && b <= '9' && recordLength < Integer.MAX_VALUE) {
                    recordLength = recordLength * 10 + (b - '0');
                } else if (b == ' ' && recordLength > recordRead) {
                    state = State.KEY;
                    keyLength = 0;
                } else {
                    state = State.IDLE; // not a PAX record: Commons Compress says so
                }
            }
            case KEY -> {
                if (b == '=') {
                    if (keyLength == SPARSE.length && Arrays.equals(key, SPARSE)) {
                        throw new UnsafeArchive(entry + ": sparse files are refused");
                    }
                    state = State.VALUE;
                } else if (recordRead == recordLength) {
                    state = State.IDLE;
                } else if (keyLength < key.length) {
                    key[keyLength++] = b;
                }
            }
            case VALUE -> {
                if (recordRead == recordLength) {
                    state = State.LENGTH;
                    recordLength = 0;
                    recordRead = 0;
                }
            }
            case IDLE -> {
                // nothing more to watch in this header
            }
        }
    }
}
