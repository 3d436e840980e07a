package org.chorusedi.controls;

import java.util.Set;
import org.chorusedi.decision.ReasonCode;

/** I11: the invoice type codes Chorus Pro accepts (brief section 3). */
public final class TypeCodeControl implements InvoiceControl {

    private static final Set<String> ACCEPTED = Set.of("380", "381", "384", "386", "389");

    @Override
    public void check(InvoiceCheck invoice) {
        String type = invoice.keys().typeCode();
        if (type == null) {
            invoice.reject(ReasonCode.I11, "no invoice type code (BT-3); accepted: 380, 381, 384, 386, 389");
        } else if (!ACCEPTED.contains(type)) {
            invoice.reject(ReasonCode.I11, "type code " + type + " is not accepted; accepted: 380, 381, 384, 386, 389");
        }
    }
}
