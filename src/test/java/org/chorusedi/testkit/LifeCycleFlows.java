package org.chorusedi.testkit;

import java.util.Base64;

/** Life-cycle documents as partners write them: status flows (CPPStatut), recycling and completion requests. */
public final class LifeCycleFlows {

    private LifeCycleFlows() {
    }

    /** A status flow from a recipient's partner, holding these statuses (see {@link #status}). */
    public static String statuses(String partner, String... lines) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <CPPStatut Version="V1_19">
                  <Enveloppe><EnveloppeUnitaire NumOrdre="1">
                    <Parametres>
                      <ParametreIndiv NumOrdre="0001"><Code>DtPrd</Code><Valeurparametre>2026-11-28</Valeurparametre></ParametreIndiv>
                      <ParametreIndiv NumOrdre="0002"><Code>IdFlx</Code><Valeurparametre>ST-1</Valeurparametre></ParametreIndiv>
                    </Parametres>
                    <Partenaires><Recepteur><Id>CPP001</Id></Recepteur><Emetteur><Id>%s</Id></Emetteur></Partenaires>
                  </EnveloppeUnitaire></Enveloppe>
                """.formatted(partner));
        xml.append("  <CPPFactureStatuts compteur=\"").append(lines.length).append("\">\n");
        for (int i = 0; i < lines.length; i++) {
            xml.append(lines[i].replace("NumOrdre=\"?\"", "NumOrdre=\"" + (i + 1) + "\""));
        }
        return xml.append("  </CPPFactureStatuts>\n</CPPStatut>\n").toString();
    }

    /** One invoice's status; reason and mandate may be null. */
    public static String status(String supplier, String recipient, String number, String date, String code, String reason,
                                String mandate) {
        return """
                    <CPPFactureStatutUnitaire NumOrdre="?">
                      <Fournisseur><TypeIdentifiant>1</TypeIdentifiant><Identifiant>%s</Identifiant><RaisonSociale>Fournisseur</RaisonSociale></Fournisseur>
                      <Debiteur><TypeIdentifiant>1</TypeIdentifiant><Identifiant>%s</Identifiant></Debiteur>
                      <DonneesStatut>
                        <IdStatut>%s</IdStatut>%s
                        <Horodatage>2026-11-28T10:15:00.000+01:00</Horodatage>
                        <IdFacture>%s</IdFacture>
                        <DateFacture>%s</DateFacture>%s
                      </DonneesStatut>
                    </CPPFactureStatutUnitaire>
                """.formatted(supplier, recipient, code, reason == null ? "" : "\n          <ComplementStatut>" + reason + "</ComplementStatut>",
                number, date, mandate == null ? "" : "\n          <IdMandatDP>" + mandate + "</IdMandatDP>");
    }

    /** A recycling request for one invoice: its new recipient, service code and EJ (null: none). */
    public static String recycling(String supplier, String number, String date, String recipient, String serviceCode,
                                   String engagement) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <DemandeRecyclage xmlns="urn:chorus-edi:lifecycle:1.0">
                  <Recyclage>
                    <Facture><Fournisseur>%s</Fournisseur><NumeroFacture>%s</NumeroFacture><DateFacture>%s</DateFacture></Facture>
                    <Destinataire>%s</Destinataire>%s%s
                  </Recyclage>
                </DemandeRecyclage>
                """.formatted(supplier, number, date, recipient,
                serviceCode == null ? "" : "\n    <CodeService>" + serviceCode + "</CodeService>",
                engagement == null ? "" : "\n    <EngagementJuridique>" + engagement + "</EngagementJuridique>");
    }

    /** A completion request adding one attachment to one invoice. */
    public static String completion(String supplier, String number, String date, String name, byte[] content) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <DemandeComplement xmlns="urn:chorus-edi:lifecycle:1.0">
                  <Complement>
                    <Facture><Fournisseur>%s</Fournisseur><NumeroFacture>%s</NumeroFacture><DateFacture>%s</DateFacture></Facture>
                    <PieceJointe><Nom>%s</Nom><TypeMime>application/pdf</TypeMime><Contenu>%s</Contenu></PieceJointe>
                  </Complement>
                </DemandeComplement>
                """.formatted(supplier, number, date, name, Base64.getEncoder().encodeToString(content));
    }
}
