package org.chorusedi.archive;

import java.io.IOException;

/**
 * Why an archive is refused as a whole (F08): the problem, and the entry it was found in, if any.
 * The entry's name is the sender's text: whoever reports it quotes it.
 */
public final class UnsafeArchive extends IOException {

    private final String entry;

    UnsafeArchive(String entry, String problem) {
        super(problem);
        this.entry = entry;
    }

    UnsafeArchive(String problem) {
        this(null, problem);
    }

    /** The entry's name, or null when the problem is the archive's. */
    public String entry() {
        return entry;
    }
}
