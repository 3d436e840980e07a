package org.chorusedi.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chorusedi.config.Configuration;
import org.chorusedi.database.Database;
import org.chorusedi.engine.EngineSettings;
import org.chorusedi.engine.RunSettings;
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

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Override a configuration key (see docs/operators/configuration.md).")
    Map<String, String> overrides = new LinkedHashMap<>();

    private Configuration configuration;

    /**
     * The configuration, read and checked once, the FAR37 subscribers' keys too: a bad value throws
     * InvalidSetting (the command stops, exit 2, naming the key); what is doubtful is logged, one warning a line.
     */
    Configuration configuration() {
        if (configuration == null) {
            Configuration read = read();
            EngineSettings settings = EngineSettings.read(read);
            Far37Settings.read(read);
            startLogs(read, settings, null);
        }
        return configuration;
    }

    /**
     * The same for the engine, every value it reads checked (its HTTP server's, health checks', API's and
     * cluster's too) before its log file is made under the root: a bad value leaves nothing behind. The log
     * file is then written from the first line on.
     */
    RunSettings runSettings() {
        Configuration read = read();
        RunSettings checked = RunSettings.read(read);
        startLogs(read, checked.engine(), checked.engine().log().folder());
        return checked;
    }

    private Configuration read() {
        Map<String, String> commandLine = new LinkedHashMap<>(overrides);
        if (root != null) {
            commandLine.put("chorus.root", root.toString());
        }
        return Configuration.load(file, commandLine);
    }

    /** @param logFolder where the engine's log file goes; null: none (the commands other than run) */
    private void startLogs(Configuration read, EngineSettings settings, Path logFolder) {
        EngineLogs.configure(logFolder, settings.log().format(), settings.log().level());
        read.warnings().forEach(LOG::warn);
        configuration = read;
    }

    EngineSettings settings() {
        return EngineSettings.read(configuration());
    }

    /** The database of the root (the directory and the ledger). */
    Database openDatabase() {
        return settings().database().open();
    }
}
