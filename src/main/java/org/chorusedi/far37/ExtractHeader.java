package org.chorusedi.far37;

import java.time.Instant;

/**
 * The header of a FAR37 extract (schemas/far37-1.0.xsd, element Entete).
 *
 * @param generated the snapshot time: the extract holds every change made up to it
 * @param since DELTA only: the previous extract's snapshot time; null for a FULL
 * @param count the number of structures in the extract
 */
public record ExtractHeader(
        String emitter,
        String subscriber,
        ExtractType type,
        long sequence,
        Instant generated,
        Instant since,
        long count) {
}
