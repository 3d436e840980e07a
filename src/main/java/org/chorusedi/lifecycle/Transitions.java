package org.chorusedi.lifecycle;

import static org.chorusedi.decision.InvoiceStatus.A_RECYCLER;
import static org.chorusedi.decision.InvoiceStatus.A_TRAITER_MOE;
import static org.chorusedi.decision.InvoiceStatus.A_VALIDER_1;
import static org.chorusedi.decision.InvoiceStatus.A_VALIDER_MOA;
import static org.chorusedi.decision.InvoiceStatus.COMPTABILISEE;
import static org.chorusedi.decision.InvoiceStatus.MANDATEE;
import static org.chorusedi.decision.InvoiceStatus.MISE_A_DISPOSITION_COMPTABLE;
import static org.chorusedi.decision.InvoiceStatus.MISE_EN_PAIEMENT;
import static org.chorusedi.decision.InvoiceStatus.REFUSEE_1;
import static org.chorusedi.decision.InvoiceStatus.REFUSEE_MOA;
import static org.chorusedi.decision.InvoiceStatus.REFUSEE_MOE;
import static org.chorusedi.decision.InvoiceStatus.REJETEE;
import static org.chorusedi.decision.InvoiceStatus.SERVICE_FAIT;
import static org.chorusedi.decision.InvoiceStatus.SUSPENDUE;
import static org.chorusedi.decision.InvoiceStatus.VALIDEE_1;

import java.util.EnumSet;
import java.util.Set;
import org.chorusedi.decision.InvoiceStatus;

/**
 * The statuses a recipient, or the party that answers a document first (the validator of an A9 or A12 invoice, the
 * MOE of a works draft, the MOA of an MOE's statement), may send, and from where (docs/partners/life-cycle.md). 04 and 06 wait
 * for the supplier (a recycling makes the invoice 03 again, a completion 12); 05 and 11 are final; the
 * optional steps 07 to 10 may be skipped but never go backwards.
 */
final class Transitions {

    /** What a recipient's partner may send: 04 to 11. */
    static final Set<InvoiceStatus> FROM_RECIPIENTS = EnumSet.range(A_RECYCLER, MISE_EN_PAIEMENT);
    /**
     * What the partner of the party that answers a document first may send of it: its validator 14 (approved) or 15
     * (refused); the MOE 17 (refused: its approval is its own statement, A15 to A18); the MOA 20 (refused: its
     * validation is its own statement, A19 or A20).
     */
    static Set<InvoiceStatus> answers(InvoiceStatus waiting) {
        return switch (waiting) {
            case A_VALIDER_1 -> EnumSet.of(VALIDEE_1, REFUSEE_1);
            case A_TRAITER_MOE -> EnumSet.of(REFUSEE_MOE);
            case A_VALIDER_MOA -> EnumSet.of(REFUSEE_MOA);
            default -> EnumSet.noneOf(InvoiceStatus.class);
        };
    }

    private Transitions() {
    }

    static boolean allowed(InvoiceStatus from, InvoiceStatus to) {
        return switch (from) {
            case MISE_A_DISPOSITION, COMPLETEE -> FROM_RECIPIENTS.contains(to);
            case A_VALIDER_1, A_TRAITER_MOE, A_VALIDER_MOA -> answers(from).contains(to);
            case SUSPENDUE -> to == A_RECYCLER || to == REJETEE;
            case SERVICE_FAIT, MANDATEE, MISE_A_DISPOSITION_COMPTABLE, COMPTABILISEE ->
                    to.compareTo(from) > 0 && to.compareTo(MISE_EN_PAIEMENT) <= 0;
            default -> false;
        };
    }

    /** What the table of docs/partners/life-cycle.md says, for a refusal's description. */
    static String allowedFrom(InvoiceStatus from) {
        Set<InvoiceStatus> allowed = EnumSet.noneOf(InvoiceStatus.class);
        for (InvoiceStatus to : FROM_RECIPIENTS) {
            if (allowed(from, to)) {
                allowed.add(to);
            }
        }
        if (from == A_RECYCLER) {
            return "it waits for its supplier's recycling";
        }
        if (from.waitsForAnswer()) {
            return "from there only " + answers(from).stream().map(InvoiceStatus::code).toList();
        }
        return allowed.isEmpty() ? "it is final" : "from there only " + allowed.stream().map(InvoiceStatus::code).toList();
    }
}
