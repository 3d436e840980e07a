package org.chorusedi.controls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.Service;
import org.chorusedi.directory.Structure;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.framework.Circuit;
import org.chorusedi.framework.Framework;
import org.chorusedi.framework.Role;
import org.chorusedi.framework.WorksStep;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.market.MarketParty;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.decision.Finding;

/**
 * One invoice going through the routing controls: its keys, the directory entries they point to
 * (looked up once), the partner that sent it with the registry to check it against, its framework with the
 * market registry, and the findings the controls record.
 */
public final class InvoiceCheck {

    private final InvoiceKeys keys;
    private final String name;
    private final Optional<Structure> structure;
    private final Optional<Service> service;
    private final String partner;
    private final PartnerLookup partners;
    private final MarketLookup markets;
    private final FrameworkControl.Reading reading;
    private final List<Finding> findings = new ArrayList<>();

    public InvoiceCheck(InvoiceKeys keys, int index, String partner, DirectoryLookup directory, PartnerLookup partners,
            MarketLookup markets) {
        this.keys = keys;
        this.name = name(keys, index);
        this.structure = keys.recipientId() == null ? Optional.empty() : directory.structure(keys.recipientId());
        this.service = structure.isEmpty() || keys.serviceCode() == null
                ? Optional.empty()
                : directory.service(keys.recipientId(), keys.serviceCode());
        this.partner = partner;
        this.partners = partners;
        this.markets = markets;
        this.reading = FrameworkControl.read(keys);
    }

    /** How the error lines name an invoice: its number and its place in the flow. */
    public static String name(InvoiceKeys keys, int index) {
        return "invoice " + (keys.number() == null ? "(no number)" : "'" + keys.number() + "'") + " (document " + index + " of the flow)";
    }

    public InvoiceKeys keys() {
        return keys;
    }

    /** The recipient structure, when the directory knows it. */
    public Optional<Structure> structure() {
        return structure;
    }

    /** The service named by the invoice, when the recipient has it. */
    public Optional<Service> service() {
        return service;
    }

    /** The code of the partner that sent the invoice (its drop folder's name). */
    public String partner() {
        return partner;
    }

    /** The partner registry, as the emission check sees it. */
    public PartnerLookup partners() {
        return partners;
    }

    /**
     * Where the invoice goes once delivered: to the validator its market names for A9 and A12, to the market's MOE for
     * a works draft, to its MOA for an MOE's statement, else to its recipient. Read only for an invoice the controls
     * found nothing against (its market and its parties are known then).
     */
    public Route route() {
        Framework named = reading.framework().orElse(Framework.A1);
        String market = named.depositor().isPresent() ? keys.contractReference() : null;
        if (named.circuit() == Circuit.VALIDATION) {
            // MarketControl found the party, and the markets file gives each a validator: never delivered without one
            MarketParty party = markets.market(market).flatMap(m -> m.party(named.depositor().get(), keys.supplierId()))
                    .filter(p -> p.validatorId() != null)
                    .orElseThrow(() -> new IllegalStateException(named + " invoice " + keys.number() + " has no validator on market " + market));
            return new Route(named, market, party.validatorId(), party.validatorService(), InvoiceStatus.A_VALIDER_1);
        }
        WorksStep step = named.step().orElse(WorksStep.TO_PAYMENT);
        if (step != WorksStep.TO_PAYMENT) {
            // MarketControl found the market with its MOA, and its MOE for a draft (I30 otherwise)
            Role answering = step == WorksStep.TO_MOE ? Role.MOE : Role.MOA;
            MarketParty party = markets.market(market).flatMap(m -> m.the(answering))
                    .orElseThrow(() -> new IllegalStateException(named + " document " + keys.number() + " has no " + answering
                            + " on market " + market));
            return new Route(named, market, party.identifier(), party.serviceCode(),
                    step == WorksStep.TO_MOE ? InvoiceStatus.A_TRAITER_MOE : InvoiceStatus.A_VALIDER_MOA);
        }
        return new Route(named, market, keys.recipientId(), keys.serviceCode(), InvoiceStatus.MISE_A_DISPOSITION);
    }

    /** What a rejected invoice records of its route: its framework (A1 when it named none it could be read as), no validator. */
    public Route unrouted() {
        Framework named = reading.framework().orElse(Framework.A1);
        return new Route(named, named.depositor().isPresent() ? keys.contractReference() : null, keys.recipientId(),
                keys.serviceCode(), InvoiceStatus.MISE_A_DISPOSITION);
    }

    /** The market registry the framework's market is looked up in. */
    public MarketLookup markets() {
        return markets;
    }

    /** The invoicing framework the invoice names (A1 when none); empty when it names one wrongly (I21, I22). */
    public Optional<Framework> framework() {
        return reading.framework();
    }

    /** The framework as read, with why there is none when the invoice names one wrongly. */
    FrameworkControl.Reading frameworkReading() {
        return reading;
    }

    public void reject(ReasonCode code, String detail) {
        findings.add(new Finding(code, name + ": " + detail));
    }

    public List<Finding> findings() {
        return findings;
    }
}
