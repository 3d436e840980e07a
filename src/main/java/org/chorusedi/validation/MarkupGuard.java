package org.chorusedi.validation;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The characters Woodstox parses, watched for what it reads whole before it hands it over: a comment,
 * a processing instruction, a DOCTYPE, a name (element, attribute, entity). Woodstox returns text and
 * CDATA in segments, but none of these, and has no limit for them: its P_MAX_TEXT_LENGTH caps comments,
 * but also the whole text of an element, attachments included, and leaves processing instructions and
 * names unbounded. Each is measured here as it streams, and refused past its limit before Woodstox
 * holds it. The guard follows XML's lexical structure only as far as these need: a document it cannot
 * follow is malformed, and Woodstox says so.
 */
final class MarkupGuard extends FilterReader {

    private enum State {
        CONTENT, MARKUP, BANG, COMMENT, CDATA, PROCESSING_INSTRUCTION, DECLARATION, START_NAME, END_NAME, END_TAG,
        TAG, ATTRIBUTE_NAME, ATTRIBUTE_VALUE, ENTITY, CHARACTER_REFERENCE
    }

    private static final String COMMENT_OPENING = "--";
    private static final String CDATA_OPENING = "[CDATA[";

    private final XmlLimits limits;
    private State state = State.CONTENT;
    /** Where an entity reference returns: content, or an attribute value. */
    private State afterEntity;
    private char quote;
    /** What follows "<!", while it is told apart. */
    private final StringBuilder bang = new StringBuilder();
    /** Of the comment, processing instruction or declaration being read. */
    private long length;
    private int nameLength;
    /** '-' in a row in a comment, ']' in a CDATA section, 1 after a '?' in a processing instruction: not yet counted. */
    private int run;
    /** The place of the next character, and of what is being measured. */
    private int line;
    private int column;
    private boolean afterCarriageReturn;
    private int startLine;
    private int startColumn;

    /** {@code line} and {@code column}: the place of the first character (after the XML declaration). */
    MarkupGuard(Reader in, XmlLimits limits, int line, int column) {
        super(in);
        this.limits = limits;
        this.line = line;
        this.column = column;
    }

    @Override
    public int read(char[] chars, int offset, int count) throws IOException {
        int n = in.read(chars, offset, count);
        for (int i = offset; i < offset + n; i++) {
            char c = chars[i];
            if (state == State.CONTENT && c != '<' && c != '&' && c != '\n' && c != '\r') {
                // the common case, text: nothing to measure
                column++;
                afterCarriageReturn = false;
            } else {
                step(c);
                advance(c);
            }
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0];
    }

