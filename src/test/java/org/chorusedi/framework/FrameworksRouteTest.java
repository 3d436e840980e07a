package org.chorusedi.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.junit.jupiter.api.Test;

/**
 * Frameworks through the running engine, the EN 16931 rules on: a batch of one invoice per way of naming a framework,
 * each delivered or refused with its code, the acknowledgements valid against the project's CPPStatut schema.
 */
@SharedEngine
class FrameworksRouteTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private static String body(String document) {
        return document.substring(DECLARATION.length());
    }

    @Test
    void eachInvoiceOfABatchIsDeliveredOrRefusedByItsFramework() throws Exception {
        String batch = DECLARATION + "<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n"
                + "<Header><PartnerCode>AAA001</PartnerCode><FlowId>LOT-CADRES</FlowId><CreatedAt>2026-12-06T10:00:00Z</CreatedAt>"
                + "<InvoiceCount>7</InvoiceCount></Header>\n"
                + body(MINISTRY.withNumber("F-PEPPOL").withFramework("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0").ubl())
                + body(MINISTRY.withNumber("F-A2-PAID").withFramework("A2").paid().cii())
                + body(MINISTRY.withNumber("F-A2-DUE").withFramework("A2_FACTURE_FOURNISSEUR_DEJA_PAYEE").ubl())
                + body(MINISTRY.withNumber("F-A26").withFramework("A26").cii())
                + body(MINISTRY.withNumber("F-TWO").withFramework("A3").cii()
                        .replace("<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", "<ram:ID>A1</ram:ID>"))
                + body(MINISTRY.withNumber("F-A9").withFramework("A9").ubl())
                + body(MINISTRY.withNumber("F-A15").withFramework("A15").withContract("M-INCONNU").ubl())
                + "</Batch>\n";
        FlowsDone done = flowsDone(1);
        drop("AAA001", "cadres.xml", batch);
        await(done);

        Path report = single(folders().ack("AAA001"), ".flux.xml");
        Path statuses = single(folders().ack("AAA001"), ".factures.xml");
        Acks.assertValid(report);
        Acks.assertValid(statuses);
        assertEquals("96", Acks.status(report));
        assertEquals(List.of("I23", "I21", "I22", "I24", "I24"), Acks.errorCodes(report));
        List<String> lines = Acks.errorDescriptions(report);
        assertTrue(lines.get(0).startsWith("invoice 'F-A2-DUE' (document 3 of the flow): framework A2"), lines::toString);
        assertTrue(lines.get(1).contains("'F-A26'") && lines.get(1).contains("BT-23 names framework 'A26'"), lines::toString);
        assertTrue(lines.get(2).contains("'F-TWO'") && lines.get(2).contains("BT-23 names framework A3 and BT-24 names A1"), lines::toString);
        assertTrue(lines.get(3).contains("'F-A9'") && lines.get(3).contains("the invoice names none (BT-12)"), lines::toString);
        assertTrue(lines.get(4).contains("'F-A15'") && lines.get(4).contains("market 'M-INCONNU'"), lines::toString);
        assertEquals(List.of("F-PEPPOL", "F-A2-PAID"), Acks.values(statuses, "//CPPFactureStatutUnitaire/DonneesStatut/IdFacture"));
        assertEquals(2, files(folders().out().resolve(InvoiceTemplate.MINISTRY)).size());
    }
}
