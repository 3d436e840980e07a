package org.chorusedi.directory;

import java.time.Instant;
import java.util.Objects;

/**
 * The values of a structure, as written to and read from the store.
 *
 * @param copiedFrom the identifier of the structure a SIRET change copied this one from; once set it
 *     is never cleared, so null in a row to write means "none given"
 * @param lastModified the structure's own time: carried over from another directory (FAR37 import),
 *     or null in a row to write, for the time of the write
 */
public record StructureRow(
        String identifier,
        IdentifierType identifierType,
        String name,
        boolean active,
        boolean serviceCodeRequired,
        boolean engagementRequired,
        boolean engagementOrServiceCodeRequired,
        boolean paymentStatusNotReported,
        boolean moa,
        boolean moaOnly,
        Address address,
        String copiedFrom,
        Instant lastModified) {

    public StructureRow {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(identifierType, "identifierType");
        Objects.requireNonNull(address, "address");
    }
}
