package org.chorusedi.decision;

import java.util.Arrays;
import java.util.Optional;

/**
 * An invoice's statuses, as CPPStatut numbers them (IdStatut of CPPFactureStatuts): the engine's own
 * (01, 03, 13, 16, 19) and the life cycle after delivery (docs/partners/life-cycle.md).
 */
public enum InvoiceStatus {
    DEPOSEE("01", "Déposée"),
    EN_COURS_ACHEMINEMENT("02", "En cours d'acheminement"),
    MISE_A_DISPOSITION("03", "Mise à disposition du destinataire"),
    A_RECYCLER("04", "Rejetée pour erreur données acheminement"),
    REJETEE("05", "Rejetée par l'ordonnateur"),
    SUSPENDUE("06", "Suspendue"),
    SERVICE_FAIT("07", "Service fait"),
    MANDATEE("08", "Mandatée"),
    MISE_A_DISPOSITION_COMPTABLE("09", "Mise à disposition du comptable"),
    COMPTABILISEE("10", "Comptabilisée"),
    MISE_EN_PAIEMENT("11", "Mise en paiement"),
    COMPLETEE("12", "Complétée"),
    // The validation circuit of A9 and A12 (docs/partners/life-cycle.md): Chorus Pro names these A_VALIDER_1,
    // VALIDEE_1 and REFUSEE_1; its CPPStatut schema admits codes up to 41 without numbering them, so 13 to 15 are ours.
    A_VALIDER_1("13", "À valider par le valideur"),
    VALIDEE_1("14", "Validée par le valideur"),
    REFUSEE_1("15", "Refusée par le valideur"),
    // The works circuit (docs/partners/frameworks-and-markets.md), ours too: a draft waits for the MOE (16), who refuses it
    // (17) or answers it with its own statement (18); that statement waits for the MOA (19), who refuses it (20) or
    // validates it with its own (21).
    A_TRAITER_MOE("16", "À traiter par la maîtrise d'œuvre"),
    REFUSEE_MOE("17", "Refusée par la maîtrise d'œuvre"),
    TRAITEE_MOE("18", "Traitée par la maîtrise d'œuvre"),
    A_VALIDER_MOA("19", "À valider par la maîtrise d'ouvrage"),
    REFUSEE_MOA("20", "Refusée par la maîtrise d'ouvrage"),
    VALIDEE_MOA("21", "Validée par la maîtrise d'ouvrage");

    private final String code;
    private final String label;

    InvoiceStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** IdStatut: two digits. */
    public String code() {
        return code;
    }

    /** ComplementStatut when the sender gave no reason: at most 40 characters, as Chorus Pro's own. */
    public String label() {
        return label;
    }

    /** True when a party answers it before it is paid: its validator (13), the MOE (16), the MOA (19). */
    public boolean waitsForAnswer() {
        return this == A_VALIDER_1 || this == A_TRAITER_MOE || this == A_VALIDER_MOA;
    }

    public static Optional<InvoiceStatus> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    /** "07 SERVICE_FAIT": how the ledger's history and the commands show a status. */
    @Override
    public String toString() {
        return code + " " + name();
    }
}
