package org.chorusedi.dume;

/** The words of a DUME's page, in French and in English. */
enum DumeLabel {
    REQUEST("DUME : demande de l'acheteur", "ESPD: the buyer's request"),
    RESPONSE("DUME : réponse de l'opérateur économique", "ESPD: the economic operator's response"),
    REFUSED("DUME refusé", "ESPD refused"),
    REFUSED_INTRO("Ce fichier n'est pas un DUME valide (UBL 2.2, modèle ESPD). Ce qui ne va pas :",
            "This file is not a valid ESPD (UBL 2.2, ESPD data model). What is wrong:"),
    FILE("Fichier", "File"),
    LINE("Ligne", "Line"),
    COLUMN("Colonne", "Column"),
    PROBLEM("Problème", "Problem"),
    DOCUMENT("Document", "Document"),
    IDENTIFIER("Identifiant", "Identifier"),
    UUID("UUID", "UUID"),
    ISSUED("Émis le", "Issued"),
    VERSION("Version du modèle ESPD", "ESPD model version"),
    PROCEDURE("Procédure", "Procedure"),
    REFERENCE("Référence", "Reference"),
    TITLE("Intitulé", "Title"),
    DESCRIPTION("Description", "Description"),
    PROCEDURE_CODE("Type de procédure", "Type of procedure"),
    NOTICE("Avis de marché", "Contract notice"),
    LOTS("Lots", "Lots"),
    BUYER("Acheteur", "Buyer"),
    OPERATOR("Opérateur économique", "Economic operator"),
    NAME("Nom", "Name"),
    IDENTIFIERS("Identifiants", "Identifiers"),
    ADDRESS("Adresse", "Address"),
    COUNTRY("Pays", "Country"),
    WEBSITE("Site web", "Website"),
    CONTACT("Contact", "Contact"),
    EXCLUSION("Motifs d'exclusion", "Exclusion grounds"),
    SELECTION("Critères de sélection", "Selection criteria"),
    OTHER("Autres critères", "Other criteria"),
    CRITERIA_COUNT("critère(s)", "criterion(s)"),
    CODE("Code", "Code"),
    QUESTION("Question ou exigence", "Question or requirement"),
    TYPE("Type", "Type"),
    EXPECTED("Attendu", "Expected"),
    ANSWER("Réponse", "Answer"),
    NO_ANSWER("(pas de réponse)", "(no answer)"),
    YES("Oui", "Yes"),
    NO("Non", "No"),
    ALWAYS("Groupe", "Group"),
    IF_YES("Si oui", "If yes"),
    IF_NO("Si non", "If no"),
    NONE("(non renseigné)", "(not given)"),
    CONTENTS("Sommaire", "Contents");

    private final String french;
    private final String english;

    DumeLabel(String french, String english) {
        this.french = french;
        this.english = english;
    }

    String in(DumeLanguage language) {
        return language == DumeLanguage.FR ? french : english;
    }
}
