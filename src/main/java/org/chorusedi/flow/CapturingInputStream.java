package org.chorusedi.flow;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.chorusedi.archive.ChunkFilterInputStream;

/**
 * The bytes under the XML parser, counted, and copied on demand into a file: each invoice's own bytes
 * are staged for delivery in the same pass that parses them. The parser reads ahead, so the stream
 * keeps the last bytes it handed out, and a capture can start a little behind the current position.
 * Woodstox tells where an element starts in characters, not bytes: for UTF-8 the stream counts the
 * characters it hands out, and turns a character offset back into a byte offset.
 * It also enforces the flow size limit on what is read (decompressed bytes included).
 */
final class CapturingInputStream extends ChunkFilterInputStream {

    /**
     * Far more than the parser reads ahead (Woodstox reads a few kilobytes at a time), and more than
     * any sane start tag: an invoice's capture starts at its start tag, known once the tag is read.
     */
    static final int WINDOW = 1 << 20;

    private static final int CHUNKS = 4096;
    /** The window's first size: most flows are small, and a 1 MiB array per flow is a costly allocation. */
    private static final int FIRST_WINDOW = 1 << 16;

    /** The last bytes handed out, at their offset modulo its length: grows up to WINDOW, and never wraps before. */
    private byte[] window = new byte[FIRST_WINDOW];
    private final long limit;
    private long position;
    private StagedBytes sink;
    /** UTF-8 characters handed out so far, as Woodstox counts them (a BOM is not one, a 4-byte sequence is two). */
    private long characters;
    /** Where each of the last reads started, in bytes and in characters: the anchors of offset conversion. */
    private final long[] chunkBytes = new long[CHUNKS];
    private final long[] chunkChars = new long[CHUNKS];
    /** Whether a chunk is all ASCII (most are): then its character offsets are its byte offsets. */
    private final boolean[] chunkAscii = new boolean[CHUNKS];
    private long chunkCount;
    /** Whether the document is UTF-8: then its bytes are held to the strict form (no overlong sequences). */
    private boolean utf8;
    /** The byte before the current one, for the rules on a sequence's second byte. */
    private int previous;

    /** Thrown when an offset is asked for that the stream no longer holds: a start tag over the window. */
    static final class OutOfWindow extends IOException {
        OutOfWindow(long behind) {
            super("a start tag longer than " + WINDOW + " bytes (" + behind + " bytes back)");
        }
    }

    /** Thrown when more than the limit has been read. */
    static final class LimitExceeded extends IOException {
        LimitExceeded(long limit) {
            super("over the limit of " + limit + " bytes");
        }
    }

    CapturingInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    long position() {
        return position;
    }

    /**
     * Starts copying into {@code sink} from {@code offset} (at most the window behind), with {@code insertion}
     * written after the first {@code insertAfter} bytes: namespace declarations an invoice inherits from its batch.
     */
    void startCapture(long offset, StagedBytes sink, int insertAfter, byte[] insertion) throws IOException {
        if (position - offset > WINDOW) {
            throw new OutOfWindow(position - offset);
        }
        this.sink = sink;
        if (insertion.length == 0) {
            writeWindow(offset, position);
        } else {
            writeWindow(offset, offset + insertAfter);
            sink.write(insertion, 0, insertion.length);
            writeWindow(offset + insertAfter, position);
        }
    }

