package org.chorusedi.text;

/**
 * A number written with leading zeros, as {@code String.format("%0Nd", n)} writes it, without parsing a format: the
 * intake names every staged invoice, flow id and archive folder with one (String.format was 1.6 % of the engine's CPU
 * on single invoices).
 */
public final class Digits {

    private Digits() {
    }

    /** {@code number} in decimal, with zeros in front up to {@code width} digits; never cut. */
    public static String padded(long number, int width) {
        String digits = Long.toString(Math.abs(number));
        StringBuilder padded = new StringBuilder(Math.max(width, digits.length()) + 1);
        if (number < 0) {
            padded.append('-');
            width--;
        }
        for (int i = digits.length(); i < width; i++) {
            padded.append('0');
        }
        return padded.append(digits).toString();
    }
}
