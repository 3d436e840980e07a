package org.chorusedi.lifecycle;

/** The partner registry as the life cycle asks it: whose statuses a partner may send. */
@FunctionalInterface
public interface Connections {

    /** Whether the partner is connected in reception to this recipient structure (active or not: the seed). */
    boolean receives(String partner, String recipientSiret);
}
