package org.chorusedi.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.framework.Framework;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.LifeCycleFlows;
import org.junit.jupiter.api.Test;

/**
 * The validation circuit of A9 and A12 through the running engine: a subcontractor's invoices go to the contract
 * holder's outbox first (13); the holder's partner approves one (14, then 03 at the ministry, which may then send its
 * statuses) and refuses the other (15, final); the subcontractor's partner is told each step; every acknowledgement
 * is valid against the project's CPPStatut schema. An engine of its own: the registries it imports stay.
 */
class ValidationCircuitRouteTest extends EngineRouteTestSupport {

    private static final String HOLDER = InvoiceTemplate.SUPPLIER;
    private static final String SUB = "44229377500031";
    private static final String DATE = "2026-11-20";

    @Test
    void theHolderApprovesOneInvoiceOfItsSubcontractorAndRefusesTheOther() throws Exception {
        Files.writeString(folders().directory().resolve("partenaires.csv"), "code_partenaire,nom,sens,identifiant\n"
                + "AAA001,Plateforme du sous-traitant,EMISSION," + SUB + "\n"
                + "VAL001,Plateforme du titulaire,RECEPTION," + HOLDER + "\n"
                + "MIN001,Ministère de test,RECEPTION," + InvoiceTemplate.MINISTRY + "\n", StandardCharsets.UTF_8);
        Files.writeString(folders().directory().resolve("marches.csv"),
                "numero_marche,libelle,role,identifiant,code_service,valideur,cadres,engagements\n"
                + "M-TEST-2,Maintenance,MOA," + InvoiceTemplate.MINISTRY + ",SCE-ACHATS,,,EJ-2026-000123\n"
                + "M-TEST-2,Maintenance,TITULAIRE," + HOLDER + ",,,,\n"
                + "M-TEST-2,Maintenance,SOUS_TRAITANT," + SUB + ",," + HOLDER + ",,\n", StandardCharsets.UTF_8);
        engine.directoryDrop().importPending();

        InvoiceTemplate a9 = InvoiceTemplate.toMinistry().withSupplier(SUB).withFramework("A9").withContract("M-TEST-2");
        FlowsDone deposited = flowsDone(1);
        drop("AAA001", "sous-traitance.xml", batch(a9.withNumber("F-V1"), a9.withNumber("F-V2")));
        await(deposited);

        Path validatorOutbox = folders().outbox(HOLDER, null);
        assertEquals(2, files(validatorOutbox).size(), "both with the validator");
        assertEquals(List.of(), files(folders().out().resolve(InvoiceTemplate.MINISTRY)), "the recipient has nothing yet");
        Path deposit = single(folders().ack("AAA001"), ".factures.xml");
        Acks.assertValid(deposit);
        assertEquals(List.of("13", "13"), Acks.values(deposit, "//DonneesStatut/IdStatut"));
        assertEquals(List.of(HOLDER, HOLDER), Acks.values(deposit, "//Debiteur/Identifiant"));
        InvoiceRow waiting = invoice("F-V1");
        assertEquals(InvoiceStatus.A_VALIDER_1, waiting.status());
        assertEquals(Framework.A9, waiting.framework());
        assertEquals("M-TEST-2", waiting.market());
        assertEquals(HOLDER, waiting.validator());
        assertEquals(InvoiceTemplate.MINISTRY, waiting.recipient(), "the recipient stays the invoice's own");

        // The ministry cannot act on an invoice it does not have yet; the validator sends no recipient's status.
        FlowsDone early = flowsDone(2);
        drop("MIN001", "trop-tot.xml", LifeCycleFlows.statuses("MIN001",
                LifeCycleFlows.status(SUB, InvoiceTemplate.MINISTRY, "F-V1", DATE, "07", null, null)));
        drop("VAL001", "service-fait.xml", LifeCycleFlows.statuses("VAL001",
                LifeCycleFlows.status(SUB, HOLDER, "F-V1", DATE, "07", null, null)));
        await(early);
        assertEquals(List.of("S01"), Acks.errorCodes(report("MIN001")));
        assertEquals(List.of("S07"), Acks.errorCodes(report("VAL001")));
        clearAcks();

        FlowsDone answered = flowsDone(1);
        drop("VAL001", "validation.xml", LifeCycleFlows.statuses("VAL001",
                LifeCycleFlows.status(SUB, HOLDER, "F-V1", DATE, "14", null, null),
                LifeCycleFlows.status(SUB, HOLDER, "F-V2", DATE, "15", null, null),
                LifeCycleFlows.status(SUB, HOLDER, "F-V2", DATE, "15", "Travaux non conformes au devis", null)));
        await(answered);

        Path answer = report("VAL001");
        Acks.assertValid(answer);
        assertEquals("96", Acks.status(answer));
        assertEquals(List.of("S04"), Acks.errorCodes(answer), "a refusal without its reason");
        Path toMinistry = folders().outbox(InvoiceTemplate.MINISTRY, "SCE-ACHATS");
        assertEquals(1, files(toMinistry).size(), "the approved invoice is with its recipient");
        assertEquals(1, files(validatorOutbox).size(), "and no longer with its validator: the refused one stays there");
        assertTrue(Files.readString(files(toMinistry).get(0)).contains("<cbc:ID>F-V1</cbc:ID>"));
        Path told = single(folders().ack("AAA001"), ".factures.xml");
        Acks.assertValid(told);
        assertEquals(List.of("14", "03", "15"), Acks.values(told, "//DonneesStatut/IdStatut"));
        assertEquals(List.of(HOLDER, InvoiceTemplate.MINISTRY, HOLDER), Acks.values(told, "//Debiteur/Identifiant"));
        assertEquals("Travaux non conformes au devis", Acks.values(told, "//DonneesStatut/ComplementStatut").get(2));
        assertEquals(InvoiceStatus.MISE_A_DISPOSITION, invoice("F-V1").status());
        assertEquals(InvoiceStatus.REFUSEE_1, invoice("F-V2").status());
        clearAcks();

        // Approved, the invoice is the ministry's: its statuses are taken; the refused one is final.
        FlowsDone serviceDone = flowsDone(1);
        drop("MIN001", "service-fait.xml", LifeCycleFlows.statuses("MIN001",
                LifeCycleFlows.status(SUB, InvoiceTemplate.MINISTRY, "F-V1", DATE, "07", null, null)));
        await(serviceDone);
        FlowsDone after = flowsDone(1);
        drop("VAL001", "revalidation.xml", LifeCycleFlows.statuses("VAL001",
                LifeCycleFlows.status(SUB, HOLDER, "F-V2", DATE, "14", null, null),
                LifeCycleFlows.status(SUB, HOLDER, "F-V1", DATE, "14", null, null),
                LifeCycleFlows.status(SUB, HOLDER, "F-V1", DATE, "15", "Trop tard", null)));
        await(after);
        assertEquals("92", Acks.status(report("MIN001")));
        // the refused one is final; the approval sent again changes nothing; a refusal after it comes too late
        assertEquals(List.of("S03", "S03"), Acks.errorCodes(report("VAL001")));
        List<String> refusals = Acks.errorDescriptions(report("VAL001"));
        assertTrue(refusals.get(0).contains("it is final"), refusals::toString);
        assertTrue(refusals.get(1).contains("its validator approved it (14): it is its recipient's now, 07 SERVICE_FAIT"), refusals::toString);
        List<String> history = invoice("F-V1").statusLines();
        assertTrue(history.get(1).endsWith(" 13 A_VALIDER_1"), history::toString);
        assertTrue(history.get(2).contains(" 14 VALIDEE_1 from VAL001") && history.get(3).contains(" 03 MISE_A_DISPOSITION from VAL001")
                && history.get(3).contains("validated by " + HOLDER) && history.get(4).contains(" 07 SERVICE_FAIT from MIN001"),
                history::toString);
        assertFalse(Files.exists(validatorOutbox.resolve(invoice("F-V1").invoiceId() + ".xml")));
    }

    private static String batch(InvoiceTemplate... invoices) {
        StringBuilder batch = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n"
                + "<Header><PartnerCode>AAA001</PartnerCode><FlowId>LOT-A9</FlowId><CreatedAt>2026-12-06T10:00:00Z</CreatedAt>"
                + "<InvoiceCount>" + invoices.length + "</InvoiceCount></Header>\n");
        for (InvoiceTemplate invoice : invoices) {
            batch.append(invoice.ubl().substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".length()));
        }
        return batch.append("</Batch>\n").toString();
    }

    private InvoiceRow invoice(String number) {
        List<InvoiceRow> found = new LedgerQueries(testDatabase().dataSource()).invoices(number);
        assertEquals(1, found.size(), number);
        return found.get(0);
    }

    /** The one flow report in that partner's acknowledgements. */
    private Path report(String partner) throws Exception {
        return single(folders().ack(partner), ".flux.xml");
    }

    private void clearAcks() throws Exception {
        for (Path ack : files(folders().ack())) {
            Files.delete(ack);
        }
    }
}
