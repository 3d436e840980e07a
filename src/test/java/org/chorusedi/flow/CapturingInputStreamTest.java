package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The window of the last bytes read starts small and grows up to CapturingInputStream.WINDOW, then wraps:
 * a character offset is turned back into its byte offset wherever the window stands, before, across and
 * after each growth and once it wraps.
 */
class CapturingInputStreamTest {

    @Test
    void characterOffsetsAreTurnedIntoByteOffsetsAsTheWindowGrowsAndWraps() throws Exception {
        // ASCII runs (the fast path) and runs of 2-, 3- and 4-byte characters (a 4-byte one counts two, as in Woodstox).
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Long> byteOfChar = new ArrayList<>();
        Random random = new Random(42);
        String[] pieces = {"abcdefgh", "é", "€", "\uD83D\uDE00"};
        while (bytes.size() < 3 * CapturingInputStream.WINDOW) {
            String piece = pieces[random.nextInt(pieces.length)];
            int times = 1 + random.nextInt(600);
            for (int t = 0; t < times; t++) {
                for (int c = 0; c < piece.length(); c++) {
                    // A low surrogate's offset is where the next character starts: its 4-byte sequence is behind.
                    byteOfChar.add((long) bytes.size());
                    if (!Character.isLowSurrogate(piece.charAt(c))) {
                        bytes.write(piece.substring(c, Character.isHighSurrogate(piece.charAt(c)) ? c + 2 : c + 1)
                                .getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        byte[] all = bytes.toByteArray();
        CapturingInputStream in = new CapturingInputStream(new ByteArrayInputStream(all), Long.MAX_VALUE);
        in.requireStrictUtf8();
        byte[] buffer = new byte[20_000];
        long read = 0;
        int checks = 0;
        while (true) {
            int n = in.read(buffer, 0, 1 + random.nextInt(buffer.length));
            if (n < 0) {
                break;
            }
            read += n;
            // Characters that start in the last 60 KB read.
            for (int k = 0; k < 20; k++) {
                int ch = random.nextInt(byteOfChar.size());
                long at = byteOfChar.get(ch);
                if (at < read && read - at < 60_000) {
                    assertEquals(at, in.byteOffsetOfChar(ch), "character " + ch + " after " + read + " bytes");
                    checks++;
                }
            }
        }
        assertEquals(all.length, read);
        assertTrue(checks > 100, checks + " offsets checked");
        assertThrows(CapturingInputStream.OutOfWindow.class, () -> in.byteOffsetOfChar(0), "the first character is long gone");
    }
}
