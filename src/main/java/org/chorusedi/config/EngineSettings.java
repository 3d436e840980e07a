package org.chorusedi.config;

import java.nio.file.Path;

/**
 * The engine's settings, read once from application.properties and its overrides (README lists
 * every key with its default).
 */
public record EngineSettings(
        Path root,
        String enginePartnerCode,
        long maxFlowBytes,
        int maxInvoices,
        int maxCompressionRatio,
        int maxArchiveEntries,
        int maxArchiveHeaderBytes,
        int maxSchemaErrors,
        long readLockCheckIntervalMs,
        long readLockMinAgeMs,
        int maxTextLength,
        int maxNameLength,
        int maxDistinctNames,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        long maxDirectoryBytes,
        int maxDirectoryEntries,
        int maxServicesPerStructure,
        int maxDirectoryLineChars,
        int directoryImportAttempts,
        long directoryRetryDelayMs,
        long lifeCycleMaxBytes) {

    public Folders folders() {
        return new Folders(root);
    }

    /**
     * The JDBC URL to use: the configured one, or the embedded H2 database under the root. H2 is told
     * to write every commit at once (WRITE_DELAY=0): by default it waits half a second, and a commit of
     * the ledger lost to a crash would publish a flow twice.
     */
    public String effectiveDatabaseUrl() {
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            return databaseUrl;
        }
        return "jdbc:h2:file:" + folders().database().resolve("chorus-edi") + ";WRITE_DELAY=0";
    }
}
