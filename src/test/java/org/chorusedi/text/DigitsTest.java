package org.chorusedi.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Digits.padded writes what String.format("%0Nd") writes, for the widths the engine names files with. */
class DigitsTest {

    @Test
    void writesWhatStringFormatWrites() {
        long[] numbers = {0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 123456, 999999, 1000000, 12345678901L, -1, -42,
                -12345, Long.MAX_VALUE};
        for (int width : new int[] {2, 4, 6}) {
            for (long number : numbers) {
                assertEquals(String.format("%0" + width + "d", number), Digits.padded(number, width), number + " on " + width);
            }
        }
    }
}
