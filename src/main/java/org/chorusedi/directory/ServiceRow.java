package org.chorusedi.directory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The values of a service, as written to and read from the store.
 *
 * @param lastModified the service's own time: carried over from another directory (FAR37 import),
 *     or null in a row to write, for the time of the write
 */
public record ServiceRow(
        String structureIdentifier,
        String code,
        String name,
        boolean active,
        boolean engagementRequired,
        LocalDate startDate,
        LocalDate endDate,
        Instant lastModified) {

    public ServiceRow {
        Objects.requireNonNull(structureIdentifier, "structureIdentifier");
        Objects.requireNonNull(code, "code");
    }
}
