package org.chorusedi.directory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The columns of the directory CSV file; the header names a column by its lower-case constant name. */
enum CsvColumn {
    IDENTIFIANT(Presence.REQUIRED),
    RAISON_SOCIALE(Presence.REQUIRED),
    ACTIF(Presence.REQUIRED),
    CODE_SERVICE_OBLIGATOIRE(Presence.REQUIRED),
    EJ_OBLIGATOIRE(Presence.REQUIRED),
    EJ_OU_CODE_SERVICE(Presence.REQUIRED),
    STATUT_MISE_EN_PAIEMENT_NON_REMONTE(Presence.REQUIRED),
    MOA(Presence.REQUIRED),
    // The rest of the structure (brief 2.3): a file may leave out any of them, which is no value.
    TYPE_IDENTIFIANT(Presence.OPTIONAL),
    MOA_UNIQUEMENT(Presence.OPTIONAL),
    ADRESSE(Presence.OPTIONAL),
    COMPLEMENT_ADRESSE(Presence.OPTIONAL),
    CODE_POSTAL(Presence.OPTIONAL),
    VILLE(Presence.OPTIONAL),
    PAYS(Presence.OPTIONAL),
    // The structure's previous SIRET: the row's structure replaces it (SIRET change).
    ANCIEN_IDENTIFIANT(Presence.OPTIONAL),
    // A file without services may leave out every service column.
    CODE_SERVICE(Presence.OPTIONAL),
    LIBELLE_SERVICE(Presence.OPTIONAL),
    SERVICE_ACTIF(Presence.WITH_CODE_SERVICE),
    SERVICE_EJ_OBLIGATOIRE(Presence.WITH_CODE_SERVICE),
    DATE_DEBUT_SERVICE(Presence.OPTIONAL),
    DATE_FIN_SERVICE(Presence.OPTIONAL);

    enum Presence { REQUIRED, OPTIONAL, WITH_CODE_SERVICE }

    final Presence presence;
    final String headerName;

    CsvColumn(Presence presence) {
        this.presence = presence;
        this.headerName = name().toLowerCase(Locale.ROOT);
    }

    /** The column of that (normalised) header name, if it is one of ours. */
    static Optional<CsvColumn> named(String headerName) {
        return Arrays.stream(values()).filter(column -> column.headerName.equals(headerName)).findFirst();
    }

    @Override
    public String toString() {
        return headerName;
    }
}
