package org.chorusedi.controls;

import org.chorusedi.directory.Structure;
import org.chorusedi.decision.ReasonCode;

/** I05-I06: a service code where the structure requires one, and only a known, active one. */
public final class ServiceCodeControl implements InvoiceControl {

    @Override
    public void check(InvoiceCheck invoice) {
        if (invoice.structure().isEmpty()) {
            return;
        }
        Structure structure = invoice.structure().get();
        String code = invoice.keys().serviceCode();
        if (code == null) {
            if (structure.serviceCodeRequired()) {
                invoice.reject(ReasonCode.I05, "recipient " + structure.identifier() + " requires a service code (BT-10)");
            }
            return;
        }
        if (invoice.service().isEmpty()) {
            invoice.reject(ReasonCode.I06, "service code '" + code + "' is unknown for recipient " + structure.identifier());
        } else if (!invoice.service().get().active()) {
            invoice.reject(ReasonCode.I06, "service code '" + code + "' of recipient " + structure.identifier() + " is inactive");
        }
    }
}
