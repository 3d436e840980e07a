package org.chorusedi.routing;

import java.util.List;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.partner.PartnerLookup;

/** Every routing control, in the order their findings are reported. A new control is a new class here. */
public final class RoutingControls {

    private final List<InvoiceControl> controls = List.of(
            new InvoiceNumberControl(),
            new TypeCodeControl(),
            new FieldLengthControl(),
            new SupplierSiretControl(),
            new EmissionControl(),
            new RecipientControl(),
            new ServiceCodeControl(),
            new EngagementControl());

    /**
     * Runs every control on an invoice sent by that partner; the result holds every finding (none when
     * it can be delivered).
     */
    public InvoiceCheck check(InvoiceKeys keys, int index, String partner, DirectoryLookup directory,
            PartnerLookup partners) {
        InvoiceCheck invoice = new InvoiceCheck(keys, index, partner, directory, partners);
        controls.forEach(control -> control.check(invoice));
        return invoice;
    }
}
