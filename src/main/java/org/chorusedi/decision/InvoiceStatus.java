package org.chorusedi.decision;

import java.util.Arrays;
import java.util.Optional;

/**
 * An invoice's statuses, as CPPStatut numbers them (IdStatut of CPPFactureStatuts): the engine's own
 * (01, 03, 13) and the life cycle after delivery (docs/partners/life-cycle.md).
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
    REFUSEE_1("15", "Refusée par le valideur");

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

    public static Optional<InvoiceStatus> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    /** "07 SERVICE_FAIT": how the ledger's history and the commands show a status. */
    @Override
    public String toString() {
        return code + " " + name();
    }
}
