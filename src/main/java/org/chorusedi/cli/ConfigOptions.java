package org.chorusedi.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.chorusedi.config.EngineSettings;
import org.chorusedi.config.SettingsLoader;
import org.chorusedi.directory.Database;
import picocli.CommandLine.Option;

/** {@code --root} and {@code -D KEY=VALUE}: every command that reads the configuration takes them. */
final class ConfigOptions {

    @Option(names = "--root", description = "The engine's root folder (default: chorus.root, ./edi-data).")
    Path root;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Override a configuration key (see README).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** application.properties, then system properties, then these options. */
    Properties properties() {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        if (root != null) {
            all.put("chorus.root", root.toString());
        }
        return SettingsLoader.load(all);
    }

    EngineSettings settings() {
        return SettingsLoader.settings(properties());
    }

    /** The database of the root (the directory and the ledger). */
    Database openDatabase() {
        EngineSettings settings = settings();
        return Database.open(settings.effectiveDatabaseUrl(), settings.databaseUser(), settings.databasePassword());
    }
}
