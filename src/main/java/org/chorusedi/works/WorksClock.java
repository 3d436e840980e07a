package org.chorusedi.works;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.chorusedi.config.Configuration;
import org.chorusedi.config.InvalidSetting;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.ledger.InvoiceRow;

/**
 * The MOE's delay on a works draft (CCAG Travaux: 7 days from its receipt, as the engine timestamps it; a market's CCAP
 * may set another, {@code chorus.works.moe-delay-days}). A draft past its delay is flagged, never answered by the
 * engine: the tacit procedures (A22 to A25) are the parties' to take (docs/partners/frameworks-and-markets.md).
 */
public record WorksClock(Duration moeDelay) {

    /** The longest delay taken: ten years, far beyond any CCAP, and within what dates can hold. */
    private static final long MAX_DAYS = 3650;

    public static WorksClock read(Configuration c) {
        long days = c.number("chorus.works.moe-delay-days", 0);
        if (days > MAX_DAYS) {
            throw new InvalidSetting("chorus.works.moe-delay-days", Long.toString(days), "a whole number of days from 0 to " + MAX_DAYS);
        }
        return new WorksClock(Duration.ofDays(days));
    }

    /** When the MOE's delay on a draft (16) ends: from when the engine made it available to the MOE. */
    public OffsetDateTime deadline(InvoiceRow draft) {
        return draft.decidedAt().plus(moeDelay);
    }

    /** A draft still waiting for its MOE once its delay has passed. */
    public boolean late(InvoiceRow document, Instant now) {
        return document.status() == InvoiceStatus.A_TRAITER_MOE && deadline(document).toInstant().isBefore(now);
    }

    /** The time before which a draft still waiting is late. */
    public Instant lateBefore(Instant now) {
        return now.minus(moeDelay);
    }

    /** What the commands and the page say of a works document waiting for an answer; null for any other. */
    public String state(InvoiceRow document, Instant now) {
        if (document.status() == InvoiceStatus.A_TRAITER_MOE) {
            return "waiting for its MOE " + document.validator() + " since " + document.decidedAt() + ", its "
                    + moeDelay.toDays() + " days end " + deadline(document) + (late(document, now) ? ": LATE" : "");
        }
        if (document.status() == InvoiceStatus.A_VALIDER_MOA) {
            return "waiting for its MOA " + document.validator() + " since " + document.decidedAt();
        }
        return null;
    }
}
