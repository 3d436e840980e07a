package org.chorusedi.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.Service;
import org.chorusedi.directory.Structure;
import org.chorusedi.framework.Framework;
import org.chorusedi.framework.Role;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.market.Market;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.market.MarketParty;
import org.chorusedi.partner.Direction;
import org.chorusedi.partner.Partner;
import org.chorusedi.partner.PartnerLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The framework an invoice names (I21-I23) and the market it belongs to (I24-I30), on keys as the reader gives
 * them, against a small market registry: market M-2026-001 of the ministry (MOA), with its MOE, its contract holder,
 * a joint contractor and a subcontractor, each with its partner.
 */
class FrameworkAndMarketControlsTest {

    private static final String MINISTRY = "11000201100044";
    private static final String CITY = "21750001600019";
    private static final String HOLDER = "73282932000074";
    private static final String JOINT = "38012986600055";
    private static final String SUB = "44229377500031";
    private static final String MOE = "41816609600069";
    private static final String MARKET = "M-2026-001";
    private static final Instant MODIFIED = Instant.parse("2026-01-01T00:00:00Z");

    private static final DirectoryLookup DIRECTORY = new DirectoryLookup() {
        private final Map<String, Structure> structures = Map.of(
                MINISTRY, new Structure(MINISTRY, "Ministère de l'Exemple", true, false, false, false, false, true, MODIFIED),
                CITY, new Structure(CITY, "Ville d'Exemple", true, false, false, false, false, false, MODIFIED));

        @Override
        public Optional<Structure> structure(String identifier) {
            return Optional.ofNullable(structures.get(identifier));
        }

        @Override
        public Optional<Service> service(String structureIdentifier, String serviceCode) {
            return Optional.empty();
        }
    };

    /** Each party's partner: SUP001 sends for the holder, the joint contractor and the subcontractor; MOE001, MOA001. */
    private static final PartnerLookup PARTNERS = new PartnerLookup() {
        private final Map<String, Set<String>> emission = Map.of(
                "SUP001", Set.of(HOLDER, JOINT, SUB), "MOE001", Set.of(MOE), "MOA001", Set.of(MINISTRY));

        @Override
        public Optional<Partner> partner(String code) {
            return emission.containsKey(code) ? Optional.of(new Partner(code, code, true)) : Optional.empty();
        }

        @Override
        public boolean connected(String partnerCode, String identifier, Direction direction) {
            return direction == Direction.EMISSION && emission.getOrDefault(partnerCode, Set.of()).contains(identifier);
        }
    };

    private static MarketParty party(Role role, String id, String validator, Framework... frameworks) {
        Set<Framework> open = EnumSet.noneOf(Framework.class);
        if (frameworks.length == 0) {
            for (Framework f : Framework.values()) {
                if (f.depositor().orElse(null) == role) {
                    open.add(f);
                }
            }
        } else {
            open.addAll(List.of(frameworks));
        }
        return new MarketParty(role, id, role == Role.MOA ? "SCE-TRAVAUX" : null, validator, null, open);
    }

    private static final Market MARKET_SHEET = new Market(MARKET, "Réfection de la toiture", List.of(
            party(Role.MOA, MINISTRY, null),
            party(Role.MOE, MOE, null),
            party(Role.TITULAIRE, HOLDER, null),
            party(Role.COTRAITANT, JOINT, HOLDER),
            // the sheet opens only the subcontractor's invoice to it, not its statements
            party(Role.SOUS_TRAITANT, SUB, HOLDER, Framework.A9)),
            Set.of("EJ-2026-000500"));

    private static final MarketLookup MARKETS = number -> MARKET.equals(number) ? Optional.of(MARKET_SHEET) : Optional.empty();

    private final RoutingControls controls = new RoutingControls(MARKETS);

    private static InvoiceKeys keys(String supplier, String recipient, String engagement, String bt23, String bt24,
            String contract, boolean paid) {
        return new InvoiceKeys("F2026-0100", "2026-11-20", "380", supplier, InvoiceKeys.SUPPLIER_SIRET, "FR", "Entreprise",
                recipient, "Ministère", null, engagement, bt23, bt24, contract, null, paid);
    }

    private static InvoiceKeys plain(String bt23, String bt24) {
        return keys(HOLDER, MINISTRY, null, bt23, bt24, null, false);
    }

