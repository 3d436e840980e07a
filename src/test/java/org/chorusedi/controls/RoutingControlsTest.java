package org.chorusedi.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.Service;
import org.chorusedi.directory.Structure;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.partner.Direction;
import org.chorusedi.partner.Partner;
import org.chorusedi.partner.PartnerConnection;
import org.chorusedi.partner.PartnerLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.decision.Finding;

/**
 * The routing controls on their own: invoice keys as the reader would give them, against a small
 * in-memory directory shaped like {@code directory.csv} of the test resources.
 */
class RoutingControlsTest {

    private static final String SUPPLIER = "73282932000074";
    private static final String LA_POSTE = "35600000049837";
    private static final String MINISTRY = "11000201100044";
    private static final String CITY = "21750001600019";
    private static final String HOSPITAL = "26750045200011";
    private static final String CLOSED_SCHOOL = "19750001000016";
    private static final String AGENCY = "13000548100010";
    /** A real directory identifier: fails Luhn, as many do. */
    private static final String REAL_ID_FAILING_LUHN = "13001100000000";
    /** Has a 100- and a 101-character service code, to test the length alone. */
    private static final String LONG_CODES = "13002526500013";
    private static final Instant MODIFIED = Instant.parse("2026-01-01T00:00:00Z");

    /** A tiny map-backed directory. */
    private static final class MapDirectory implements DirectoryLookup {
        private final Map<String, Structure> structures = new HashMap<>();
        private final Map<String, Service> services = new HashMap<>();

        MapDirectory structure(String id, String name, boolean active, boolean serviceCodeRequired,
                               boolean engagementRequired, boolean engagementOrServiceCode) {
            structures.put(id, new Structure(id, name, active, serviceCodeRequired, engagementRequired,
                    engagementOrServiceCode, false, false, MODIFIED));
            return this;
        }

        MapDirectory service(String structureId, String code, String name, boolean active, boolean engagementRequired) {
            services.put(structureId + "\u0000" + code, new Service(structureId, code, name, active, engagementRequired, MODIFIED));
            return this;
        }

        @Override
        public Optional<Structure> structure(String identifier) {
            return Optional.ofNullable(structures.get(identifier));
        }

        @Override
        public Optional<Service> service(String structureIdentifier, String serviceCode) {
            return Optional.ofNullable(services.get(structureIdentifier + "\u0000" + serviceCode));
        }
    }

    private static final DirectoryLookup DIRECTORY = new MapDirectory()
            .structure(MINISTRY, "Ministère de l'Exemple", true, true, false, false)
            .service(MINISTRY, "SCE-ACHATS", "Service des achats", true, false)
            .service(MINISTRY, "SCE-FERME", "Service fermé", false, false)
            .service(MINISTRY, "SCE-TRAVAUX", "Service des travaux", true, true)
            .structure(CITY, "Ville d'Exemple", true, false, true, false)
            .structure(HOSPITAL, "Hôpital d'Exemple", true, false, false, true)
            .service(HOSPITAL, "URGENCES", "Urgences", true, false)
            .structure(CLOSED_SCHOOL, "École fermée", false, false, false, false)
            .structure(AGENCY, "Agence d'Exemple", true, false, false, false)
            .structure(REAL_ID_FAILING_LUHN, "Structure réelle", true, false, false, false)
            .structure(LONG_CODES, "Codes longs", true, false, false, false)
            .service(LONG_CODES, "S".repeat(100), "Cent", true, false)
            .service(LONG_CODES, "S".repeat(101), "Cent un", true, false);

    private final RoutingControls controls = new RoutingControls(MarketLookup.NONE);

