package org.chorusedi.directory;

/** The kind of identifier a structure has (Chorus Pro's typeIdentifiant, brief 2.3). */
public enum IdentifierType {
    SIRET,
    UE_HORS_FRANCE,
    HORS_UE,
    RIDET,
    TAHITI,
    AUTRE,
    PARTICULIER
}
