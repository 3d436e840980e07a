package org.chorusedi.flowcheck;

import java.time.Duration;
import org.chorusedi.config.Configuration;

/**
 * How the running engine answers {@code validate --root} on its socket (docs/operators/commands.md, "validate answered
 * by the running engine").
 *
 * @param enabled        {@code chorus.validate.socket}: on, the engine listens on {@code <root>/validate.sock}
 * @param requestTimeout {@code chorus.validate.request-seconds}: how long a client has to send its request
 * @param threads        {@code chorus.validate.threads}: checks run at once; as many more wait, past them a client is refused
 */
public record CheckSocketSettings(boolean enabled, Duration requestTimeout, int threads) {

    public static CheckSocketSettings read(Configuration c) {
        return new CheckSocketSettings(c.choice("chorus.validate.socket", "on", "off").equals("on"),
                Duration.ofSeconds(c.count("chorus.validate.request-seconds", 1)), c.count("chorus.validate.threads", 1));
    }
}
