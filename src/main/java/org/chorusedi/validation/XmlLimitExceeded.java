package org.chorusedi.validation;

import java.io.IOException;

/** A document over one of its {@link XmlLimits}, at the place where what is too long starts. */
public final class XmlLimitExceeded extends IOException {

    private final int line;
    private final int column;

    XmlLimitExceeded(int line, int column, String problem) {
        super(problem);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