    /** Keys that pass every control: the ministry's purchasing service, with a commitment. */
    private record Keys(String number, String typeCode, String supplierId, int supplierType, String recipientId,
                        String serviceCode, String engagement) {
        static Keys deliverable() {
            return new Keys("F2026-0001", "380", SUPPLIER, InvoiceKeys.SUPPLIER_SIRET, MINISTRY, "SCE-ACHATS", "EJ-2026-000123");
        }

        Keys number(String v) { return new Keys(v, typeCode, supplierId, supplierType, recipientId, serviceCode, engagement); }
        Keys typeCode(String v) { return new Keys(number, v, supplierId, supplierType, recipientId, serviceCode, engagement); }
        Keys supplier(String id, int type) { return new Keys(number, typeCode, id, type, recipientId, serviceCode, engagement); }
        Keys recipient(String v) { return new Keys(number, typeCode, supplierId, supplierType, v, serviceCode, engagement); }
        Keys serviceCode(String v) { return new Keys(number, typeCode, supplierId, supplierType, recipientId, v, engagement); }
        Keys engagement(String v) { return new Keys(number, typeCode, supplierId, supplierType, recipientId, serviceCode, v); }

        InvoiceKeys toInvoiceKeys() {
            return new InvoiceKeys(number, "2026-11-20", typeCode, supplierId, supplierType, null, "Fournitures Durand SAS",
                    recipientId, "Acheteur public", serviceCode, engagement, null, null, null, null, false);
        }
    }

    /** Sent by AAA001, against a registry open to every partner: the emission check has its own tests below. */
    private InvoiceCheck check(Keys keys) {
        return controls.check(keys.toInvoiceKeys(), 1, "AAA001", DIRECTORY, PartnerLookup.OPEN);
    }

    private List<ReasonCode> codes(Keys keys) {
        return check(keys).findings().stream().map(Finding::code).toList();
    }

    // ---------------------------------------------------------------- the deliverable baseline

    @Test
    void aCompleteInvoiceToAKnownServiceHasNoFinding() {
        InvoiceCheck check = check(Keys.deliverable());

        assertEquals(List.of(), check.findings());
        assertEquals("Ministère de l'Exemple", check.structure().orElseThrow().name());
        assertEquals("Service des achats", check.service().orElseThrow().name());
    }

    // ---------------------------------------------------------------- one test per code

    @Test
    void i01NoRecipient() {
        assertEquals(List.of(ReasonCode.I01), codes(Keys.deliverable().recipient(null)));
    }

    @Test
    void i02RecipientNotFourteenDigits() {
        assertEquals(List.of(ReasonCode.I02), codes(Keys.deliverable().recipient("1100020110004")));
        assertEquals(List.of(ReasonCode.I02), codes(Keys.deliverable().recipient("110002011000445")));
        assertEquals(List.of(ReasonCode.I02), codes(Keys.deliverable().recipient("FR110002011000")));
    }

    @Test
    void i03RecipientNotInTheDirectory() {
        assertEquals(List.of(ReasonCode.I03), codes(Keys.deliverable().recipient("21750001600027")));
    }

    @Test
    void i04RecipientInactive() {
        assertEquals(List.of(ReasonCode.I04), codes(Keys.deliverable().recipient(CLOSED_SCHOOL).serviceCode(null)));
    }

    @Test
    void i05ServiceCodeRequiredAndAbsent() {
        List<Finding> findings = check(Keys.deliverable().serviceCode(null)).findings();

        assertEquals(List.of(ReasonCode.I05), findings.stream().map(Finding::code).toList());
        assertTrue(findings.get(0).description().contains(MINISTRY), findings.get(0)::description);
    }

    @Test
    void i06ServiceCodeUnknown() {
        assertEquals(List.of(ReasonCode.I06), codes(Keys.deliverable().serviceCode("SCE-INCONNU")));
        // a service code is checked even where the recipient requires none
        assertEquals(List.of(ReasonCode.I06), codes(Keys.deliverable().recipient(AGENCY).serviceCode("SCE-ACHATS")));
    }

