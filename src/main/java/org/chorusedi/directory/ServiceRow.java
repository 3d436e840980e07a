package org.chorusedi.directory;

import java.util.Objects;

/** The values of a service to write; the store keeps its last_modified. */
public record ServiceRow(
        String structureIdentifier,
        String code,
        String name,
        boolean active,
        boolean engagementRequired) {

    public ServiceRow {
        Objects.requireNonNull(structureIdentifier, "structureIdentifier");
        Objects.requireNonNull(code, "code");
    }

    static ServiceRow of(Service service) {
        return new ServiceRow(service.structureIdentifier(), service.code(), service.name(), service.active(),
                service.engagementRequired());
    }
}