    /** A document of the market, deposited for that supplier by that partner. */
    private List<Finding> onMarket(String framework, String supplier, String partner) {
        return controls.check(keys(supplier, MINISTRY, "EJ-2026-000500", framework, "urn:cen.eu:en16931:2017", MARKET, false),
                1, partner, DIRECTORY, PARTNERS).findings();
    }

    private static List<ReasonCode> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    private InvoiceCheck check(InvoiceKeys keys) {
        return controls.check(keys, 1, "SUP001", DIRECTORY, PARTNERS);
    }

    // ---------------------------------------------------------------- reading the framework

    @ParameterizedTest
    @ValueSource(strings = {"urn:fdc:peppol.eu:2017:poacc:billing:01:1.0", "M08", "Facture de travaux", "A1B", "A2025-001", "Avenant 2"})
    void aProcessThatIsNoFrameworkCodeIsAPlainInvoice(String bt23) {
        InvoiceCheck check = check(plain(bt23, "urn:cen.eu:en16931:2017"));

        assertEquals(Optional.of(Framework.A1), check.framework());
        assertEquals(List.of(), check.findings());
    }

    @Test
    void noFrameworkIsA1() {
        assertEquals(Optional.of(Framework.A1), check(plain(null, null)).framework());
    }

    @Test
    void theCodeAloneOrAsChorusProsApiSpellsIt() {
        assertEquals(Optional.of(Framework.A9), check(plain("A9", null)).framework());
        assertEquals(Optional.of(Framework.A9), check(plain(" A9_FACTURE_SOUSTRAITANT ", null)).framework());
        assertEquals(Optional.of(Framework.A25), check(plain("A25", null)).framework());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a9", "A9 sous-traitant", "A9-SOUSTRAITANT", "a9_facture_soustraitant", "\u00A0A9\u00A0", "A9\tx"})
    void aFrameworkCodeInAnyCaseOrFollowedByASeparatorIsThatCode(String bt23) {
        // never a plain invoice: an A9 that skipped its validator would reach its recipient
        assertEquals(Optional.of(Framework.A9), check(plain(bt23, null)).framework());
    }

    @Test
    void aFrameworkInBt24AloneIsRead() {
        assertEquals(Optional.of(Framework.A3), check(plain(null, "A3")).framework());
        assertEquals(Optional.of(Framework.A3), check(plain("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0", "A3")).framework());
    }

    @Test
    void theSameFrameworkInBothPlacesIsNoAmbiguity() {
        assertEquals(List.of(), check(plain("A3", "A3_MEMOIRE_FRAIS_JUSTICE")).findings());
    }

    @Test
    void i21AFrameworkCodeThatIsNoneOfA1ToA25() {
        for (String code : List.of("A26", "A0", "A01", "A100")) {
            InvoiceCheck check = check(plain(code, null));
            assertEquals(List.of(ReasonCode.I21), codes(check.findings()), code);
            assertTrue(check.findings().get(0).description().contains("BT-23 names framework '" + code + "'"), check.findings().toString());
        }
        assertEquals(List.of(ReasonCode.I21), codes(check(plain(null, "A27")).findings()));
    }

    @Test
    void i22TwoFrameworksThatDiffer() {
        List<Finding> findings = check(plain("A1", "A2")).findings();

        assertEquals(List.of(ReasonCode.I22), codes(findings));
        assertTrue(findings.get(0).description().contains("BT-23 names framework A1 and BT-24 names A2"), findings.toString());
    }

    @Test
    void i23AnA2InvoiceMustOweNothing() {
        assertEquals(List.of(ReasonCode.I23), codes(check(keys(HOLDER, MINISTRY, null, "A2", null, null, false)).findings()));
        assertEquals(List.of(), check(keys(HOLDER, MINISTRY, null, "A2", null, null, true)).findings());
    }

    @Test
    void a3AndA21TakeNoMarket() {
        assertEquals(List.of(), check(plain("A3", null)).findings());
        assertEquals(List.of(), check(plain("A21", null)).findings());
    }

    // ---------------------------------------------------------------- held against the market

    @Test
    void i24AMarketFrameworkWithoutItsMarketOrWithAnUnknownOne() {
        List<Finding> none = check(keys(SUB, MINISTRY, null, "A9", null, null, false)).findings();
        List<Finding> unknown = check(keys(SUB, MINISTRY, null, "A9", null, "M-1999-999", false)).findings();

        assertEquals(List.of(ReasonCode.I24), codes(none));
        assertTrue(none.get(0).description().contains("the invoice names none (BT-12)"), none.toString());
        assertEquals(List.of(ReasonCode.I24), codes(unknown));
        assertTrue(unknown.get(0).description().contains("market 'M-1999-999' (BT-12) is not in the market registry"), unknown.toString());
    }

    @Test
    void i25ASuppliersPartnerCannotDepositTheMoesStatement() {
        List<Finding> findings = onMarket("A15", HOLDER, "SUP001");

        assertEquals(List.of(ReasonCode.I25), codes(findings));
        assertTrue(findings.get(0).description().contains("A15 is deposited by the MOE of market M-2026-001: its MOE " + MOE
                + " is not connected in emission to partner SUP001"), findings.toString());
    }

    @Test
    void i25TheHolderCannotDepositASubcontractorsInvoice() {
        List<Finding> findings = onMarket("A9", HOLDER, "SUP001");

        assertEquals(List.of(ReasonCode.I25), codes(findings));
        assertTrue(findings.get(0).description().contains("supplier " + HOLDER + " is not its SOUS_TRAITANT"), findings.toString());
    }

    @Test
    void i25TheMoesStatementNamesASupplierOfTheMarket() {
        List<Finding> findings = onMarket("A15", "12000015300011", "MOE001");

        assertEquals(List.of(ReasonCode.I25), codes(findings));
    }

    @Test
    void i26TheSheetClosesAFrameworkOfItsRoleToAParty() {
        List<Finding> findings = onMarket("A10", SUB, "SUP001");

        assertEquals(List.of(ReasonCode.I26), codes(findings).subList(0, 1));
        assertTrue(findings.get(0).description().contains("opens to SOUS_TRAITANT " + SUB + " only [A9], not A10"), findings.toString());
    }

    @Test
    void i26ASubcontractorsPlainInvoiceOnItsMarketWouldSkipItsValidator() {
        List<Finding> findings = onMarket(null, SUB, "SUP001");

        assertEquals(List.of(ReasonCode.I26), codes(findings));
        assertTrue(findings.get(0).description().contains("opens to SOUS_TRAITANT " + SUB + " only [A9], not A1: its invoices go"
                + " through its validator " + HOLDER), findings.toString());
        assertEquals(List.of(), codes(onMarket(null, HOLDER, "SUP001")), "the contract holder's own invoice is a plain one");
    }

    @Test
    void i27TheRecipientIsTheMarketsMoa() {
        InvoiceCheck check = controls.check(keys(JOINT, CITY, null, "A12", null, MARKET, false), 1, "SUP001", DIRECTORY, PARTNERS);

        assertEquals(ReasonCode.I27, check.findings().get(0).code());
        assertTrue(check.findings().get(0).description().contains("recipient " + CITY + " is not the MOA of market M-2026-001, " + MINISTRY),
                check.findings().toString());
    }

    @Test
    void aRecycledDocumentOfAMarketStaysWithTheMarketsMoaAndCommitments() {
        // the keys a recycling gives an approved A12: the city is not the market's MOA, the EJ not one of the market's
        InvoiceCheck check = controls.checkRoutingKeys(keys(JOINT, CITY, "EJ-OTHER", "A12", null, MARKET, false), "SUP001", DIRECTORY);

        assertEquals(List.of(ReasonCode.I27, ReasonCode.I29), codes(check.findings()));
        assertEquals(List.of(), controls.checkRoutingKeys(keys(JOINT, MINISTRY, "EJ-2026-000500", "A12", null, MARKET, false),
                "SUP001", DIRECTORY).findings());
    }

    @Test
    void i28AWorksDocumentGoesOnlyToAStructureWithAMaitriseDOuvrage() {
        Market atTheCity = new Market("M-CITY", null, List.of(party(Role.MOA, CITY, null), party(Role.TITULAIRE, HOLDER, null)), Set.of());
        RoutingControls cityControls = new RoutingControls(number -> Optional.of(atTheCity));

        List<Finding> findings = cityControls.check(keys(HOLDER, CITY, null, "A4", null, "M-CITY", false), 1, "SUP001", DIRECTORY,
                PARTNERS).findings();

        assertEquals(ReasonCode.I28, findings.get(0).code());
        assertTrue(findings.get(0).description().contains("has no maîtrise d'ouvrage (moa false)"), findings.toString());
    }

    @Test
    void i29TheCommitmentIsOneOfTheMarkets() {
        List<Finding> findings = controls.check(keys(JOINT, MINISTRY, "EJ-OTHER", "A12", null, MARKET, false), 1, "SUP001",
                DIRECTORY, PARTNERS).findings();

        assertEquals(ReasonCode.I29, findings.get(0).code());
        assertTrue(findings.get(0).description().contains("EJ EJ-OTHER (BT-13) is not one of the commitments of market M-2026-001"),
                findings.toString());
    }

    @Test
    void aWorksDraftGoesToTheMoeTheMoesStatementToTheMoaTheMoasToItsRecipient() {
        InvoiceCheck draft = controls.check(keys(HOLDER, MINISTRY, "EJ-2026-000500", "A4", null, MARKET, false), 1, "SUP001",
                DIRECTORY, PARTNERS);
        InvoiceCheck statement = controls.check(keys(HOLDER, MINISTRY, "EJ-2026-000500", "A15", null, MARKET, false), 1, "MOE001",
                DIRECTORY, PARTNERS);
        InvoiceCheck validated = controls.check(keys(HOLDER, MINISTRY, "EJ-2026-000500", "A19", null, MARKET, false), 1, "MOA001",
                DIRECTORY, PARTNERS);
        InvoiceCheck dgd = controls.check(keys(HOLDER, MINISTRY, "EJ-2026-000500", "A8", null, MARKET, false), 1, "SUP001",
                DIRECTORY, PARTNERS);

        assertEquals(List.of(), draft.findings());
        assertEquals(new Route(Framework.A4, MARKET, MOE, null, InvoiceStatus.A_TRAITER_MOE), draft.route());
        assertEquals(new Route(Framework.A15, MARKET, MINISTRY, "SCE-TRAVAUX", InvoiceStatus.A_VALIDER_MOA), statement.route(),
                "to the MOA's service the sheet names");
        assertEquals(new Route(Framework.A19, MARKET, MINISTRY, null, InvoiceStatus.MISE_A_DISPOSITION), validated.route());
        assertEquals(new Route(Framework.A8, MARKET, MINISTRY, null, InvoiceStatus.MISE_A_DISPOSITION), dgd.route());
    }

    @Test
    void i30AWorksDraftOnAMarketWithoutItsMoe() {
        Market withoutMoe = new Market("M-NO-MOE", null, List.of(party(Role.MOA, MINISTRY, null), party(Role.TITULAIRE, HOLDER, null)),
                Set.of());
        RoutingControls noMoe = new RoutingControls(number -> Optional.of(withoutMoe));

        List<Finding> findings = noMoe.check(keys(HOLDER, MINISTRY, null, "A4", null, "M-NO-MOE", false), 1, "SUP001", DIRECTORY,
                PARTNERS).findings();

        assertEquals(List.of(ReasonCode.I30), codes(findings));
        assertTrue(findings.get(0).description().contains("goes to the MOE of market M-NO-MOE, whose sheet names none"), findings.toString());
        assertEquals(List.of(), codes(noMoe.check(keys(HOLDER, MINISTRY, null, "A8", null, "M-NO-MOE", false), 1, "SUP001",
                DIRECTORY, PARTNERS).findings()), "the DGD goes to the financial service: no MOE needed");
    }

    @Test
    void aSubcontractorsOrAJointContractorsInvoiceGoesToItsValidatorFirst() {
        InvoiceCheck sub = controls.check(keys(SUB, MINISTRY, "EJ-2026-000500", "A9", null, MARKET, false), 1, "SUP001", DIRECTORY,
                PARTNERS);
        InvoiceCheck plain = check(plain(null, null));

        assertEquals(List.of(), sub.findings());
        assertEquals(new Route(Framework.A9, MARKET, HOLDER, null, InvoiceStatus.A_VALIDER_1), sub.route());
        assertEquals(List.of(), codes(onMarket("A12", JOINT, "SUP001")));
        assertEquals(new Route(Framework.A1, null, MINISTRY, null, InvoiceStatus.MISE_A_DISPOSITION), plain.route());
    }

    @Test
    void theMoesPartnerIsNotAskedToBeConnectedToTheSupplier() {
        // I18 holds the supplier's own partner to the supplier; the MOE's partner sends for the MOE (I25 checks it)
        assertTrue(!codes(onMarket("A15", HOLDER, "MOE001")).contains(ReasonCode.I18));
    }
}
