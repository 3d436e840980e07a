package org.chorusedi.invoice;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the acknowledgements name a supplier (CPPStatut V1_19, Fournisseur): its identifier, the
 * TypeIdentifiant the XSD documents for it, and its country (CodePays) where the invoice tells it.
 */
record SupplierIdentity(String identifier, int type, String country) {

    /** The member states of the European Union, as VAT numbers and addresses name them (Greece: GR, or EL in VAT numbers). */
    private static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR",
            "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final String NEW_CALEDONIA = "NC";
    private static final String FRENCH_POLYNESIA = "PF";

    /**
     * A SIRET is type 1, French. A VAT number is type 2 (intra-Community VAT, a French one included)
     * when its prefix, else the address, is a member state or unknown, else 3 (outside the EU). Any other
     * identifier is told by the address: New Caledonia 4 (RIDET), French Polynesia 5 (TAHITI), outside
     * the EU 3, another member state 2 (an EU supplier, Chorus Pro's UE_HORS_FRANCE), France or unknown 6
     * (Chorus Pro's category of a French supplier without SIRET: tiers en cours d'immatriculation).
     *
     * @param addressCountry the supplier's postal address country, as the invoice gives it (may be null)
     */
    static SupplierIdentity of(String siret, String vatNumber, String otherIdentifier, String addressCountry) {
        String address = country(addressCountry);
        if (siret != null) {
            return new SupplierIdentity(siret, InvoiceKeys.SUPPLIER_SIRET, address != null ? address : "FR");
        }
        if (vatNumber != null) {
            String prefix = vatNumber.length() > 2 ? country(vatNumber.substring(0, 2)) : null;
            String vatCountry = "EL".equals(prefix) ? "GR" : prefix;
            String country = vatCountry != null ? vatCountry : address;
            int type = country == null || EU.contains(country) ? InvoiceKeys.SUPPLIER_VAT : InvoiceKeys.SUPPLIER_OUTSIDE_EU;
            return new SupplierIdentity(vatNumber, type, address != null ? address : country);
        }
        int type;
        if (address == null || address.equals("FR")) {
            type = InvoiceKeys.SUPPLIER_BEING_REGISTERED;
        } else if (address.equals(NEW_CALEDONIA)) {
            type = InvoiceKeys.SUPPLIER_RIDET;
        } else if (address.equals(FRENCH_POLYNESIA)) {
            type = InvoiceKeys.SUPPLIER_TAHITI;
        } else {
            type = EU.contains(address) ? InvoiceKeys.SUPPLIER_VAT : InvoiceKeys.SUPPLIER_OUTSIDE_EU;
        }
        return new SupplierIdentity(otherIdentifier, type, address);
    }

    /** Two letters, in capitals; null otherwise. */
    private static String country(String value) {
        if (value == null) {
            return null;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        return COUNTRY.matcher(upper).matches() ? upper : null;
    }
}
