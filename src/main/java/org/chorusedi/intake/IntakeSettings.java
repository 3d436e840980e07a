package org.chorusedi.intake;

import java.time.Duration;
import org.chorusedi.config.Configuration;

/**
 * When a dropped file is complete (intake.IntakeReadLock, for in/ and directory/ alike). The intake's other keys are
 * read by routes/intake.camel.yaml (polling, threads: the threads are also FlowIntake's turns) and routes/flow-failures.camel.yaml (retries, see
 * docs/contributors/architecture.md, "What is tried again"): checked here all the same.
 *
 * @param readLockCheckInterval {@code chorus.intake.read-lock-check-interval-ms}
 * @param readLockMinAge        {@code chorus.intake.read-lock-min-age-ms}
 * @param threads               {@code chorus.intake.threads}: the flows read and decided at once
 * @param largeFlows            {@code chorus.intake.large-flows}: of them, the large ones (FlowTurns)
 */
public record IntakeSettings(Duration readLockCheckInterval, Duration readLockMinAge, int threads, int largeFlows) {

    public static IntakeSettings read(Configuration c) {
        c.number("chorus.intake.poll-delay-ms", 1);
        c.count("chorus.intake.retries", 0);
        c.number("chorus.intake.retry-delay-ms", 0);
        c.number("chorus.intake.retry-max-delay-ms", 0);
        return new IntakeSettings(Duration.ofMillis(c.number("chorus.intake.read-lock-check-interval-ms", 0)),
                Duration.ofMillis(c.number("chorus.intake.read-lock-min-age-ms", 0)), c.count("chorus.intake.threads", 1),
                c.count("chorus.intake.large-flows", 1));
    }
}
