package org.chorusedi.controls;

import java.util.Optional;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.directory.Structure;
import org.chorusedi.framework.Circuit;
import org.chorusedi.framework.Framework;
import org.chorusedi.framework.Role;
import org.chorusedi.framework.WorksStep;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.market.Market;
import org.chorusedi.market.MarketParty;
import org.chorusedi.partner.Direction;

/**
 * I24-I30: a document whose framework belongs to a market (every one but A1, A2, A3 and A21) is held against
 * that market's identity sheet, found by BT-12: the market is known (I24); its depositor has the framework's role
 * there (I25: for a supplier's framework, the invoice's supplier; for the MOE's and the MOA's, their structure
 * connected in emission to the sending partner); the sheet opens the framework to that party (I26); the recipient is
 * the market's MOA (I27), which the directory says takes part in works (I28, works documents); the EJ is one of
 * the market's (I29); a works draft has an MOE to go to (I30). Each refusal names the market and the rule.
 */
public final class MarketControl implements InvoiceControl {

    @Override
    public void check(InvoiceCheck invoice) {
        Optional<Framework> read = invoice.framework();
        if (read.isEmpty()) {
            return;
        }
        Framework framework = read.get();
        if (framework.depositor().isEmpty()) {
            plainInvoiceOfAValidatedParty(invoice, framework);
            return;
        }
        Role role = framework.depositor().get();
        InvoiceKeys keys = invoice.keys();
        String named = framework + " (" + framework.label() + ")";
        if (keys.contractReference() == null) {
            invoice.reject(ReasonCode.I24, "framework " + named + " belongs to a market: the invoice names none (BT-12)");
            return;
        }
        Optional<Market> found = invoice.markets().market(keys.contractReference());
        if (found.isEmpty()) {
            invoice.reject(ReasonCode.I24, "market '" + keys.contractReference() + "' (BT-12) is not in the market registry");
            return;
        }
        Market market = found.get();
        String ofMarket = " of market " + market.number();

        Optional<MarketParty> depositor = depositor(invoice, market, role);
        if (depositor.isEmpty()) {
            invoice.reject(ReasonCode.I25, framework + " is deposited by the " + role + ofMarket + ": "
                    + (role.supplier()
                            ? "supplier " + keys.supplierId() + " is not its " + role
                            : "its " + role + " " + market.the(role).map(MarketParty::identifier).orElse("(none named)")
                                    + " is not connected in emission to partner " + invoice.partner()));
            return;
        }
        if (!depositor.get().frameworks().contains(framework)) {
            invoice.reject(ReasonCode.I26, "the sheet" + ofMarket + " opens to " + role + " " + depositor.get().identifier()
                    + " only " + depositor.get().frameworks().stream().sorted().map(Enum::name).toList() + ", not " + framework);
        }
        if (!role.supplier() && !isSupplierOf(market, keys.supplierId())) {
            invoice.reject(ReasonCode.I25, "supplier " + keys.supplierId() + " named by the " + role + "'s " + framework
                    + " is no supplier" + ofMarket);
        }
        Optional<MarketParty> moa = market.the(Role.MOA);
        if (moa.isPresent() && keys.recipientId() != null && !moa.get().identifier().equals(keys.recipientId())) {
            invoice.reject(ReasonCode.I27, "recipient " + keys.recipientId() + " is not the MOA" + ofMarket + ", "
                    + moa.get().identifier());
        } else if (framework.circuit() == Circuit.WORKS && invoice.structure().map(s -> !s.moa()).orElse(false)) {
            Structure structure = invoice.structure().get();
            invoice.reject(ReasonCode.I28, "the directory says recipient " + structure.identifier() + " (" + structure.name()
                    + ") has no maîtrise d'ouvrage (moa false): works documents" + ofMarket + " cannot go to it");
        }
        if (!market.engagements().isEmpty() && keys.engagement() != null && !market.engagements().contains(keys.engagement())) {
            invoice.reject(ReasonCode.I29, "EJ " + keys.engagement() + " (BT-13) is not one of the commitments" + ofMarket
                    + " " + market.engagements().stream().sorted().toList());
        }
        if (framework.step().equals(Optional.of(WorksStep.TO_MOE)) && market.the(Role.MOE).isEmpty()) {
            invoice.reject(ReasonCode.I30, named + " goes to the MOE" + ofMarket + ", whose sheet names none: its drafts have"
                    + " no one to go to (add its MOE row to the markets file)");
        }
    }

    /**
     * I26: a plain invoice (A1, A2, A3, A21) naming a market on which its supplier is a joint contractor or a
     * subcontractor: its invoices there are A12 or A9, which go through its validator first.
     */
    private static void plainInvoiceOfAValidatedParty(InvoiceCheck invoice, Framework framework) {
        String contract = invoice.keys().contractReference();
        String supplier = invoice.keys().supplierId();
        if (contract == null || supplier == null) {
            return;
        }
        invoice.markets().market(contract).ifPresent(market -> market.parties().stream()
                .filter(party -> party.validatorId() != null && party.identifier().equals(supplier))
                .findFirst()
                .ifPresent(party -> invoice.reject(ReasonCode.I26, "the sheet of market " + market.number() + " opens to "
                        + party.role() + " " + supplier + " only " + party.frameworks().stream().sorted().map(Enum::name).toList()
                        + ", not " + framework + ": its invoices go through its validator " + party.validatorId())));
    }

    /** The party that deposits the document: the invoice's supplier, or the MOE or MOA the sending partner sends for. */
    private static Optional<MarketParty> depositor(InvoiceCheck invoice, Market market, Role role) {
        if (role.supplier()) {
            return invoice.keys().supplierId() == null ? Optional.empty() : market.party(role, invoice.keys().supplierId());
        }
        return market.the(role).filter(party ->
                invoice.partners().connected(invoice.partner(), party.identifier(), Direction.EMISSION));
    }

    private static boolean isSupplierOf(Market market, String supplier) {
        return supplier != null && market.parties().stream()
                .anyMatch(party -> party.role().supplier() && party.identifier().equals(supplier));
    }
}
