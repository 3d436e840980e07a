package org.chorusedi.recognition;

import org.chorusedi.decision.ReasonCode;

/** A PDF whose text cannot be read for recognition, for the sender's reason told by {@link #reason()}. */
public final class UnreadablePdf extends Exception {

    /** Why: each a separate outcome, so that a caller can give each its own code. */
    public enum Reason {
        /**
         * Over the size a PDF deposit may have ({@link PdfTextReader#MAX_DEPOSIT_BYTES} for the seed's deposit), or a page
         * read holding more text than an invoice's page ({@link PdfTextReader#MAX_PAGE_CHARACTERS}).
         */
        OVERSIZED,
        /** Not a PDF, cut short, or objects PDFBox cannot read. */
        BROKEN,
        /** Protected by a password or encrypted with permissions: its text is not read. */
        ENCRYPTED,
        /** The pages read hold no text: a scan or images, which the seed's first rule excludes. */
        NO_TEXT_LAYER
    }

    private final Reason reason;

    UnreadablePdf(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Its flow code (docs/partners/pdf-deposit.md): F15 no text, F02 oversized, F12 encrypted or broken. */
    public ReasonCode code() {
        return switch (reason) {
            case NO_TEXT_LAYER -> ReasonCode.F15;
            case OVERSIZED -> ReasonCode.F02;
            case ENCRYPTED, BROKEN -> ReasonCode.F12;
        };
    }

    /** Why, as its sender is told: for a PDF without text, the first rule of a readable PDF. */
    public String toSender() {
        return getMessage() + (reason == Reason.NO_TEXT_LAYER
                ? ": a PDF invoice must be a text PDF, not a scan or an image (the first rule of a readable PDF)" : "");
    }
}
