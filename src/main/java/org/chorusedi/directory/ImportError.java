package org.chorusedi.directory;

/**
 * A bad line of an imported file; {@code line} is the physical line, the header being line 1, or 0
 * for what is about the whole file.
 */
public record ImportError(long line, String message) {

    @Override
    public String toString() {
        return line > 0 ? "line " + line + ": " + message : message;
    }
}
