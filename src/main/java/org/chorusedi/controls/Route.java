package org.chorusedi.controls;

import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.framework.Framework;

/**
 * Where a delivered invoice goes first, and with which status: to its recipient (03), or, for a subcontractor's or a
 * joint contractor's invoice (A9, A12), to the validator its market names (13), who approves or refuses it.
 *
 * @param market      the market (BT-12) of a framework that has one; null otherwise
 * @param structure   the structure it is made available to: its recipient, or its validator
 * @param serviceCode that structure's service, or null
 */
public record Route(Framework framework, String market, String structure, String serviceCode, InvoiceStatus status) {

    /** True when the invoice waits for its validator before its recipient has it. */
    public boolean toValidator() {
        return status == InvoiceStatus.A_VALIDER_1;
    }
}
