package org.chorusedi.directory;

import java.time.Instant;

/** A public structure of the directory (brief 2.3), keyed by its identifier (a SIRET). */
public record Structure(
        String identifier,
        String name,
        boolean active,
        boolean serviceCodeRequired,
        boolean engagementRequired,
        boolean engagementOrServiceCodeRequired,
        boolean paymentStatusNotReported,
        boolean moa,
        Instant lastModified) {
}
