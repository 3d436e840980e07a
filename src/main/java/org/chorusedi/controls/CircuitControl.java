package org.chorusedi.controls;

import org.chorusedi.decision.ReasonCode;
import org.chorusedi.framework.Circuit;

/**
 * I30: a framework whose circuit the engine does not run yet (the works circuit) is refused rather than delivered as
 * a plain invoice, which would skip its MOE. Last
 * of the controls, and only for a document none of them refused: what else is wrong is worth more to its sender.
 */
public final class CircuitControl implements InvoiceControl {

    @Override
    public void check(InvoiceCheck invoice) {
        if (!invoice.findings().isEmpty()) {
            return;
        }
        invoice.framework().filter(framework -> framework.circuit() == Circuit.WORKS).ifPresent(framework ->
                invoice.reject(ReasonCode.I30, "framework " + framework + " (" + framework.label() + ") takes the "
                        + framework.circuit().name().toLowerCase(java.util.Locale.ROOT) + " circuit, which this engine does not run yet"));
    }
}
