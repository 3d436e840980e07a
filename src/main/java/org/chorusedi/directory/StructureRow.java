package org.chorusedi.directory;

import java.util.Objects;

/** The values of a structure to write; the store keeps its last_modified. */
public record StructureRow(
        String identifier,
        String name,
        boolean active,
        boolean serviceCodeRequired,
        boolean engagementRequired,
        boolean engagementOrServiceCodeRequired,
        boolean paymentStatusNotReported,
        boolean moa) {

    public StructureRow {
        Objects.requireNonNull(identifier, "identifier");
    }

    static StructureRow of(Structure structure) {
        return new StructureRow(structure.identifier(), structure.name(), structure.active(),
                structure.serviceCodeRequired(), structure.engagementRequired(),
                structure.engagementOrServiceCodeRequired(), structure.paymentStatusNotReported(), structure.moa());
    }
}
