package org.chorusedi.dume;

/** One reason a DUME is refused, at its place in the file (line 0 when it is the whole file's). */
public record DumeProblem(int line, int column, String message) {

    @Override
    public String toString() {
        return line == 0 ? message : "line " + line + ", column " + column + ": " + message;
    }
}
