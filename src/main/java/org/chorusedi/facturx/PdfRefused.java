package org.chorusedi.facturx;

import org.chorusedi.decision.ReasonCode;

/** A Factur-X flow refused as a whole, for the sender's reason told by its code (F11, F12, F13). */
public final class PdfRefused extends Exception {

    private final ReasonCode code;

    PdfRefused(ReasonCode code, String message) {
        super(message);
        this.code = code;
    }

    public ReasonCode code() {
        return code;
    }
}
