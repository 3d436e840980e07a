package org.chorusedi.archive;

import org.chorusedi.config.Configuration;

/**
 * The limits an archive must keep (docs/partners/limits.md), each refused with F08.
 *
 * @param maxCompressionRatio decompressed to compressed bytes, past 10 MB ({@code chorus.archive.max-compression-ratio})
 * @param maxEntries          entries, folders included ({@code chorus.archive.max-entries})
 * @param maxHeaderBytes      the headers of one tar entry (GNU long name or link, PAX headers), the global PAX
 *                            headers of a tar, a zip's central directory ({@code chorus.archive.max-header-bytes})
 */
public record ArchiveLimits(int maxCompressionRatio, int maxEntries, int maxHeaderBytes) {

    public static ArchiveLimits read(Configuration c) {
        return new ArchiveLimits(c.count("chorus.archive.max-compression-ratio", 1), c.count("chorus.archive.max-entries", 1),
                c.count("chorus.archive.max-header-bytes", 1));
    }

    UnsafeArchive overEntries(String what) {
        return new UnsafeArchive(what + ", over the limit of " + maxEntries + " entries (chorus.archive.max-entries)");
    }

    UnsafeArchive overHeaderBytes(String what) {
        return new UnsafeArchive(what + ", over the limit of " + maxHeaderBytes + " bytes (chorus.archive.max-header-bytes)");
    }
}
