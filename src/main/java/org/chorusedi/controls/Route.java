package org.chorusedi.controls;

import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.framework.Framework;

/**
 * Where a delivered invoice goes first, and with which status: to its recipient (03); for a subcontractor's or a
 * joint contractor's invoice (A9, A12), to the validator its market names (13), who approves or refuses it; for a
 * works draft, to the market's MOE (16); for an MOE's statement, to the MOA (19).
 *
 * @param market      the market (BT-12) of a framework that has one; null otherwise
 * @param structure   the structure it is made available to: its recipient, or the party that answers it first
 * @param serviceCode that structure's service, or null
 */
public record Route(Framework framework, String market, String structure, String serviceCode, InvoiceStatus status) {

    /** True when a party answers it before it is paid (13, 16, 19): that party is {@link #structure}. */
    public boolean waitsForAnswer() {
        return status.waitsForAnswer();
    }
}
