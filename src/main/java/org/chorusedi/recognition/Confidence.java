package org.chorusedi.recognition;

/** How a value was recognised: the closer to its keyword, the surer. */
public enum Confidence {
    /** Announced by its keyword on the same line. */
    HIGH,
    /** Announced less directly: alone on the line under its keyword, or in a block headed by the party's name. */
    MEDIUM,
    /** Inferred without its keyword: the supplier's SIRET as the only one that is not the recipient's. */
    LOW
}
