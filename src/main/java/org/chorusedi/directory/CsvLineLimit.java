package org.chorusedi.directory;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts the characters the CSV parser reads for one line (with the line breaks of its quoted
 * fields): past the limit the reading stops, so that a huge line, a huge field or an unterminated
 * quote (which makes one line of the rest of the file) never fills memory. The parser reads ahead
 * by one buffer, which the count allows for: a line within the limit is never stopped, and the
 * reader throws within one buffer of it.
 */
public final class CsvLineLimit extends FilterReader {

    /** A line went past the limit. */
    public static final class Exceeded extends IOException {
        Exceeded(String message) {
            super(message);
        }
    }

    // Commons CSV's read-ahead buffer (ExtendedBufferedReader), counted twice: what it held of the
    // line before, and what it reads past its end.
    private static final int READ_AHEAD = 2 * 8192;

    private final int maxChars;
    private long count;

    private CsvLineLimit(Reader in, int maxChars) {
        super(in);
        this.maxChars = maxChars;
    }

    /**
     * Opens a CSV file as UTF-8, bytes that are not UTF-8 becoming U+FFFD, so that they are reported
     * with their line and column.
     */
    public static CsvLineLimit openUtf8(Path csv, int maxChars) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new CsvLineLimit(new InputStreamReader(Files.newInputStream(csv), decoder), maxChars);
    }

    public int maxChars() {
        return maxChars;
    }

    /** Called once a line has been read: the count starts again for the next one. */
    public void nextLine() {
        count = 0;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count += n;
            if (count > (long) maxChars + READ_AHEAD) {
                throw new Exceeded("a line longer than " + maxChars + " characters");
            }
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }
}