    @Test
    void i06ServiceCodeInactive() {
        List<Finding> findings = check(Keys.deliverable().serviceCode("SCE-FERME")).findings();

        assertEquals(List.of(ReasonCode.I06), findings.stream().map(Finding::code).toList());
        assertTrue(findings.get(0).description().contains("inactive"), findings.get(0)::description);
    }

    @Test
    void i07EngagementRequiredByTheStructure() {
        assertEquals(List.of(ReasonCode.I07), codes(Keys.deliverable().recipient(CITY).serviceCode(null).engagement(null)));
        assertEquals(List.of(), codes(Keys.deliverable().recipient(CITY).serviceCode(null)));
    }

    @Test
    void i07EngagementRequiredByTheService() {
        assertEquals(List.of(ReasonCode.I07), codes(Keys.deliverable().serviceCode("SCE-TRAVAUX").engagement(null)));
        assertEquals(List.of(), codes(Keys.deliverable().serviceCode("SCE-TRAVAUX")));
        // the ministry's other service does not require one
        assertEquals(List.of(), codes(Keys.deliverable().engagement(null)));
    }

    @Test
    void i08EngagementOrServiceCodeBothAbsent() {
        Keys hospital = Keys.deliverable().recipient(HOSPITAL);

        assertEquals(List.of(ReasonCode.I08), codes(hospital.serviceCode(null).engagement(null)));
        assertEquals(List.of(), codes(hospital.serviceCode("URGENCES").engagement(null)));
        assertEquals(List.of(), codes(hospital.serviceCode(null)));
    }

    @Test
    void i09FieldTooLong() {
        assertEquals(List.of(ReasonCode.I09), codes(Keys.deliverable().engagement("E".repeat(51))));
    }

    @Test
    void i10NoInvoiceNumber() {
        List<Finding> findings = check(Keys.deliverable().number(null)).findings();

        assertEquals(List.of(ReasonCode.I10), findings.stream().map(Finding::code).toList());
        assertTrue(findings.get(0).description().startsWith("invoice (no number) (document 1 of the flow): "),
                findings.get(0)::description);
    }

    @Test
    void i11TypeCodeNotAccepted() {
        assertEquals(List.of(ReasonCode.I11), codes(Keys.deliverable().typeCode("751")));
    }

    @Test
    void i12SupplierSiretFailsItsCheckDigit() {
        List<Finding> findings = check(Keys.deliverable().supplier("73282932000075", InvoiceKeys.SUPPLIER_SIRET)).findings();

        assertEquals(List.of(ReasonCode.I12), findings.stream().map(Finding::code).toList());
        assertTrue(findings.get(0).description().contains("73282932000075"), findings.get(0)::description);
    }

    // ---------------------------------------------------------------- the emission check

    /** AAA001 active, connected in emission for SUPPLIER and for a VAT-identified supplier; OLD001 inactive. */
    private static final PartnerLookup REGISTRY = new PartnerLookup() {
        private final Map<String, Partner> partners = Map.of(
                "AAA001", new Partner("AAA001", "Opérateur A", true),
                "OLD001", new Partner("OLD001", "Ancien opérateur", false));
        private final List<PartnerConnection> connections = List.of(
                new PartnerConnection("AAA001", SUPPLIER, Direction.EMISSION),
                new PartnerConnection("AAA001", "FR32732829320", Direction.EMISSION),
                new PartnerConnection("AAA001", LA_POSTE, Direction.RECEPTION),
                new PartnerConnection("OLD001", SUPPLIER, Direction.EMISSION));

        @Override
        public Optional<Partner> partner(String code) {
            return Optional.ofNullable(partners.get(code));
        }

        @Override
        public boolean connected(String partnerCode, String identifier, Direction direction) {
            return connections.contains(new PartnerConnection(partnerCode, identifier, direction));
        }
    };

    private List<Finding> sentBy(String partner, Keys keys) {
        return controls.check(keys.toInvoiceKeys(), 1, partner, DIRECTORY, REGISTRY).findings();
    }

