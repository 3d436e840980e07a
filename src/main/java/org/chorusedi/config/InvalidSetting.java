package org.chorusedi.config;

/** A configuration key with a value the engine cannot use: start-up stops, naming the key and what it expects. */
public final class InvalidSetting extends IllegalArgumentException {

    public InvalidSetting(String key, String value, String expected) {
        super(key + ": '" + value + "' is not " + expected);
    }

    public InvalidSetting(String message) {
        super(message);
    }
}
