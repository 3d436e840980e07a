package org.chorusedi.engine;

import java.util.Properties;
import org.chorusedi.api.ApiSettings;
import org.chorusedi.cluster.ClusterSettings;
import org.chorusedi.config.Configuration;
import org.chorusedi.far37.Far37Settings;
import org.chorusedi.health.HealthSettings;
import org.chorusedi.web.HttpSettings;

/**
 * Every value a run of the engine reads, each area's record read and checked by its {@code read(Configuration)}
 * (docs/operators/configuration.md, "Checked at start-up"): read before the root, the database or the log file is
 * made, so that a wrong value stops {@code run} with nothing done.
 *
 * @param properties every value as the engine resolved it: the routes see the same (application.properties
 *                   turns Camel's own lookup of the environment and system properties off)
 */
public record RunSettings(EngineSettings engine, Far37Settings far37, ApiSettings api, ClusterSettings cluster, HttpSettings http,
                          HealthSettings health, Properties properties) {

    /** @throws org.chorusedi.config.InvalidSetting naming the key whose value is wrong */
    public static RunSettings read(Configuration configuration) {
        EngineSettings engine = EngineSettings.read(configuration);
        HttpSettings http = HttpSettings.read(configuration);
        http.checkKeystore();
        return new RunSettings(engine, Far37Settings.read(configuration), ApiSettings.read(configuration),
                ClusterSettings.read(configuration), http, HealthSettings.read(configuration), configuration.properties());
    }
}
