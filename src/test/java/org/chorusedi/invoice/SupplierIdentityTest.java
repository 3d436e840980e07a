package org.chorusedi.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** TypeIdentifiant and CodePays of a supplier, as the CPPStatut V1_19 XSD documents its values. */
class SupplierIdentityTest {

    @Test
    void aSiretIsType1AndFrench() {
        assertEquals(new SupplierIdentity("73282932000074", 1, "FR"), SupplierIdentity.of("73282932000074", "FR32732829320", null, null));
        assertEquals(new SupplierIdentity("73282932000074", 1, "FR"), SupplierIdentity.of("73282932000074", null, null, "fr"));
    }

    @Test
    void aVatNumberIsType2InTheEuAFrenchOneIncludedAnd3Outside() {
        assertEquals(new SupplierIdentity("FR32732829320", 2, "FR"), SupplierIdentity.of(null, "FR32732829320", "X", null),
                "a French VAT number is intra-Community, not outside the EU");
        assertEquals(new SupplierIdentity("DE123456789", 2, "DE"), SupplierIdentity.of(null, "DE123456789", null, null));
        assertEquals(new SupplierIdentity("EL123456789", 2, "GR"), SupplierIdentity.of(null, "EL123456789", null, null));
        assertEquals(new SupplierIdentity("NO123456789MVA", 3, "NO"), SupplierIdentity.of(null, "NO123456789MVA", null, "NO"));
        assertEquals(new SupplierIdentity("CHE-123.456.789", 3, "CH"), SupplierIdentity.of(null, "CHE-123.456.789", null, "CH"));
        assertEquals(new SupplierIdentity("123456789", 2, null), SupplierIdentity.of(null, "123456789", null, null),
                "a VAT number of no known country");
    }

    @Test
    void anotherIdentifierIsToldByTheAddress() {
        assertEquals(new SupplierIdentity("3012345678901", 6, null), SupplierIdentity.of(null, null, "3012345678901", null),
                "no country: a French supplier without SIRET, being registered");
        assertEquals(new SupplierIdentity("3012345678901", 6, "FR"), SupplierIdentity.of(null, null, "3012345678901", "FR"));
        assertEquals(new SupplierIdentity("1234567", 4, "NC"), SupplierIdentity.of(null, null, "1234567", "NC"));
        assertEquals(new SupplierIdentity("A12345", 5, "PF"), SupplierIdentity.of(null, null, "A12345", "PF"));
        assertEquals(new SupplierIdentity("HRB 1234", 2, "DE"), SupplierIdentity.of(null, null, "HRB 1234", "DE"));
        assertEquals(new SupplierIdentity("1238764941386", 3, "NO"), SupplierIdentity.of(null, null, "1238764941386", "NO"));
        assertEquals(new SupplierIdentity(null, 6, null), SupplierIdentity.of(null, null, null, "not a country"));
    }
}
