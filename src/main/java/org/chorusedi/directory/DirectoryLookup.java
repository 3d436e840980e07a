package org.chorusedi.directory;

import java.util.Optional;

/** Read side of the directory of public structures, as the routing controls see it. */
public interface DirectoryLookup {

    /** The structure with this identifier (SIRET), active or not. */
    Optional<Structure> structure(String identifier);

    /** The service of that structure with this code, active or not. */
    Optional<Service> service(String structureIdentifier, String serviceCode);

    /** A directory that knows nobody: used by {@code validate} without a root. */
    DirectoryLookup EMPTY = new DirectoryLookup() {
        @Override
        public Optional<Structure> structure(String identifier) {
            return Optional.empty();
        }

        @Override
        public Optional<Service> service(String structureIdentifier, String serviceCode) {
            return Optional.empty();
        }
    };
}