    @Test
    void aSupplierConnectedInEmissionToTheSendingPartnerPasses() {
        assertEquals(List.of(), sentBy("AAA001", Keys.deliverable()));
        assertEquals(List.of(), sentBy("AAA001", Keys.deliverable().supplier("FR32732829320", InvoiceKeys.SUPPLIER_VAT)));
    }

    @Test
    void i18SupplierNotConnectedInEmissionToTheSendingPartner() {
        List<Finding> findings = sentBy("AAA001", Keys.deliverable().supplier(LA_POSTE, InvoiceKeys.SUPPLIER_SIRET));

        assertEquals(List.of(new Finding(ReasonCode.I18, "invoice 'F2026-0001' (document 1 of the flow): supplier SIRET "
                + LA_POSTE + " is not connected in emission to partner AAA001 (Opérateur A)")), findings,
                "connected in reception only");
        assertEquals(List.of(ReasonCode.I18), sentBy("AAA001", Keys.deliverable().supplier("DUNS-123",
                InvoiceKeys.SUPPLIER_BEING_REGISTERED)).stream().map(Finding::code).toList());
        assertTrue(sentBy("AAA001", Keys.deliverable().supplier(null, InvoiceKeys.SUPPLIER_BEING_REGISTERED)).get(0).description()
                .endsWith("no supplier identifier: partner AAA001 (Opérateur A) may send invoices only for the suppliers"
                        + " it is connected for"));
    }

    @Test
    void i19SendingPartnerUnknownOrInactiveAloneWhateverItsConnections() {
        assertEquals(List.of(new Finding(ReasonCode.I19, "invoice 'F2026-0001' (document 1 of the flow): partner ZZZ999"
                + " is not in the partner registry")), sentBy("ZZZ999", Keys.deliverable()));
        assertEquals(List.of(new Finding(ReasonCode.I19, "invoice 'F2026-0001' (document 1 of the flow): partner OLD001"
                + " (Ancien opérateur) is inactive")), sentBy("OLD001", Keys.deliverable()));
    }

    @Test
    void theEmissionCheckComesBeforeTheRecipientsAndLeavesASiretFailingLuhnToI12() {
        assertEquals(List.of(ReasonCode.I18, ReasonCode.I03), sentBy("AAA001",
                Keys.deliverable().supplier(LA_POSTE, InvoiceKeys.SUPPLIER_SIRET).recipient("99999999999999"))
                .stream().map(Finding::code).toList());
        assertEquals(List.of(ReasonCode.I12), sentBy("AAA001",
                Keys.deliverable().supplier("73282932000075", InvoiceKeys.SUPPLIER_SIRET)).stream().map(Finding::code).toList());
    }

    // ---------------------------------------------------------------- combinations and boundaries

    @Test
    void anInvoiceFailingSeveralControlsReportsEachInOrder() {
        Keys keys = new Keys(null, "751", "73282932000075", InvoiceKeys.SUPPLIER_SIRET, null, "C".repeat(101), "E".repeat(51));

        InvoiceCheck check = controls.check(keys.toInvoiceKeys(), 3, "AAA001", DIRECTORY, PartnerLookup.OPEN);

        assertEquals(List.of(ReasonCode.I10, ReasonCode.I11, ReasonCode.I09, ReasonCode.I09, ReasonCode.I12, ReasonCode.I01),
                check.findings().stream().map(Finding::code).toList());
        check.findings().forEach(f -> assertTrue(f.description().startsWith("invoice (no number) (document 3 of the flow): "),
                f::description));
    }

    @Test
    void severalDirectoryControlsOnTheSameInvoice() {
        // the city requires a commitment; the service code it names does not exist there
        assertEquals(List.of(ReasonCode.I06, ReasonCode.I07),
                codes(Keys.deliverable().recipient(CITY).serviceCode("SCE-ACHATS").engagement(null)));
        // the ministry requires a service code and has none here; number and type code are also wrong
        assertEquals(List.of(ReasonCode.I10, ReasonCode.I11, ReasonCode.I05),
                codes(Keys.deliverable().number(null).typeCode("325").serviceCode(null)));
    }

