package org.chorusedi.lifecycle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which refusal reasons are amount errors (S09), and which are not: a refusal for another reason stops the circuit. */
class AmountErrorTest {

    @Test
    void anAmountAPriceSumsAdmittedOrACalculationAreAmountErrors() {
        for (String reason : List.of("Erreur de montant", "Montants erronés au poste 3", "MONTANT HT FAUX", "Prix unitaire non conforme",
                "Sommes admises inférieures", "sommes dues différentes", "Erreur de calcul sur la révision", "Wrong amount",
                "prices do not match the schedule", "sum of the lines is wrong")) {
            assertTrue(AmountError.named(reason), reason);
        }
    }

    @Test
    void otherReasonsAreNot() {
        for (String reason : List.of("Nous sommes en attente du PV de réception", "Travaux du lot 2 non réalisés",
                "Pièces justificatives manquantes", "Mauvais marché", "Démontage non prévu", "Attachement non signé",
                "Summary of works missing")) {
            assertFalse(AmountError.named(reason), reason);
        }
    }
}
