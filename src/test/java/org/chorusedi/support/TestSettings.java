package org.chorusedi.support;

import java.util.Map;
import org.chorusedi.config.Configuration;
import org.chorusedi.directory.ImportLimits;

/** The engine's settings as application.properties gives them, for tests that build parts of the engine by hand. */
public final class TestSettings {

    private TestSettings() {
    }

    /** The limits of directory files, with these keys overridden. */
    public static ImportLimits importLimits(Map<String, String> overrides) {
        return ImportLimits.read(Configuration.of(overrides));
    }

    public static ImportLimits importLimits() {
        return importLimits(Map.of());
    }
}
