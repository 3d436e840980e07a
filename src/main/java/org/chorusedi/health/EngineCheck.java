package org.chorusedi.health;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.chorusedi.text.Printable;

/**
 * One of the engine's own health checks, in group {@code chorus}: a readiness check (the engine can do its work
 * and nothing waits for an operator); liveness is Camel's own (the context is up). A check that fails to run is DOWN.
 */
abstract class EngineCheck extends AbstractHealthCheck {

    EngineCheck(String id) {
        super("chorus", id);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected final void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            String problem = problem(builder);
            if (problem == null) {
                builder.up();
            } else {
                builder.down().message(Printable.of(problem));
            }
        } catch (RuntimeException e) {
            builder.down().message(Printable.of(e.toString()));
        }
    }

    /** What is wrong, or null when all is well; details go into the builder. */
    abstract String problem(HealthCheckResultBuilder builder);
}
