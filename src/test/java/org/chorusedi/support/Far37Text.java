package org.chorusedi.support;

/** FAR37 extracts written by hand, for tests: a header, structures, services. */
public final class Far37Text {

    public static final String NAMESPACE = "urn:chorus-edi:far37:1.0";

    private Far37Text() {
    }

    /** The start of a FAR37 extract up to its header; the caller adds the structures and {@code </FAR37>}. */
    public static String header(String type, String since, int count) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FAR37 xmlns=\"" + NAMESPACE + "\">\n<Entete>\n"
                + "<Emetteur>CPP002</Emetteur>\n<Abonne>AAA001</Abonne>\n<TypeExtrait>" + type + "</TypeExtrait>\n"
                + "<NumeroSequence>4</NumeroSequence>\n<DateGeneration>2025-03-02T01:00:00Z</DateGeneration>\n"
                + (since == null ? "" : "<Depuis>" + since + "</Depuis>\n")
                + "<NombreStructures>" + count + "</NombreStructures>\n</Entete>\n";
    }

    public static String structure(String identifier, String name, String status, String lastModified,
            String services) {
        return "<Structure>\n<Identifiant>" + identifier + "</Identifiant>\n<TypeIdentifiant>SIRET</TypeIdentifiant>\n"
                + "<RaisonSociale>" + name + "</RaisonSociale>\n<Statut>" + status + "</Statut>\n"
                + "<CodeServiceDoitEtreRenseigne>false</CodeServiceDoitEtreRenseigne>\n"
                + "<NumeroEJDoitEtreRenseigne>0</NumeroEJDoitEtreRenseigne>\n"
                + "<GestionNumeroEJOuCodeService> false </GestionNumeroEJOuCodeService>\n"
                + "<StatutMiseEnPaiementNestPasRemonte>false</StatutMiseEnPaiementNestPasRemonte>\n"
                + "<AvecMOA>1</AvecMOA>\n<EstMOAUniquement>false</EstMOAUniquement>\n"
                + "<DerniereMaj>" + lastModified + "</DerniereMaj>\n" + services + "</Structure>\n";
    }

    public static String service(String code, String status) {
        return "<Service>\n<CodeService>" + code + "</CodeService>\n<Statut>" + status + "</Statut>\n"
                + "<NumeroEJDoitEtreRenseigne>false</NumeroEJDoitEtreRenseigne>\n"
                + "<DerniereMaj>2025-01-01T00:00:00+01:00</DerniereMaj>\n</Service>\n";
    }
}
