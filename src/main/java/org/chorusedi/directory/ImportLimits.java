package org.chorusedi.directory;

import org.chorusedi.config.Configuration;
import org.chorusedi.validation.XmlLimits;

/**
 * What one directory file may hold, so that any file is imported or rejected in bounded memory
 * (docs/operators/directory-and-partners.md, "The directory of public structures").
 *
 * @param maxBytes                the file's size, on disk and decompressed
 * @param maxCompressionRatio     decompressed against compressed bytes, past the first 10 MB
 * @param maxEntries              structures and services in the file, each remembered while it is imported
 * @param maxServicesPerStructure services of one FAR37 structure, held in memory together
 * @param maxLineChars            characters of one CSV line
 * @param maxErrors               schema errors reported for one FAR37 file
 * @param xml                     what one FAR37 file may hold that the parser would keep whole, as for flows
 */
public record ImportLimits(
        long maxBytes,
        int maxCompressionRatio,
        int maxEntries,
        int maxServicesPerStructure,
        int maxLineChars,
        int maxErrors,
        XmlLimits xml) {

    public static ImportLimits read(Configuration c) {
        return new ImportLimits(c.number("chorus.directory.max-bytes", 1), c.count("chorus.archive.max-compression-ratio", 1),
                c.count("chorus.directory.max-entries", 1), c.count("chorus.directory.max-services-per-structure", 1),
                c.count("chorus.directory.max-line-chars", 1), c.count("chorus.validation.max-errors", 1), XmlLimits.read(c));
    }
}
