package org.chorusedi.framework;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chorus Pro's invoicing frameworks (cadres de facturation): what a payment document is, who deposits it and
 * the road it takes (docs/partners/frameworks-and-markets.md). An invoice names its framework in BT-23; none is A1.
 */
public enum Framework {
    A1(null, Circuit.DIRECT, null, "facture de fournisseur"),
    A2(null, Circuit.DIRECT, null, "facture de fournisseur déjà payée"),
    A3(null, Circuit.DIRECT, null, "mémoire de frais de justice"),
    A4(Role.TITULAIRE, Circuit.WORKS, WorksStep.TO_MOE, "projet de décompte mensuel"),
    A5(Role.TITULAIRE, Circuit.WORKS, WorksStep.TO_MOE, "état d'acompte"),
    A6(Role.TITULAIRE, Circuit.WORKS, WorksStep.TO_PAYMENT, "état d'acompte validé"),
    A7(Role.TITULAIRE, Circuit.WORKS, WorksStep.TO_MOE, "projet de décompte final"),
    A8(Role.TITULAIRE, Circuit.WORKS, WorksStep.TO_PAYMENT, "décompte général et définitif"),
    A9(Role.SOUS_TRAITANT, Circuit.VALIDATION, null, "facture de sous-traitant"),
    A10(Role.SOUS_TRAITANT, Circuit.WORKS, WorksStep.TO_MOE, "projet de décompte mensuel de sous-traitant"),
    A11(Role.SOUS_TRAITANT, Circuit.WORKS, WorksStep.TO_MOE, "projet de décompte final de sous-traitant"),
    A12(Role.COTRAITANT, Circuit.VALIDATION, null, "facture de cotraitant"),
    A13(Role.COTRAITANT, Circuit.WORKS, WorksStep.TO_MOE, "projet de décompte mensuel de cotraitant"),
    A14(Role.COTRAITANT, Circuit.WORKS, WorksStep.TO_MOE, "projet de décompte final de cotraitant"),
    A15(Role.MOE, Circuit.WORKS, WorksStep.TO_MOA, "état d'acompte de la maîtrise d'œuvre"),
    A16(Role.MOE, Circuit.WORKS, WorksStep.TO_MOA, "état d'acompte validé par la maîtrise d'œuvre"),
    A17(Role.MOE, Circuit.WORKS, WorksStep.TO_MOA, "projet de décompte général de la maîtrise d'œuvre"),
    A18(Role.MOE, Circuit.WORKS, WorksStep.TO_MOA, "décompte général de la maîtrise d'œuvre"),
    A19(Role.MOA, Circuit.WORKS, WorksStep.TO_PAYMENT, "état d'acompte validé par la maîtrise d'ouvrage"),
    A20(Role.MOA, Circuit.WORKS, WorksStep.TO_PAYMENT, "décompte général de la maîtrise d'ouvrage"),
    A21(null, Circuit.DIRECT, null, "demande de remboursement de la TIC"),
    A22(Role.TITULAIRE, Circuit.WORKS, WorksStep.TO_MOA, "projet de décompte général, procédure tacite"),
    A23(Role.TITULAIRE, Circuit.WORKS, WorksStep.TO_PAYMENT, "décompte général et définitif tacite"),
    A24(Role.MOE, Circuit.WORKS, WorksStep.TO_PAYMENT, "décompte général et définitif tacite de la maîtrise d'œuvre"),
    A25(Role.MOA, Circuit.WORKS, WorksStep.TO_PAYMENT, "décompte général et définitif, procédure tacite de la maîtrise d'ouvrage");

    /**
     * A value meant as a framework code: A and a number, in any case, alone or followed by a separator and anything, as
     * Chorus Pro's API spells it (A1_FACTURE_FOURNISSEUR) or a writer might (a9 sous-traitant): read as a code, so
     * that a misspelt A9 is refused or taken as A9, never delivered as a plain invoice.
     */
    private static final Pattern CODE = Pattern.compile("A(\\d{1,3})(?:[_\\s\\-].*)?", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final Role depositor;
    private final Circuit circuit;
    private final WorksStep step;
    private final String label;

    Framework(Role depositor, Circuit circuit, WorksStep step, String label) {
        this.depositor = depositor;
        this.circuit = circuit;
        this.step = step;
        this.label = label;
    }

    /** The market party that deposits it; empty for a document outside any market (any supplier, A21's beneficiary). */
    public Optional<Role> depositor() {
        return Optional.ofNullable(depositor);
    }

    public Circuit circuit() {
        return circuit;
    }

    /** Where a works document goes (docs/partners/frameworks-and-markets.md); empty outside the works circuit. */
    public Optional<WorksStep> step() {
        return Optional.ofNullable(step);
    }

    /**
     * The frameworks of the documents it may answer (BT-25), in the step they wait in: an MOE's interim statement
     * (A15, A16) a monthly draft with the MOE, its general statement (A17, A18) a final draft; the MOA's validated
     * interim statement (A19) an MOE's interim statement, its general statement (A20) an MOE's general one or the
     * supplier's tacit draft (A22). Empty when it answers none: the tacit documents (A22 to A25) stand for the answer
     * that did not come.
     */
    public Set<Framework> answers() {
        return switch (this) {
            case A15, A16 -> EnumSet.of(A4, A5, A10, A13);
            case A17, A18 -> EnumSet.of(A7, A11, A14);
            case A19 -> EnumSet.of(A15, A16);
            case A20 -> EnumSet.of(A17, A18, A22);
            default -> EnumSet.noneOf(Framework.class);
        };
    }

    /** Its name, in French as Chorus Pro's portal names it. */
    public String label() {
        return label;
    }

    /** True when the value is meant as a framework code (A and a number), known or not. */
    public static boolean looksLikeCode(String value) {
        return value != null && CODE.matcher(trimmed(value)).matches();
    }

    /** Without the white space around it, a no-break space included. */
    private static String trimmed(String value) {
        return value.replace('\u00A0', ' ').strip();
    }

    /** The framework a value names, when it is one of A1 to A25 (alone or as the API spells it). */
    public static Optional<Framework> of(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher code = CODE.matcher(trimmed(value));
        if (!code.matches()) {
            return Optional.empty();
        }
        int number = Integer.parseInt(code.group(1));
        return number >= 1 && number <= values().length && code.group(1).charAt(0) != '0'
                ? Optional.of(values()[number - 1])
                : Optional.empty();
    }
}
