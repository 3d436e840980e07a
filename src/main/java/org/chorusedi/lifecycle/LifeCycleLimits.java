package org.chorusedi.lifecycle;

import org.chorusedi.config.Configuration;

/**
 * What one life-cycle document may hold (docs/partners/life-cycle.md): it is read whole.
 *
 * @param maxBytes {@code chorus.lifecycle.max-bytes}, else F11
 * @param maxLines {@code chorus.lifecycle.max-lines}: statuses, recyclings and completions, else F07
 */
public record LifeCycleLimits(long maxBytes, int maxLines) {

    public static LifeCycleLimits read(Configuration c) {
        return new LifeCycleLimits(c.number("chorus.lifecycle.max-bytes", 1), c.count("chorus.lifecycle.max-lines", 1));
    }
}
