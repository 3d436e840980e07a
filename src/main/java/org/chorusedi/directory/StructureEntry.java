package org.chorusedi.directory;

import java.util.List;

/** A structure with all its services, ordered by code: one entry of a FAR37 extract. */
public record StructureEntry(StructureRow structure, List<ServiceRow> services) {

    public StructureEntry {
        services = List.copyOf(services);
    }
}
