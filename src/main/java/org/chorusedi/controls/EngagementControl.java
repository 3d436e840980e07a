package org.chorusedi.controls;

import org.chorusedi.directory.Structure;
import org.chorusedi.decision.ReasonCode;

/** I07-I08: the legal commitment (EJ, BT-13) where the structure or the service requires it. */
public final class EngagementControl implements InvoiceControl {

    @Override
    public void check(InvoiceCheck invoice) {
        if (invoice.structure().isEmpty() || invoice.keys().engagement() != null) {
            return;
        }
        Structure structure = invoice.structure().get();
        if (structure.engagementRequired()) {
            invoice.reject(ReasonCode.I07, "recipient " + structure.identifier() + " requires a legal commitment number (BT-13)");
        } else if (invoice.service().map(s -> s.engagementRequired()).orElse(false)) {
            invoice.reject(ReasonCode.I07, "service '" + invoice.keys().serviceCode() + "' requires a legal commitment number (BT-13)");
        }
        if (structure.engagementOrServiceCodeRequired() && invoice.keys().serviceCode() == null) {
            invoice.reject(ReasonCode.I08, "recipient " + structure.identifier()
                    + " requires a legal commitment number (BT-13) or a service code (BT-10)");
        }
    }
}
