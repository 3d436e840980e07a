package org.chorusedi.directory;

import java.time.Duration;
import org.chorusedi.config.Configuration;

/**
 * The directory files dropped into directory/ (docs/operators/directory-and-partners.md). Its polling,
 * {@code chorus.directory.poll-delay-ms}, is read by routes/intake.camel.yaml: checked here all the same.
 *
 * @param limits         what one file may hold
 * @param importAttempts {@code chorus.directory.import-attempts}: a file failing for a reason other than its content
 *                       (see docs/contributors/architecture.md, "What is tried again")
 * @param retryDelay     {@code chorus.directory.retry-delay-ms}: before the second attempt, twice as long each next time
 */
public record DirectorySettings(ImportLimits limits, int importAttempts, Duration retryDelay) {

    public static DirectorySettings read(Configuration c) {
        c.number("chorus.directory.poll-delay-ms", 1);
        return new DirectorySettings(ImportLimits.read(c), c.count("chorus.directory.import-attempts", 1),
                Duration.ofMillis(c.number("chorus.directory.retry-delay-ms", 0)));
    }
}
