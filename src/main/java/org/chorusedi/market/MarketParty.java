package org.chorusedi.market;

import java.util.Set;
import org.chorusedi.framework.Framework;
import org.chorusedi.framework.Role;

/**
 * One party of a market, one line of the markets file.
 *
 * @param identifier       the party's structure: a SIRET (for a supplier, its identifier as an invoice gives it)
 * @param serviceCode      the MOA's or the MOE's service the market's works statements go to (the MOE's drafts,
 *                         the MOA's statements to validate); null for the other parties, or none
 * @param validatorId      for a joint contractor or a subcontractor, the structure that validates its invoices
 *                         (A9, A12): the contract holder or the group's representative; null otherwise
 * @param validatorService the validator's service, or null
 * @param frameworks       the frameworks this party may deposit on this market (never empty: all its role's when
 *                         the file leaves them out)
 */
public record MarketParty(Role role, String identifier, String serviceCode, String validatorId, String validatorService,
        Set<Framework> frameworks) {
}
