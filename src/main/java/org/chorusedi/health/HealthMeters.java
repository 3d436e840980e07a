package org.chorusedi.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.health.HealthCheck;

/**
 * The engine's readiness for Prometheus, which cannot read /observe/health: each check as a gauge,
 * {@code chorus_health_check_up{check}} (1 up, 0 down, read when scraped), and the root's disk space
 * ({@code disk_free_bytes}, {@code disk_total_bytes}), which the shipped alert rules watch
 * (docs/operators/monitoring/).
 */
public final class HealthMeters {

    private HealthMeters() {
    }

    public static void bind(MeterRegistry registry, List<HealthCheck> checks, Path root) {
        for (HealthCheck check : checks) {
            Gauge.builder("chorus.health.check.up", check, HealthMeters::up)
                    .description("1 when the readiness check is up, 0 when it is down").tag("check", check.getId()).register(registry);
        }
        new DiskSpaceMetrics(root.toFile()).bindTo(registry);
    }

    private static double up(HealthCheck check) {
        try {
            return check.call().getState() == HealthCheck.State.UP ? 1 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
