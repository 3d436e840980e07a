package org.chorusedi.controls;

import java.util.Optional;
import org.chorusedi.decision.Finding;
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

    /**
     * What the invoice says of its framework, read once: the framework, or why there is none (I21, I22).
     *
     * @param framework empty when the invoice names a code that is no framework, or two that differ
     */
    record Reading(Optional<Framework> framework, Finding problem) {
    }

    /** The framework the invoice names, A1 when it names none. */
    static Reading read(InvoiceKeys keys) {
        for (String[] place : new String[][] {{"BT-23", keys.processId()}, {"BT-24", keys.specificationId()}}) {
            if (Framework.looksLikeCode(place[1]) && Framework.of(place[1]).isEmpty()) {
                return problem(ReasonCode.I21, place[0] + " names framework '" + place[1].strip() + "', which is none of A1 to A25");
            }
        }
        Optional<Framework> process = Framework.of(keys.processId());
        Optional<Framework> specification = Framework.of(keys.specificationId());
        if (process.isPresent() && specification.isPresent() && process.get() != specification.get()) {
            return problem(ReasonCode.I22, "BT-23 names framework " + process.get() + " and BT-24 names " + specification.get()
                    + ": give the framework once, in BT-23");
        }
        return new Reading(process.or(() -> specification).or(() -> Optional.of(Framework.A1)), null);
    }

    private static Reading problem(ReasonCode code, String detail) {
        return new Reading(Optional.empty(), new Finding(code, detail));
    }

    @Override
    public void check(InvoiceCheck invoice) {
        Reading reading = invoice.frameworkReading();
        if (reading.problem() != null) {
            invoice.reject(reading.problem().code(), reading.problem().description());
        } else if (reading.framework().get() == Framework.A2 && !invoice.keys().paidInFull()) {
            invoice.reject(ReasonCode.I23, "framework A2 (" + Framework.A2.label() + ") is for an invoice paid in full:"
                    + " its amount due for payment (BT-115) must be 0");
        }
    }
}
