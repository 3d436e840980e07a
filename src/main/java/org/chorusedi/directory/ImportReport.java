package org.chorusedi.directory;

import java.util.List;

/**
 * What an import did. When it is not {@link #ok()}, the database was left unchanged and the
 * counts are zero; otherwise they count the distinct structures and services of the file, and
 * {@code summary} says what the file held, for the log (a partners file holds no structure: its
 * summary counts partners and connections; a markets file's, markets, parties and commitments).
 */
public record ImportReport(int structures, int services, List<ImportError> errors, String summary) {

    public ImportReport {
        errors = List.copyOf(errors);
    }

    /** The report of a directory file. */
    public ImportReport(int structures, int services, List<ImportError> errors) {
        this(structures, services, errors, structures + " structure(s), " + services + " service(s)");
    }

    /** A file refused as a whole, for that reason. */
    public static ImportReport refused(String reason) {
        return new ImportReport(0, 0, List.of(new ImportError(0, reason)));
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
