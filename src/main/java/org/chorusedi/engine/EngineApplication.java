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

    /**
     * Runs until stopped, or with {@code once} until nothing has been processed for
     * {@code chorus.once.idle-seconds}. Returns the process exit code.
     */
    public static int run(Properties properties, boolean once) throws Exception {
        try (Engine engine = Engine.open(SettingsLoader.settings(properties), Far37Settings.read(properties))) {
            // The directory first: flows already waiting are then routed against it.
            engine.directoryDrop().importPending();
            Main main = new Main(EngineApplication.class);
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