    @Test
    void findingsNameTheInvoiceByItsNumberAndPosition() {
        InvoiceCheck check = controls.check(Keys.deliverable().typeCode("751").toInvoiceKeys(), 7, "AAA001", DIRECTORY,
                PartnerLookup.OPEN);

        assertEquals(1, check.findings().size());
        assertTrue(check.findings().get(0).description().startsWith("invoice 'F2026-0001' (document 7 of the flow): "),
                check.findings().get(0)::description);
    }

    @Test
    void aRecipientInTheDirectoryIsNotRejectedForFailingLuhn() {
        assertFalse(Siret.isValid(REAL_ID_FAILING_LUHN), "the premise: this real identifier fails Luhn");

        InvoiceCheck check = check(Keys.deliverable().recipient(REAL_ID_FAILING_LUHN).serviceCode(null));

        assertEquals(List.of(), check.findings());
        assertEquals("Structure réelle", check.structure().orElseThrow().name());
    }

    @Test
    void i12OnlyForASiretIdentifiedSupplier() {
        assertEquals(List.of(), codes(Keys.deliverable().supplier(LA_POSTE, InvoiceKeys.SUPPLIER_SIRET)));
        assertEquals(List.of(ReasonCode.I12), codes(Keys.deliverable().supplier("35600000049838", InvoiceKeys.SUPPLIER_SIRET)));
        assertEquals(List.of(), codes(Keys.deliverable().supplier("FR32732829320", InvoiceKeys.SUPPLIER_VAT)));
        assertEquals(List.of(), codes(Keys.deliverable().supplier("DUNS-123", InvoiceKeys.SUPPLIER_BEING_REGISTERED)));
        // a SIRET-typed supplier that is not even 14 digits fails too
        assertEquals(List.of(ReasonCode.I12), codes(Keys.deliverable().supplier("7328293200007", InvoiceKeys.SUPPLIER_SIRET)));
    }

    @Test
    void engagementLengthLimitIsFifty() {
        assertEquals(List.of(), codes(Keys.deliverable().engagement("E".repeat(50))));
        assertEquals(List.of(ReasonCode.I09), codes(Keys.deliverable().engagement("E".repeat(51))));
    }

    @Test
    void serviceCodeLengthLimitIsOneHundred() {
        Keys longCodes = Keys.deliverable().recipient(LONG_CODES);

        assertEquals(List.of(), codes(longCodes.serviceCode("S".repeat(100))));
        List<Finding> findings = check(longCodes.serviceCode("S".repeat(101))).findings();
        assertEquals(List.of(ReasonCode.I09), findings.stream().map(Finding::code).toList());
        assertTrue(findings.get(0).description().contains("101 characters, at most 100"), findings.get(0)::description);
    }

    @Test
    void invoiceNumberLengthLimitIsTwenty() {
        assertEquals(List.of(), codes(Keys.deliverable().number("N".repeat(20))));
        assertEquals(List.of(ReasonCode.I09), codes(Keys.deliverable().number("N".repeat(21))));
    }

    @Test
    void aTypeCodeIsRequired() {
        List<Finding> findings = check(Keys.deliverable().typeCode(null)).findings();

        assertEquals(List.of(ReasonCode.I11), findings.stream().map(Finding::code).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"380", "381", "384", "386", "389"})
    void acceptedTypeCodes(String typeCode) {
        assertEquals(List.of(), codes(Keys.deliverable().typeCode(typeCode)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"751", "325", "326", "383", "393", "875", "380 ", "0380", ""})
    void refusedTypeCodes(String typeCode) {
        assertEquals(List.of(ReasonCode.I11), codes(Keys.deliverable().typeCode(typeCode)));
    }
}
