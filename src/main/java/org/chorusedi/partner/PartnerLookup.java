package org.chorusedi.partner;

import java.util.Optional;

/** Read side of the partner registry, as the routing controls see it. */
public interface PartnerLookup {

    /** The partner with this code, active or not. */
    Optional<Partner> partner(String code);

    /**
     * Whether the partner is connected for that structure in that direction, whether the partner is
     * active or not: what a partner was connected for before it was deactivated can still be processed.
     */
    boolean connected(String partnerCode, String identifier, Direction direction);
}
