package org.chorusedi.controls;

import java.util.Optional;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.framework.Framework;
import org.chorusedi.invoice.InvoiceKeys;

/**
 * I21-I23: the invoicing framework the invoice names. It is read from BT-23 (UBL {@code cbc:ProfileID}, CII
 * {@code BusinessProcessSpecifiedDocumentContextParameter/ID}), and from BT-24 (UBL {@code cbc:CustomizationID}, CII
 * {@code GuidelineSpecifiedDocumentContextParameter/ID}) when BT-24 holds a framework code, as some writers put it
 * there. A BT-23 that is no framework code (a Peppol process, free text) or none at all is A1; a code that is no
 * framework (A26) is refused (I21), as are two codes that differ (I22); an A2 must owe nothing (I23).
 */
public final class FrameworkControl implements InvoiceControl {

    /** The framework the invoice names: empty when it names an unknown code or two that differ (this control says so). */
    static Optional<Framework> of(InvoiceKeys keys) {
        Optional<Framework> process = Framework.of(keys.processId());
        Optional<Framework> specification = Framework.of(keys.specificationId());
        if (unknown(keys.processId()) || unknown(keys.specificationId())) {
            return Optional.empty();
        }
        if (process.isPresent() && specification.isPresent() && process.get() != specification.get()) {
            return Optional.empty();
        }
        return process.or(() -> specification).or(() -> Optional.of(Framework.A1));
    }

    private static boolean unknown(String value) {
        return Framework.looksLikeCode(value) && Framework.of(value).isEmpty();
    }

    @Override
    public void check(InvoiceCheck invoice) {
        InvoiceKeys keys = invoice.keys();
        if (unknown(keys.processId())) {
            invoice.reject(ReasonCode.I21, "BT-23 names framework '" + keys.processId().strip() + "', which is none of A1 to A25");
            return;
        }
        if (unknown(keys.specificationId())) {
            invoice.reject(ReasonCode.I21, "BT-24 names framework '" + keys.specificationId().strip() + "', which is none of A1 to A25");
            return;
        }
        Optional<Framework> process = Framework.of(keys.processId());
        Optional<Framework> specification = Framework.of(keys.specificationId());
        if (process.isPresent() && specification.isPresent() && process.get() != specification.get()) {
            invoice.reject(ReasonCode.I22, "BT-23 names framework " + process.get() + " and BT-24 names " + specification.get()
                    + ": give the framework once, in BT-23");
            return;
        }
        if (invoice.framework().orElse(null) == Framework.A2 && !keys.paidInFull()) {
            invoice.reject(ReasonCode.I23, "framework A2 (" + Framework.A2.label() + ") is for an invoice paid in full:"
                    + " its amount due for payment (BT-115) must be 0");
        }
    }
}
