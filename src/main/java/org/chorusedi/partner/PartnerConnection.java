package org.chorusedi.partner;

/** A structure a partner is connected for, in one direction: a SIRET, or a supplier's other identifier. */
public record PartnerConnection(String partnerCode, String identifier, Direction direction) {
}
