package org.chorusedi.controls;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.market.Market;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.partner.PartnerLookup;

/** Every routing control, in the order their findings are reported. A new control is a new class here. */
public final class RoutingControls {

    private final List<InvoiceControl> controls = List.of(
            new InvoiceNumberControl(),
            new TypeCodeControl(),
            new FieldLengthControl(),
            new SupplierSiretControl(),
            new FrameworkControl(),
            new EmissionControl(),
            new RecipientControl(),
            new ServiceCodeControl(),
            new EngagementControl(),
            new MarketControl());

    /** The controls of the routing keys alone: what a recycling's new keys go through (I01 to I09, and a market's I24-I29). */
    private final List<InvoiceControl> routingKeyControls = List.of(
            new FieldLengthControl(),
            new RecipientControl(),
            new ServiceCodeControl(),
            new EngagementControl(),
            new MarketControl());

    private final MarketLookup markets;

    /** The controls, with the market registry that documents of a market are held against. */
    public RoutingControls(MarketLookup markets) {
        this.markets = markets;
    }

    /** The same controls asking the market registry once per market: the documents of a flow mostly name one. */
    public RoutingControls forOneFlow() {
        Map<String, Optional<Market>> known = new HashMap<>();
        return new RoutingControls(number -> known.computeIfAbsent(number, markets::market));
    }

    /**
     * Runs every control on an invoice sent by that partner; the result holds every finding (none when
     * it can be delivered).
     */
    public InvoiceCheck check(InvoiceKeys keys, int index, String partner, DirectoryLookup directory,
            PartnerLookup partners) {
        InvoiceCheck invoice = new InvoiceCheck(keys, index, partner, directory, partners, markets);
        controls.forEach(control -> control.check(invoice));
        return invoice;
    }

    /**
     * Runs the controls of the routing keys alone, on an invoice already delivered that is sent elsewhere
     * (its supplier and its sender were checked when it came).
     */
    public InvoiceCheck checkRoutingKeys(InvoiceKeys keys, String partner, DirectoryLookup directory) {
        InvoiceCheck invoice = new InvoiceCheck(keys, 1, partner, directory, PartnerLookup.OPEN, markets);
        routingKeyControls.forEach(control -> control.check(invoice));
        return invoice;
    }
}
