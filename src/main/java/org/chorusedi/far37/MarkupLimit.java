package org.chorusedi.far37;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds every piece of markup of a FAR37 file below the parser, which keeps each one whole before
 * any limit of its own applies: a tag with its names and attributes, a comment, a CDATA section, a
 * processing instruction, a declaration. Text between them is bounded by {@link ExtractReader}.
 * The markup characters are ASCII, which no other character's UTF-8 bytes contain, so the bytes
 * are followed as they stream.
 */
final class MarkupLimit extends FilterInputStream {

    /** No markup of an extract comes near: its longest tag is the root's, with its namespace. */
    static final int MAX_MARKUP_BYTES = 8192;

    private enum State { TEXT, OPEN, TAG, QUOTED, BANG, COMMENT, CDATA, DECLARATION, INSTRUCTION }

    private State state = State.TEXT;
    private int length;
    private byte quote;
    // The two bytes before, to see the end of a comment (-->), a CDATA section (]]>), an instruction (?>).
    private byte previous;
    private byte beforePrevious;
    private int brackets;

    MarkupLimit(InputStream in) {
        super(in);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            follow(buffer[i]);
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            follow((byte) b);
        }
        return b;
    }

    @Override
    public long skip(long n) throws IOException {
        int length = (int) Math.min(Math.max(n, 0), 8192);
        return Math.max(read(new byte[length], 0, length), 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void follow(byte b) throws LimitExceeded {
        if (state == State.TEXT) {
            if (b == '<') {
                state = State.OPEN;
                length = 1;
                previous = 0;
                beforePrevious = 0;
                brackets = 0;
            }
            return;
        }
        if (++length > MAX_MARKUP_BYTES) {
            throw new LimitExceeded("a tag, comment, CDATA section or processing instruction longer than "
                    + MAX_MARKUP_BYTES + " bytes");
        }
        state = switch (state) {
            case OPEN -> b == '?' ? State.INSTRUCTION : b == '!' ? State.BANG : tag(b);
            case TAG -> tag(b);
            case QUOTED -> b == quote ? State.TAG : State.QUOTED;
            case BANG -> b == '-' ? State.COMMENT : b == '[' ? State.CDATA : declaration(b);
            case COMMENT -> ends(b, '-', '-') ? State.TEXT : State.COMMENT;
            case CDATA -> ends(b, ']', ']') ? State.TEXT : State.CDATA;
            case INSTRUCTION -> b == '>' && previous == '?' ? State.TEXT : State.INSTRUCTION;
            case DECLARATION -> declaration(b);
            case TEXT -> State.TEXT;
        };
        beforePrevious = previous;
        previous = b;
    }

    private State tag(byte b) {
        if (b == '"' || b == '\'') {
            quote = b;
            return State.QUOTED;
        }
        return b == '>' ? State.TEXT : State.TAG;
    }

    /** A DOCTYPE, its internal subset in brackets (the reader refuses it anyway, once parsed). */
    private State declaration(byte b) {
        if (b == '[') {
            brackets++;
        } else if (b == ']') {
            brackets--;
        } else if (b == '>' && brackets <= 0) {
            return State.TEXT;
        }
        return State.DECLARATION;
    }

    private boolean ends(byte b, char first, char second) {
        return b == '>' && previous == second && beforePrevious == first;
    }
}
