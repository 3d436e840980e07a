package org.chorusedi.directory;

import java.time.Instant;

/** A service of a public structure, keyed by (structure identifier, service code). */
public record Service(
        String structureIdentifier,
        String code,
        String name,
        boolean active,
        boolean engagementRequired,
        Instant lastModified) {
}