    /** Stops copying; the sink then ends exactly at {@code endOffset}. Returns the bytes captured. */
    long stopCapture(long endOffset) throws IOException {
        long extra = position - endOffset;
        sink.truncate(sink.size() - extra);
        long captured = sink.size();
        sink = null;
        return captured;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n <= 0) {
            return n;
        }
        if (position + n > limit) {
            throw new LimitExceeded(limit);
        }
        int slot = (int) (chunkCount++ % CHUNKS);
        chunkBytes[slot] = position;
        chunkChars[slot] = characters;
        int highBits = 0;
        for (int i = off; i < off + n; i++) {
            highBits |= b[i];
        }
        chunkAscii[slot] = highBits >= 0;
        if (highBits >= 0) {
            characters += n;
            previous = 0;
        } else {
            for (int i = off; i < off + n; i++) {
                characters += charactersOf(b[i]);
                if (utf8) {
                    checkUtf8(b[i] & 0xff, position + i - off);
                }
                previous = b[i] & 0xff;
            }
        }
        if (position == 0 && n >= 3 && (b[off] & 0xff) == 0xef && (b[off + 1] & 0xff) == 0xbb && (b[off + 2] & 0xff) == 0xbf) {
            characters--;
        }
        if (window.length < WINDOW && position + n > window.length) {
            // Not wrapped yet: each byte is at its own offset.
            window = Arrays.copyOf(window, (int) Math.min(WINDOW, Math.max(2L * window.length, position + n)));
        }
        for (int copied = 0; copied < n; ) {
            int at = (int) ((position + copied) % window.length);
            int chunk = Math.min(n - copied, window.length - at);
            System.arraycopy(b, off + copied, window, at, chunk);
            copied += chunk;
        }
        position += n;
        if (sink != null) {
            sink.write(b, off, n);
        }
        return n;
    }

    /** The byte offset of a UTF-8 character offset among the bytes still held. */
    long byteOffsetOfChar(long charOffset) throws OutOfWindow {
        long first = Math.max(0, chunkCount - CHUNKS);
        long found = -1;
        for (long c = chunkCount - 1; c >= first; c--) {
            int slot = (int) (c % CHUNKS);
            if (chunkChars[slot] <= charOffset) {
                found = slot;
                break;
            }
        }
        if (found < 0 || position - chunkBytes[(int) found] > WINDOW) {
            throw new OutOfWindow(found < 0 ? position : position - chunkBytes[(int) found]);
        }
        long at = chunkBytes[(int) found];
        long chars = chunkChars[(int) found];
        if (chunkAscii[(int) found] && at > 0) {
            return at + (charOffset - chars);
        }
        if (at == 0 && position >= 3 && (window[0] & 0xff) == 0xef && (window[1] & 0xff) == 0xbb && (window[2] & 0xff) == 0xbf) {
            chars--;
        }
        while (chars < charOffset) {
            chars += charactersOf(window[(int) (at++ % window.length)]);
        }
        while (at < position && (window[(int) (at % window.length)] & 0xc0) == 0x80) {
            at++;
        }
        return at;
    }

    /**
     * From now on the document is known to be UTF-8: its bytes must be in the strict form. The parser
     * accepts some malformed sequences (overlong ones, such as C0 AF for '/'), which must not reach a
     * recipient. Checks the bytes already read too.
     */
    void requireStrictUtf8() throws IOException {
        utf8 = true;
        previous = 0;
        for (long p = Math.max(0, position - WINDOW); p < position; p++) {
            int b = window[(int) (p % window.length)] & 0xff;
            if (b >= 0x80) {
                checkUtf8(b, p);
            }
            previous = b;
        }
    }

    private void checkUtf8(int b, long offset) throws java.io.CharConversionException {
        boolean bad = b == 0xc0 || b == 0xc1 || b >= 0xf5
                || (previous == 0xe0 && b < 0xa0) || (previous == 0xf0 && b < 0x90)
                || (previous == 0xed && b >= 0xa0) || (previous == 0xf4 && b >= 0x90);
        if (bad) {
            throw new java.io.CharConversionException(String.format(
                    "invalid UTF-8 at byte %d: 0x%02X%s is not allowed there", offset, b,
                    previous >= 0xc0 ? " after 0x" + String.format("%02X", previous) : ""));
        }
    }

    /** A lead byte starts a character (two for a 4-byte sequence); continuation bytes start none. */
    private static int charactersOf(byte b) {
        if ((b & 0xc0) == 0x80) {
            return 0;
        }
        return (b & 0xf8) == 0xf0 ? 2 : 1;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    private void writeWindow(long from, long to) throws IOException {
        for (long p = from; p < to; ) {
            int at = (int) (p % window.length);
            int chunk = (int) Math.min(to - p, window.length - at);
            sink.write(window, at, chunk);
            p += chunk;
        }
    }
}
