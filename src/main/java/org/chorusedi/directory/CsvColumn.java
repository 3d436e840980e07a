package org.chorusedi.directory;

import java.util.Locale;
import java.util.function.Consumer;

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

    /** A file with a service code gives each service's flags too: false, each missing column told to {@code problems}. */
    static boolean withCodeService(CsvHeader<CsvColumn> header, Consumer<String> problems) {
        boolean ok = true;
        for (CsvColumn column : values()) {
            if (column.presence == Presence.WITH_CODE_SERVICE && !header.has(column) && header.has(CODE_SERVICE)) {
                problems.accept("missing column " + column + ", required with column " + CODE_SERVICE);
                ok = false;
            }
        }
        return ok;
    }

    @Override
    public String toString() {
        return headerName;
    }
}
