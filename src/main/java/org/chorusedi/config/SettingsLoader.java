package org.chorusedi.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Reads application.properties from the class path, then applies system properties and the
 * command line's overrides, in that order. The engine and every command read settings this way.
 */
public final class SettingsLoader {

    private SettingsLoader() {
    }

    public static Properties load(Map<String, String> overrides) {
        Properties properties = new Properties();
        try (InputStream in = SettingsLoader.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
        for (String key : properties.stringPropertyNames()) {
            String system = System.getProperty(key);
            if (system != null) {
                properties.setProperty(key, system);
            }
        }
        overrides.forEach(properties::setProperty);
        // The root as an absolute path: routes and messages then name the same place.
        properties.setProperty("chorus.root", Path.of(properties.getProperty("chorus.root")).toAbsolutePath().normalize().toString());
        return properties;
    }

    public static EngineSettings settings(Properties p) {
        return new EngineSettings(
                Path.of(p.getProperty("chorus.root")),
                p.getProperty("chorus.engine-partner-code"),
                Long.parseLong(p.getProperty("chorus.flow.max-bytes").strip()),
                Integer.parseInt(p.getProperty("chorus.flow.max-invoices").strip()),
                Integer.parseInt(p.getProperty("chorus.archive.max-compression-ratio").strip()),
                Integer.parseInt(p.getProperty("chorus.archive.max-entries").strip()),
                Integer.parseInt(p.getProperty("chorus.archive.max-header-bytes").strip()),
                Integer.parseInt(p.getProperty("chorus.validation.max-errors").strip()),
                Long.parseLong(p.getProperty("chorus.intake.read-lock-check-interval-ms").strip()),
                Long.parseLong(p.getProperty("chorus.intake.read-lock-min-age-ms").strip()),
                Integer.parseInt(p.getProperty("chorus.xml.max-text-length").strip()),
                Integer.parseInt(p.getProperty("chorus.xml.max-name-length").strip()),
                Integer.parseInt(p.getProperty("chorus.xml.max-distinct-names").strip()),
                p.getProperty("chorus.db.url"),
                p.getProperty("chorus.db.user"),
                p.getProperty("chorus.db.password"),
                Long.parseLong(p.getProperty("chorus.directory.max-bytes").strip()),
                Integer.parseInt(p.getProperty("chorus.directory.max-entries").strip()),
                Integer.parseInt(p.getProperty("chorus.directory.max-services-per-structure").strip()),
                Integer.parseInt(p.getProperty("chorus.directory.max-line-chars").strip()),
                Integer.parseInt(p.getProperty("chorus.directory.import-attempts").strip()),
                Long.parseLong(p.getProperty("chorus.directory.retry-delay-ms").strip()),
                Long.parseLong(p.getProperty("chorus.lifecycle.max-bytes").strip()));
    }
}
