package org.chorusedi.directory;

import java.util.List;

/**
 * What an import did. When it is not {@link #ok()}, the database was left unchanged and the
 * counts are zero; otherwise they count the distinct structures and services of the file.
 */
public record ImportReport(int structures, int services, List<ImportError> errors) {

    public ImportReport {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
