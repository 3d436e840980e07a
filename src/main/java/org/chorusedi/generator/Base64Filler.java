package org.chorusedi.generator;

import java.io.IOException;
import java.io.Writer;
import java.util.Base64;
import java.util.Random;

/** Base64 text of made-up content, of any decoded size, written in 76-character lines without holding it. */
final class Base64Filler {

    /** 57 bytes encode to one 76-character line. */
    private static final int LINE_BYTES = 57;
    private static final String[] LINES = lines();

    private Base64Filler() {
    }

    static void write(Writer out, long decodedBytes) throws IOException {
        long full = decodedBytes / LINE_BYTES;
        for (long i = 0; i < full; i++) {
            out.write('\n');
            out.write(LINES[(int) (i % LINES.length)]);
        }
        int rest = (int) (decodedBytes % LINE_BYTES);
        if (rest > 0) {
            byte[] tail = new byte[rest];
            new Random(rest).nextBytes(tail);
            out.write('\n');
            out.write(Base64.getEncoder().encodeToString(tail));
        }
        out.write('\n');
    }

    private static String[] lines() {
        Random random = new Random(37);
        String[] lines = new String[64];
        byte[] bytes = new byte[LINE_BYTES];
        for (int i = 0; i < lines.length; i++) {
            random.nextBytes(bytes);
            lines[i] = Base64.getEncoder().encodeToString(bytes);
        }
        return lines;
    }
}
