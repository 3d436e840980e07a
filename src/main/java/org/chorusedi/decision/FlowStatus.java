package org.chorusedi.decision;

import java.util.Arrays;
import java.util.Optional;

/**
 * A flow's status in its acknowledgement (CPPStatut's {@code StatutFlux}), with the complement Chorus Pro writes
 * beside it: every invoice or line accepted, some of them, or none (the flow rejected as a whole, or each of its
 * invoices or lines).
 */
public enum FlowStatus {

    ACCEPTED("92", "Reçu destinataire final"),
    PARTLY_ACCEPTED("96", "Reçu - intégration partielle"),
    REJECTED("93", "Erreur réception");

    private final String code;
    private final String complement;

    FlowStatus(String code, String complement) {
        this.code = code;
        this.complement = complement;
    }

    /** The status of a flow that accepted {@code accepted} of its {@code total} invoices or lines. */
    public static FlowStatus of(long accepted, long total, boolean rejectedAsWhole) {
        if (rejectedAsWhole || accepted == 0) {
            return REJECTED;
        }
        return accepted == total ? ACCEPTED : PARTLY_ACCEPTED;
    }

    /** The status of this code (92, 96, 93), if it is one. */
    public static Optional<FlowStatus> ofCode(String code) {
        return Arrays.stream(values()).filter(status -> status.code.equals(code)).findFirst();
    }

    /** 92, 96 or 93. */
    public String code() {
        return code;
    }

    /** The words beside the code in the acknowledgement. */
    public String complement() {
        return complement;
    }
}
