package org.chorusedi.decision;

/** One reason a flow or an invoice is rejected: its code and a description naming the place. */
public record Finding(ReasonCode code, String description) {
}
