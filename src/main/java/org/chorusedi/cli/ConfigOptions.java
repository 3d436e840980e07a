package org.chorusedi.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chorusedi.config.Configuration;
import org.chorusedi.config.EngineSettings;
import org.chorusedi.directory.Database;
import org.chorusedi.far37.Far37Settings;
import org.chorusedi.logging.EngineLogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}, {@code --root} and {@code -D KEY=VALUE}: every command takes them, and reads its
 * configuration here, the same way (config/Configuration).
 */
final class ConfigOptions {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigOptions.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "A configuration file (properties) over the defaults (default: ./chorus-edi.properties when there is one).")
    Path file;

    @Option(names = "--root", description = "The engine's root folder (default: chorus.root, ./edi-data).")
    Path root;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Override a configuration key (see README).")
    Map<String, String> overrides = new LinkedHashMap<>();

    private Configuration configuration;

    /**
     * The configuration, read and checked once, the FAR37 subscribers' keys too: a bad value throws
     * InvalidSetting (the command stops, exit 2, naming the key); what is doubtful is logged, one warning a line.
     */
    Configuration configuration() {
        return configuration(false);
    }

    /** The same, for the engine: its log file is written from the first line on. */
    Configuration engineConfiguration() {
        return configuration(true);
    }

    private Configuration configuration(boolean engine) {
        if (configuration == null) {
            Map<String, String> commandLine = new LinkedHashMap<>(overrides);
            if (root != null) {
                commandLine.put("chorus.root", root.toString());
            }
            Configuration read = Configuration.load(file, commandLine);
            EngineSettings settings = read.settings();
            Far37Settings.read(read);
            EngineLogs.configure(engine ? settings.logFolder() : null, settings.logFormat(), settings.logLevel());
            read.warnings().forEach(LOG::warn);
            configuration = read;
        }
        return configuration;
    }

    EngineSettings settings() {
        return configuration().settings();
    }

    /** The database of the root (the directory and the ledger). */
    Database openDatabase() {
        EngineSettings settings = settings();
        return Database.open(settings.effectiveDatabaseUrl(), settings.databaseUser(), settings.databasePassword());
    }
}
