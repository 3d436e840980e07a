package org.chorusedi.engine;

import java.util.Properties;
import org.apache.camel.main.Main;
import org.chorusedi.config.SettingsLoader;
import org.chorusedi.far37.Far37Settings;

/**
 * The engine as a camel-main application: the beans bound by name, the routes loaded from routes/,
 * and the routes made from its templates (one per FAR37 subscriber and extract type).
 */
public final class EngineApplication {

    private EngineApplication() {
    }

    /** The exit status when another engine holds the root or the database. */
    public static final int HELD_BY_ANOTHER_ENGINE = 3;

    /**
     * Runs until stopped, or with {@code once} until nothing has been processed for
     * {@code chorus.once.idle-seconds}. Returns the process exit code: 3 when another engine holds the
     * root or the database (nothing is done then).
     */
    public static int run(Properties properties, boolean once) throws Exception {
        Engine opened;
        try {
            opened = Engine.open(SettingsLoader.settings(properties), Far37Settings.read(properties));
        } catch (EngineLock.Held e) {
            System.err.println("chorus-edi: not started: " + e.getMessage());
            return HELD_BY_ANOTHER_ENGINE;
        }
        try (Engine engine = opened) {
            // The directory first: flows already waiting are then routed against it.
            engine.directoryDrop().importPending();
            Main main = new Main();
            properties.stringPropertyNames().forEach(key -> main.addOverrideProperty(key, properties.getProperty(key)));
            engine.routeBeans().forEach(main::bind);
            engine.routeBuilders().forEach(main.configure()::addRoutesBuilder);
            if (once) {
                main.configure().setDurationMaxIdleSeconds(Integer.parseInt(properties.getProperty("chorus.once.idle-seconds").strip()));
            }
            main.run();
            return main.getExitCode();
        }
    }
}
