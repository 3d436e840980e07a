package org.chorusedi.controls;

import org.chorusedi.directory.Structure;
import org.chorusedi.decision.ReasonCode;

/** I01-I04: the recipient is named, is a SIRET, is in the directory and is active. */
public final class RecipientControl implements InvoiceControl {

    @Override
    public void check(InvoiceCheck invoice) {
        String recipient = invoice.keys().recipientId();
        if (recipient == null) {
            invoice.reject(ReasonCode.I01, "no recipient SIRET (buyer identifier with scheme 0009 or 1)");
            return;
        }
        if (!Siret.isFourteenDigits(recipient)) {
            invoice.reject(ReasonCode.I02, "recipient identifier '" + recipient + "' is not 14 digits");
            return;
        }
        // Membership decides: real directory identifiers fail Luhn, so none is checked here.
        if (invoice.structure().isEmpty()) {
            invoice.reject(ReasonCode.I03, "recipient " + recipient + " is not in the directory");
            return;
        }
        Structure structure = invoice.structure().get();
        if (!structure.active()) {
            invoice.reject(ReasonCode.I04, "recipient " + recipient + " (" + structure.name() + ") is inactive");
        }
    }
}
