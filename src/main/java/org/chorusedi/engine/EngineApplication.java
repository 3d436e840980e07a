package org.chorusedi.engine;

import java.util.Properties;
import org.apache.camel.main.Main;
import org.chorusedi.config.Configuration;
import org.chorusedi.config.EngineSettings;
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
     *
     * @throws org.chorusedi.config.InvalidSetting when a value is wrong: before anything is done
     */
    public static int run(Configuration configuration, boolean once) throws Exception {
        EngineSettings settings = configuration.settings();
        Far37Settings far37 = Far37Settings.read(configuration);
        Engine opened;
        try {
            opened = Engine.open(settings, far37);
        } catch (EngineLock.Held e) {
            System.err.println("chorus-edi: not started: " + e.getMessage());
            return HELD_BY_ANOTHER_ENGINE;
        }
        try (Engine engine = opened) {
            // The directory first: flows already waiting are then routed against it.
            engine.directoryDrop().importPending();
            Main main = new Main();
            // Every value as the engine resolved it: the routes see the same (application.properties turns
            // Camel's own lookup of the environment and system properties off).
            Properties properties = configuration.properties();
            properties.stringPropertyNames().forEach(key -> main.addOverrideProperty(key, properties.getProperty(key)));
            engine.routeBeans().forEach(main::bind);
            engine.routeBuilders().forEach(main.configure()::addRoutesBuilder);
            if (once) {
                main.configure().setDurationMaxIdleSeconds(settings.onceIdleSeconds());
            }
            main.run();
            return main.getExitCode();
        }
    }
}
