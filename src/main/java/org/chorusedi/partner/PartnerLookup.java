package org.chorusedi.partner;

import java.util.Optional;

/** Read side of the partner registry, as the routing controls see it. */
public interface PartnerLookup {

    /** The partner with this code, active or not. */
    Optional<Partner> partner(String code);

    /**
     * Whether the partner is connected for that structure in that direction, whether the partner is
     * active or not: what a partner was connected for before it was deactivated can still be processed.
     * A null identifier is connected to no partner (but in {@link #OPEN}).
     */
    boolean connected(String partnerCode, String identifier, Direction direction);

    /**
     * A registry open to every partner: each one known, active and connected for every structure, as
     * before partners were declared. What the routing controls check against when the emission check is
     * off (chorus.partners.emission-check=false) or there is no registry (validate without --root).
     */
    PartnerLookup OPEN = new PartnerLookup() {
        @Override
        public Optional<Partner> partner(String code) {
            return Optional.of(new Partner(code, code, true));
        }

        @Override
        public boolean connected(String partnerCode, String identifier, Direction direction) {
            return true;
        }
    };
}
