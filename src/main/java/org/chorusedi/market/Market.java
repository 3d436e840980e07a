package org.chorusedi.market;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chorusedi.framework.Role;

/**
 * A public market as its identity sheet describes it (fiche d'identité du marché): its number (the contract
 * reference an invoice gives in BT-12), its parties, and the legal commitments (EJ) it holds.
 *
 * @param engagements the legal commitments of the market; empty when the sheet names none (any EJ then)
 */
public record Market(String number, String name, List<MarketParty> parties, Set<String> engagements) {

    /** The party with that role and identifier, if the market has one. */
    public Optional<MarketParty> party(Role role, String identifier) {
        return parties.stream().filter(p -> p.role() == role && p.identifier().equals(identifier)).findFirst();
    }

    /** The market's only party with that role (its MOA, its MOE, its contract holder), if it has one. */
    public Optional<MarketParty> the(Role role) {
        return parties.stream().filter(p -> p.role() == role).findFirst();
    }
}
