package org.chorusedi.health;

import java.time.Duration;
import org.chorusedi.config.Configuration;

/**
 * What the engine's health checks hold it to (docs/operators/watching.md, "Health"):
 * {@code chorus.health.min-free-bytes}, the least room left on the root's disk; {@code chorus.health.far37-grace-minutes},
 * how long after its scheduled fire a FAR37 extract may still be missing.
 */
public record HealthSettings(long minFreeBytes, Duration far37Grace) {

    public static HealthSettings read(Configuration c) {
        return new HealthSettings(c.number("chorus.health.min-free-bytes", 0),
                Duration.ofMinutes(c.number("chorus.health.far37-grace-minutes", 0)));
    }
}
