package org.chorusedi.text;

/**
 * Text from outside (file names, invoice fields, parser messages) made safe to print: on a log line,
 * in the ledger, in a command's output. Control characters (C0, DEL, C1), invisible format characters
 * (bidirectional overrides among them), line and paragraph separators and unpaired surrogates are
 * written as escapes ({@code \x1B}, {@code \u202E}), and a backslash as two, so that an escaped text
 * is never mistaken for another one. A sender can then neither forge a log line nor drive a terminal.
 */
public final class Printable {

    private Printable() {
    }

    /** The text with every unprintable character escaped; "null" for null. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (unsafe(c)) {
                out.append(c < 0x100 ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The text escaped as {@link #of}, then cut to {@code max} characters with what was cut said. */
    public static String capped(String text, int max) {
        String printable = of(text);
        return printable.length() <= max ? printable : printable.substring(0, max) + "... (" + printable.length() + " characters)";
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (unsafe(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        if (Character.isSurrogate(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
