package org.chorusedi.framework;

/**
 * A party of a public works or services market, as the market identity sheet names it (the markets file's
 * {@code role} column): the contract holder, its joint contractors and subcontractors, the maîtrise d'œuvre and
 * the maître d'ouvrage.
 */
public enum Role {
    /** The contract holder (titulaire), or the group's representative. */
    TITULAIRE,
    /** A joint contractor (cotraitant) of the group. */
    COTRAITANT,
    /** A subcontractor (sous-traitant), paid directly. */
    SOUS_TRAITANT,
    /** The maîtrise d'œuvre, who checks the works statements and admits their amounts. */
    MOE,
    /** The maître d'ouvrage, the public buyer who validates and pays. */
    MOA;

    /** A supplier of the market (its contract holder, a joint contractor, a subcontractor), not its MOE or MOA. */
    public boolean supplier() {
        return this == TITULAIRE || this == COTRAITANT || this == SOUS_TRAITANT;
    }
}
