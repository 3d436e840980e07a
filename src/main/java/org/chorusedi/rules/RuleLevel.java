package org.chorusedi.rules;

import java.util.Locale;

/** What a failed EN 16931 rule of flag fatal does to its invoice (chorus.rules.level). */
public enum RuleLevel {
    /** Rejects it (I20); warnings are reported beside the delivery. */
    REJECT,
    /** Delivers it, every failed rule reported as a warning. */
    WARN,
    /** The rules are not run. */
    OFF;

    /** One of reject, warn, off, in any case (checked by the configuration). */
    public static RuleLevel of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
