package org.chorusedi.api;

import java.time.Duration;
import org.chorusedi.config.Configuration;

/**
 * The partners' API keys (docs/partners/api.md), read and checked once: a bad value stops start-up, naming
 * its key.
 *
 * @param passwordValidity how long a technical user's password is valid after it was set (424 days)
 * @param passwordWarning  from how long before its expiry every answer warns
 * @param maxFailedLogins  failed logins in a row before the login is locked
 * @param lock             how long a locked login is refused
 */
public record ApiSettings(Duration passwordValidity, Duration passwordWarning, int maxFailedLogins, Duration lock) {

    public static ApiSettings read(Configuration c) {
        return new ApiSettings(
                Duration.ofDays(c.count("chorus.api.password-days", 1)),
                Duration.ofDays(c.count("chorus.api.password-warning-days", 0)),
                c.count("chorus.api.max-failed-logins", 1),
                Duration.ofMinutes(c.count("chorus.api.lock-minutes", 1)));
    }
}
