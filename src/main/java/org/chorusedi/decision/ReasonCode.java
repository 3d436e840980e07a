package org.chorusedi.decision;

/**
 * The stable reason codes of the acknowledgements. They are part of the product's contract with
 * senders: never renumber one, only add.
 */
public enum ReasonCode {
    F01(Nature.FLUX, "Fichier vide"),
    F02(Nature.FLUX, "Flux trop volumineux"),
    F03(Nature.FLUX, "XML mal formé"),
    F04(Nature.FLUX, "DOCTYPE, déclaration d'entité, référence externe ou XInclude interdits"),
    F05(Nature.FLUX, "Document non pris en charge"),
    F06(Nature.FLUX, "Document non valide au regard de son schéma XSD"),
    F07(Nature.FLUX, "Nombre de factures du flux non conforme"),
    F08(Nature.FLUX, "Archive dangereuse ou corrompue"),
    F09(Nature.FLUX, "Flux déjà reçu (doublon)"),
    F10(Nature.FLUX, "Fichier non régulier refusé (lien, tube, périphérique)"),
    F11(Nature.FLUX, "Document au-delà d'une limite du moteur"),
    // A Factur-X flow (a PDF carrying its CII invoice): the PDF, then the file it embeds.
    F12(Nature.FLUX, "PDF illisible, tronqué ou chiffré"),
    F13(Nature.FLUX, "PDF sans facture embarquée (factur-x.xml)"),
    F14(Nature.FLUX, "Fichier embarqué non conforme (CII D16B attendu)"),
    // A plain PDF, its data recognised in its text (docs/partners/pdf-deposit.md).
    F15(Nature.FLUX, "PDF sans texte (numérisation, images) : données illisibles"),
    F16(Nature.FLUX, "PDF : données obligatoires non reconnues"),

    I01(Nature.FACTURE, "Identifiant du destinataire absent"),
    I02(Nature.FACTURE, "Identifiant du destinataire non conforme (14 chiffres attendus)"),
    I03(Nature.FACTURE, "Destinataire inconnu dans l'annuaire"),
    I04(Nature.FACTURE, "Structure destinataire inactive"),
    I05(Nature.FACTURE, "Code service obligatoire pour ce destinataire, absent"),
    I06(Nature.FACTURE, "Code service inconnu ou inactif pour ce destinataire"),
    I07(Nature.FACTURE, "Numéro d'engagement juridique obligatoire, absent"),
    I08(Nature.FACTURE, "Numéro d'engagement juridique ou code service obligatoire, tous deux absents"),
    I09(Nature.FACTURE, "Champ trop long"),
    I10(Nature.FACTURE, "Numéro de facture absent"),
    I11(Nature.FACTURE, "Type de facture non accepté"),
    I12(Nature.FACTURE, "SIRET du fournisseur invalide (clé de Luhn)"),
    I13(Nature.FACTURE, "Nom de pièce jointe non conforme"),
    I14(Nature.FACTURE, "Pièce jointe vide ou trop volumineuse"),
    I15(Nature.FACTURE, "Facture et pièces jointes trop volumineuses"),
    I16(Nature.FACTURE, "Facture non valide au regard de son schéma XSD"),
    I17(Nature.FACTURE, "Facture déjà reçue (doublon : même fournisseur, numéro et année)"),
    I18(Nature.FACTURE, "Fournisseur non raccordé en émission au partenaire émetteur"),
    I19(Nature.FACTURE, "Partenaire émetteur inconnu ou inactif"),
    I20(Nature.FACTURE, "Facture non conforme aux règles de gestion EN 16931"),
    // The invoicing framework (cadre de facturation, BT-23) and the market it belongs to (BT-12).
    I21(Nature.FACTURE, "Cadre de facturation inconnu"),
    I22(Nature.FACTURE, "Cadre de facturation ambigu (BT-23 et BT-24 divergent)"),
    I23(Nature.FACTURE, "Facture déjà payée (A2) avec un montant restant dû"),
    I24(Nature.FACTURE, "Marché absent ou inconnu du registre des marchés"),
    I25(Nature.FACTURE, "Cadre de facturation réservé à une autre partie du marché"),
    I26(Nature.FACTURE, "Cadre de facturation non ouvert à cette partie par la fiche du marché"),
    I27(Nature.FACTURE, "Destinataire différent du maître d'ouvrage du marché"),
    I28(Nature.FACTURE, "Structure destinataire sans maîtrise d'ouvrage pour les travaux"),
    I29(Nature.FACTURE, "Engagement juridique étranger au marché"),
    // The works circuit: until issue 23's works circuit was built, I30 refused every works document; it now names a
    // market whose sheet cannot carry the document (a draft with no MOE to go to).
    I30(Nature.FACTURE, "Circuit des travaux impossible : fiche du marché sans maîtrise d'œuvre"),
    I31(Nature.FACTURE, "Aucun document de travaux en attente ne correspond à la référence (BT-25)"),
    I32(Nature.FACTURE, "Document minimal sans sa facture PDF"),

    // A line of a life-cycle flow (a status, a recycling, a completion) refused on its own.
    S01(Nature.STATUT, "Facture inconnue ou non mise à disposition"),
    S02(Nature.STATUT, "Partenaire non raccordé en réception à la structure destinataire"),
    S03(Nature.STATUT, "Changement de statut non autorisé"),
    S04(Nature.STATUT, "Motif obligatoire absent"),
    S05(Nature.STATUT, "Numéro de mandat obligatoire absent"),
    S06(Nature.STATUT, "Structure ne remontant pas la mise en paiement"),
    S07(Nature.STATUT, "Statut non transmissible par un destinataire"),
    // No longer given (a request from a partner that did not send the invoice gets S01, as for no such invoice):
    // kept for the flows decided before, which name it.
    S08(Nature.STATUT, "Demande réservée au partenaire émetteur de la facture"),
    S09(Nature.STATUT, "Refus pour erreur de montant non admis : corriger les montants dans son propre état");

    /** NatureErreur of the CPPStatut error line. */
    public enum Nature { FLUX, FACTURE, STATUT }

    private final Nature nature;
    private final String label;

    ReasonCode(Nature nature, String label) {
        this.nature = nature;
        this.label = label;
    }

    public Nature nature() {
        return nature;
    }

    /** LibelleErreur: a fixed label per code, in French as Chorus Pro's own reports. */
    public String label() {
        return label;
    }
}
