package org.chorusedi.flow;

/**
 * Checks base64 text as it streams past, chunk by chunk, and counts the bytes it decodes to, without
 * holding it: an attachment of hundreds of megabytes is measured in constant memory. It accepts what
 * xs:base64Binary accepts: the base64 alphabet, white space anywhere, '=' padding only at the end.
 */
final class Base64Meter {

    private long symbols;
    private int padding;
    private String problem;

    void accept(char[] chars, int start, int length) {
        if (problem != null) {
            return;
        }
        for (int i = start; i < start + length; i++) {
            char c = chars[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            if (c == '=') {
                padding++;
                if (padding > 2) {
                    problem = "more than two '=' of padding";
                    return;
                }
            } else if (padding > 0) {
                problem = "data after the '=' padding";
                return;
            } else if (!isBase64(c)) {
                problem = "character '" + c + "' is not base64";
                return;
            } else {
                symbols++;
            }
        }
    }

    /** Why the text is not base64, or null. */
    String problem() {
        if (problem == null && (symbols + padding) % 4 != 0) {
            return "length is not a multiple of 4";
        }
        return problem;
    }

    long decodedBytes() {
        return (symbols + padding) / 4 * 3 - padding;
    }

    /** The number of base64 characters read (white space left out). */
    long textLength() {
        return symbols + padding;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
