package org.chorusedi.health;

import java.time.Duration;
import java.util.Properties;
import org.chorusedi.config.InvalidSetting;

/**
 * What the engine's health checks hold it to (docs/operators/watching.md, "Health"):
 * {@code chorus.health.min-free-bytes}, the least room left on the root's disk; {@code chorus.health.far37-grace-minutes},
 * how long after its scheduled fire a FAR37 extract may still be missing.
 */
public record HealthSettings(long minFreeBytes, Duration far37Grace) {

    public static HealthSettings read(Properties properties) {
        return new HealthSettings(
                number(properties, "chorus.health.min-free-bytes"),
                Duration.ofMinutes(number(properties, "chorus.health.far37-grace-minutes")));
    }

    private static long number(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        try {
            long number = Long.parseLong(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidSetting(key + ": expected a whole number of 0 or more, not \"" + value + "\"");
    }
}