    /** Skipped characters are watched too. */
    @Override
    public long skip(long n) throws IOException {
        char[] skipped = new char[(int) Math.min(n, 8192)];
        return Math.max(0, read(skipped, 0, skipped.length));
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void advance(char c) {
        if (c == '\n') {
            if (!afterCarriageReturn) {
                line++;
            }
            column = 1;
            afterCarriageReturn = false;
        } else if (c == '\r') {
            line++;
            column = 1;
            afterCarriageReturn = true;
        } else {
            column++;
            afterCarriageReturn = false;
        }
    }

    private void step(char c) throws XmlLimitExceeded {
        while (true) {
            switch (state) {
                case CONTENT -> {
                    if (c == '<') {
                        begin(State.MARKUP);
                    } else if (c == '&') {
                        entity(State.CONTENT);
                    }
                }
                case MARKUP -> {
                    if (c == '!') {
                        state = State.BANG;
                        bang.setLength(0);
                    } else if (c == '?') {
                        measure(State.PROCESSING_INSTRUCTION);
                    } else if (c == '/') {
                        state = State.END_NAME;
                        nameLength = 0;
                    } else if (isNameChar(c)) {
                        state = State.START_NAME;
                        nameLength = 0;
                        continue;
                    } else {
                        state = State.CONTENT;
                    }
                }
                case BANG -> {
                    bang.append(c);
                    if (COMMENT_OPENING.contentEquals(bang)) {
                        measure(State.COMMENT);
                    } else if (CDATA_OPENING.contentEquals(bang)) {
                        state = State.CDATA;
                        run = 0;
                    } else if (!COMMENT_OPENING.startsWith(bang.toString()) && !CDATA_OPENING.startsWith(bang.toString())) {
                        // a DOCTYPE, or anything else: the document is refused once Woodstox has read it
                        measure(State.DECLARATION);
                        length = bang.length();
                    }
                }
                case COMMENT -> {
                    // dashes are counted once known not to close the comment
                    if (c == '-') {
                        run++;
                    } else if (c == '>' && run >= 2) {
                        state = State.CONTENT;
                    } else {
                        grow("a comment", run + 1);
                        run = 0;
                    }
                }
                case CDATA -> {
                    // returned in segments, measured as text by its reader
                    if (c == ']') {
                        run++;
                    } else {
                        if (c == '>' && run >= 2) {
                            state = State.CONTENT;
                        }
                        run = 0;
                    }
                }
                case PROCESSING_INSTRUCTION -> {
                    // a '?' is counted once known not to close the instruction
                    if (c == '>' && run == 1) {
                        state = State.CONTENT;
                    } else if (c == '?') {
                        grow("a processing instruction", run);
                        run = 1;
                    } else {
                        grow("a processing instruction", run + 1);
                        run = 0;
                    }
                }
                case DECLARATION -> grow("a DOCTYPE or declaration", 1);
                case START_NAME, END_NAME, ATTRIBUTE_NAME -> {
                    if (isNameChar(c)) {
                        name();
                    } else {
                        state = state == State.END_NAME ? State.END_TAG : State.TAG;
                        continue;
                    }
                }
                case END_TAG -> {
                    if (c == '>') {
                        state = State.CONTENT;
                    }
                }
                case TAG -> {
                    if (c == '>') {
                        state = State.CONTENT;
                    } else if (c == '"' || c == '\'') {
                        state = State.ATTRIBUTE_VALUE;
                        quote = c;
                    } else if (isNameChar(c)) {
                        begin(State.ATTRIBUTE_NAME);
                        nameLength = 0;
                        continue;
                    }
                }
                case ATTRIBUTE_VALUE -> {
                    // its length is Woodstox's own limit (P_MAX_ATTRIBUTE_SIZE)
                    if (c == quote) {
                        state = State.TAG;
                    } else if (c == '&') {
                        entity(State.ATTRIBUTE_VALUE);
                    }
                }
                case ENTITY -> {
                    if (c == '#' && nameLength == 0) {
                        state = State.CHARACTER_REFERENCE;
                    } else if (isNameChar(c)) {
                        name();
                    } else {
                        state = afterEntity;
                        continue;
                    }
                }
                case CHARACTER_REFERENCE -> {
                    // digits, read as a number
                    if (!isNameChar(c)) {
                        state = afterEntity;
                        continue;
                    }
                }
            }
            return;
        }
    }

    /** Something starts at this character. */
    private void begin(State next) {
        state = next;
        startLine = line;
        startColumn = column;
    }

    /** A comment, a processing instruction or a declaration starts, measured from its '<'. */
    private void measure(State next) {
        state = next;
        length = 0;
        run = 0;
    }

    private void entity(State returnTo) {
        begin(State.ENTITY);
        afterEntity = returnTo;
        nameLength = 0;
    }

    private void grow(String what, int characters) throws XmlLimitExceeded {
        length += characters;
        if (length > limits.maxTextLength()) {
            throw new XmlLimitExceeded(startLine, startColumn, limits.overText(what));
        }
    }

    /** One more character of a name, measured from its tag's '<', its own start or its '&'. */
    private void name() throws XmlLimitExceeded {
        if (++nameLength > limits.maxNameLength()) {
            throw new XmlLimitExceeded(startLine, startColumn, limits.overName("a name"));
        }
    }

    /**
     * Whether a character may stand in a name: ASCII letters, digits and {@code - . _ :}, and anything
     * beyond ASCII (a conservative guess: it is counted).
     */
    private static boolean isNameChar(char c) {
        return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == ':';
    }
}
