package org.chorusedi.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's settings, each read and checked once from the configuration (docs/operators/configuration.md lists
 * every key with its default). A key is added here: a component, and its line in {@link #of}.
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
        int onceIdleSeconds,
        Path logFolder,
        String logFormat,
        String logLevel,
        long lifeCycleMaxBytes,
        int lifeCycleMaxLines,
        boolean partnersEmissionCheck,
        Optional<Path> routesFolder,
        long facturXMaxPdfBytes,
        int facturXMaxEmbeddedFiles,
        long facturXMaxEmbeddedBytes,
        String rulesLevel,
        Map<String, String> rulesLevelByPartner) {

    /** The levels of the EN 16931 rules (rules.RuleLevel). */
    private static final String[] RULE_LEVELS = {"reject", "warn", "off"};

    /** Reads every key, the routes' too: a bad value stops start-up before anything is done, naming its key. */
    public static EngineSettings of(Configuration c) {
        // Read by the routes alone (routes/*.camel.yaml): checked here all the same.
        c.number("chorus.intake.poll-delay-ms", 1);
        c.count("chorus.intake.threads", 1);
        c.count("chorus.intake.retries", 0);
        c.number("chorus.intake.retry-delay-ms", 0);
        c.number("chorus.intake.retry-max-delay-ms", 0);
        c.number("chorus.directory.poll-delay-ms", 1);
        Path root = c.path("chorus.root");
        return new EngineSettings(
                root,
                c.partnerCode("chorus.engine-partner-code"),
                c.number("chorus.flow.max-bytes", 1),
                c.count("chorus.flow.max-invoices", 1),
                c.count("chorus.archive.max-compression-ratio", 1),
                c.count("chorus.archive.max-entries", 1),
                c.count("chorus.archive.max-header-bytes", 1),
                c.count("chorus.validation.max-errors", 1),
                c.number("chorus.intake.read-lock-check-interval-ms", 0),
                c.number("chorus.intake.read-lock-min-age-ms", 0),
                c.count("chorus.xml.max-text-length", 1),
                c.count("chorus.xml.max-name-length", 1),
                c.count("chorus.xml.max-distinct-names", 1),
                c.text("chorus.db.url"),
                c.text("chorus.db.user"),
                c.text("chorus.db.password"),
                c.number("chorus.directory.max-bytes", 1),
                c.count("chorus.directory.max-entries", 1),
                c.count("chorus.directory.max-services-per-structure", 1),
                c.count("chorus.directory.max-line-chars", 1),
                c.count("chorus.directory.import-attempts", 1),
                c.number("chorus.directory.retry-delay-ms", 0),
                c.count("chorus.once.idle-seconds", 1),
                root.resolve(c.text("chorus.log.folder")).normalize(),
                c.choice("chorus.log.format", "text", "json"),
                c.choice("chorus.log.level", "TRACE", "DEBUG", "INFO", "WARN", "ERROR"),
                c.number("chorus.lifecycle.max-bytes", 1),
                c.count("chorus.lifecycle.max-lines", 1),
                c.bool("chorus.partners.emission-check"),
                c.folderOrNone("chorus.routes.folder"),
                c.number("chorus.facturx.max-pdf-bytes", 1),
                c.count("chorus.facturx.max-embedded-files", 1),
                c.number("chorus.facturx.max-embedded-bytes", 1),
                c.choice("chorus.rules.level", RULE_LEVELS),
                c.choicesByPartner("chorus.rules.level-by-partner", RULE_LEVELS));
    }

    /**
     * Where the engine's routes are loaded from: its own, in the jar, and the operator's route files of
     * {@code chorus.routes.folder} beside them (docs/route-authors/routes-of-your-own.md).
     */
    public String routesIncludePattern() {
        return "classpath:routes/*.camel.yaml" + routesFolder.map(folder -> ",file:" + folder + "/*.camel.yaml").orElse("");
    }

    public Folders folders() {
        return new Folders(root);
    }

    /**
     * The JDBC URL to use: the configured one, or the embedded H2 database under the root. H2 is told
     * to write every commit at once (WRITE_DELAY=0): by default it waits half a second, and a commit of
     * the ledger lost to a crash would publish a flow twice. AUTO_SERVER lets the commands that read the
     * ledger (flows, invoice, validate --root) open it while an engine runs: the first process to open
     * the file serves it to the others (docs/operators/commands.md, "The commands beside a running engine").
     */
    public String effectiveDatabaseUrl() {
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            return databaseUrl;
        }
        return "jdbc:h2:file:" + folders().database().resolve("chorus-edi") + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
    }
}
