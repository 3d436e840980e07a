package org.chorusedi.partner;

/** Which way a partner is connected for a structure (raccordement). */
public enum Direction {
    /** The structure is a supplier whose invoices the partner may send. */
    EMISSION,
    /** The structure is a recipient whose invoices the partner receives, and whose statuses it may send. */
    RECEPTION
}
