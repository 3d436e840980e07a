package org.chorusedi.works;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chorusedi.cli.ChorusEdi;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.LifeCycleFlows;
import org.junit.jupiter.api.Test;

/**
 * One works market end to end through the running engine, on the project's own files: the contract holder's monthly
 * drafts go to the MOE (16); the MOE refuses one for a reason other than amounts (17, the circuit stops, the holder is
 * told), its refusal for an amount error is refused (S09), and it answers another with its interim statement with the
 * amounts it admits (A15, BT-25: the draft 18, the statement 19 at the MOA); the MOA validates it with its own (A19:
 * the statement 21, the A19 delivered to the financial service, 03), whose service then takes it up (07). A document
 * of the MOE's deposited by the holder is refused (I25), an answer to a refused draft too (I31); a draft waiting
 * beyond its 7 days is late. Every acknowledgement is valid against the project's CPPStatut schema.
 */
class WorksCircuitRouteTest extends EngineRouteTestSupport {

    private static final String HOLDER = InvoiceTemplate.SUPPLIER;
    private static final String MOE = "41234567000019";
    private static final String MOA = InvoiceTemplate.CITY;
    private static final String MARKET = "2026-TRAV-0042";
    private static final String EJ = "1000042001";
    private static final String DATE = "2026-11-20";

    @Test
    void aMonthlyStatementGoesFromTheHolderToTheMoeThenTheMoaThenTheFinancialService() throws Exception {
        Files.writeString(folders().directory().resolve("partenaires.csv"), "code_partenaire,nom,sens,identifiant\n"
                + "TIT001,Plateforme du titulaire,EMISSION," + HOLDER + "\n"
                + "MOE001,Maîtrise d'œuvre,EMISSION," + MOE + "\n"
                + "MOE001,Maîtrise d'œuvre,RECEPTION," + MOE + "\n"
                + "MOA001,Ville d'Exemple,EMISSION," + MOA + "\n"
                + "MOA001,Ville d'Exemple,RECEPTION," + MOA + "\n", StandardCharsets.UTF_8);
        Files.writeString(folders().directory().resolve("marches.csv"),
                "numero_marche,libelle,role,identifiant,code_service,valideur,cadres,engagements\n"
                + MARKET + ",Groupe scolaire,MOA," + MOA + ",,,," + EJ + "\n"
                + MARKET + ",Groupe scolaire,MOE," + MOE + ",,,,\n"
                + MARKET + ",Groupe scolaire,TITULAIRE," + HOLDER + ",,,,\n", StandardCharsets.UTF_8);
        engine.directoryDrop().importPending();

        InvoiceTemplate works = InvoiceTemplate.toMinistry().withRecipient(MOA).withServiceCode(null).withEngagement(EJ)
                .withContract(MARKET);
        InvoiceTemplate draft = works.withFramework("A4_PROJET_DECOMPTE_MENSUEL");
        FlowsDone drafts = flowsDone(1);
        drop("TIT001", "decomptes-novembre.xml", batch("TIT001", draft.withNumber("DM-03").withLines(3),
                draft.withNumber("DM-04"), draft.withNumber("DM-05"), works.withFramework("A15").withNumber("EA-FAUX").answering("DM-03")));
        await(drafts);

        Path moeOutbox = folders().outbox(MOE, null);
        assertEquals(3, files(moeOutbox).size(), "the three drafts with the MOE");
        assertEquals(List.of(), files(folders().out().resolve(MOA)), "the MOA has nothing yet");
        Path deposited = single(folders().ack("TIT001"), ".factures.xml");
        Acks.assertValid(deposited);
        assertEquals(List.of("16", "16", "16"), Acks.values(deposited, "//DonneesStatut/IdStatut"));
        assertEquals(List.of(MOE, MOE, MOE), Acks.values(deposited, "//Debiteur/Identifiant"));
        assertEquals(List.of("I25"), Acks.errorCodes(report("TIT001")), "the MOE's statement is the MOE's to deposit");
        InvoiceRow waiting = invoice("DM-03");
        assertEquals(InvoiceStatus.A_TRAITER_MOE, waiting.status());
        assertEquals(MOE, waiting.validator());
        assertEquals(MOA, waiting.recipient());
        WorksClock clock = new WorksClock(Duration.ofDays(7));
        assertFalse(clock.late(waiting, Instant.now()));
        assertTrue(clock.late(waiting, Instant.now().plus(Duration.ofDays(8))), "past its 7 days");
        assertTrue(clock.state(waiting, Instant.now().plus(Duration.ofDays(8))).endsWith(": LATE"));
        assertEquals(3, new LedgerQueries(testDatabase().dataSource()).countWorksWaiting(InvoiceStatus.A_TRAITER_MOE, null));
        clearAcks();

        // The MOE: no refusal for amounts; a refusal for another reason stops the circuit; its statement answers a draft.
        FlowsDone refusals = flowsDone(1);
        drop("MOE001", "refus.xml", LifeCycleFlows.statuses("MOE001",
                LifeCycleFlows.status(HOLDER, MOE, "DM-04", DATE, "17", "Erreur de montant sur le poste 3", null),
                LifeCycleFlows.status(HOLDER, MOE, "DM-05", DATE, "17", "Travaux du lot 2 non réalisés", null),
                LifeCycleFlows.status(HOLDER, MOE, "DM-03", DATE, "21", null, null)));
        await(refusals);
        Path refused = report("MOE001");
        Acks.assertValid(refused);
        assertEquals(List.of("S09", "S07"), Acks.errorCodes(refused));
        assertTrue(Acks.errorDescriptions(refused).get(0).contains("answer it with your own statement (A15 to A18)"),
                Acks.errorDescriptions(refused)::toString);
        Path told = single(folders().ack("TIT001"), ".factures.xml");
        Acks.assertValid(told);
        assertEquals(List.of("17"), Acks.values(told, "//DonneesStatut/IdStatut"));
        assertEquals("Travaux du lot 2 non réalisés", Acks.value(told, "//DonneesStatut/ComplementStatut"));
        assertEquals(InvoiceStatus.REFUSEE_MOE, invoice("DM-05").status());
        assertEquals(InvoiceStatus.A_TRAITER_MOE, invoice("DM-04").status(), "still the MOE's to answer");
        clearAcks();

        FlowsDone statements = flowsDone(1);
        InvoiceTemplate moeStatement = works.withFramework("A15").withLines(2);
        drop("MOE001", "etats-acompte.xml", batch("MOE001", moeStatement.withNumber("EA-03").answering("DM-03"),
                moeStatement.withNumber("EA-05").answering("DM-05"), moeStatement.withNumber("EA-06")));
        await(statements);
        Path moeReport = report("MOE001");
        Acks.assertValid(moeReport);
        assertEquals(List.of("I31", "I31"), Acks.errorCodes(moeReport), "a refused draft, and none named");
        assertTrue(Acks.errorDescriptions(moeReport).get(0).contains("it is 17 REFUSEE_MOE"), Acks.errorDescriptions(moeReport)::toString);
        Path moaOutbox = folders().outbox(MOA, null);
        assertEquals(1, files(moaOutbox).size(), "the MOE's statement with the MOA");
        assertTrue(Files.readString(files(moaOutbox).get(0)).contains("<cbc:ID>EA-03</cbc:ID>"));
        Path moeTold = single(folders().ack("MOE001"), ".factures.xml");
        Acks.assertValid(moeTold);
        assertEquals(List.of("19"), Acks.values(moeTold, "//DonneesStatut/IdStatut"));
        Path holderTold = single(folders().ack("TIT001"), ".factures.xml");
        Acks.assertValid(holderTold);
        assertEquals(List.of("18"), Acks.values(holderTold, "//DonneesStatut/IdStatut"));
        InvoiceRow answered = invoice("DM-03");
        assertEquals(InvoiceStatus.TRAITEE_MOE, answered.status());
        InvoiceRow statement = invoice("EA-03");
        assertEquals(InvoiceStatus.A_VALIDER_MOA, statement.status());
        assertEquals(answered.invoiceId(), statement.answers());
        assertTrue(answered.statusLines().get(2).contains(" 18 TRAITEE_MOE from MOE001")
                && answered.statusLines().get(2).contains("answered by A15 'EA-03' (" + statement.invoiceId() + ")"),
                answered.statusLines()::toString);
        assertNull(clock.state(answered, Instant.now()), "answered: no longer waiting");
        clearAcks();

        // The MOA validates the MOE's statement with its own, which goes to the financial service, then its life cycle.
        FlowsDone validation = flowsDone(1);
        drop("MOA001", "validation.xml", works.withFramework("A19").withNumber("AV-03")
                .withRecipient(MOA).answering("EA-03").ubl());
        await(validation);
        assertEquals("92", Acks.status(report("MOA001")), Acks.errorDescriptions(report("MOA001"))::toString);
        Path financialService = folders().outbox(MOA, null);
        assertEquals(2, files(financialService).size(), "the MOA's own statement beside the MOE's");
        assertEquals(InvoiceStatus.VALIDEE_MOA, invoice("EA-03").status());
        InvoiceRow payable = invoice("AV-03");
        assertEquals(InvoiceStatus.MISE_A_DISPOSITION, payable.status());
        assertEquals(statement.invoiceId(), payable.answers());
        Path moaTold = single(folders().ack("MOE001"), ".factures.xml");
        Acks.assertValid(moaTold);
        assertEquals(List.of("21"), Acks.values(moaTold, "//DonneesStatut/IdStatut"));
        Path holderToldValidated = single(folders().ack("TIT001"), ".factures.xml");
        Acks.assertValid(holderToldValidated);
        assertEquals(List.of("21"), Acks.values(holderToldValidated, "//DonneesStatut/IdStatut"), "the chain's holder follows it too");
        clearAcks();

        FlowsDone serviceDone = flowsDone(1);
        drop("MOA001", "service-fait.xml", LifeCycleFlows.statuses("MOA001",
                LifeCycleFlows.status(HOLDER, MOA, "AV-03", DATE, "07", null, null),
                LifeCycleFlows.status(HOLDER, MOA, "EA-03", DATE, "20", "Trop tard", null)));
        await(serviceDone);
        assertEquals(List.of("S03"), Acks.errorCodes(report("MOA001")), "validated: the MOA can no longer refuse it");
        assertEquals(InvoiceStatus.SERVICE_FAIT, invoice("AV-03").status());
        Path holderToldServiceDone = single(folders().ack("TIT001"), ".factures.xml");
        assertEquals(List.of("07"), Acks.values(holderToldServiceDone, "//DonneesStatut/IdStatut"), "its payment's steps too");
        assertEquals("TIT001", invoice("AV-03").chainPartner());

        // The commands: the linked documents, and the draft still with its MOE, late once its delay (0 days here) passed.
        engine.close();
        String url = "-Dchorus.db.url=" + engine.settings().database().url();
        String user = "-Dchorus.db.user=" + engine.settings().database().user();
        String noDelay = "-Dchorus.works.moe-delay-days=0";
        String shown = run("invoice", "--root", root.toString(), url, user, "EA-03");
        assertTrue(shown.contains("  answers     " + answered.invoiceId()) && shown.contains(" 21 VALIDEE_MOA from MOA001")
                && shown.contains("answered by A19 'AV-03' (" + payable.invoiceId() + ")"), shown);
        String late = run("invoice", "--root", root.toString(), url, user, noDelay, "DM-04");
        assertTrue(late.contains("  works       waiting for its MOE " + MOE + " since ") && late.contains(": LATE\n"), late);
        String flows = run("flows", "--root", root.toString(), url, user, noDelay);
        assertTrue(flows.contains("1 works draft(s) past their MOE's 0 days") && flows.contains(invoice("DM-04").invoiceId() + " A4 'DM-04'"),
                flows);
        assertTrue(!run("flows", "--root", root.toString(), url, user).contains("past their MOE's"), "within its 7 days");
        engine = null;
    }

    @Test
    void generatedDraftsAndTheMoesStatementsAnsweringThemGoThroughTheCircuit() throws Exception {
        // One operator sends for the contract holder and for the MOE: told of both in one statuses file.
        Files.writeString(folders().directory().resolve("partenaires.csv"), "code_partenaire,nom,sens,identifiant\n"
                + "OPE001,Opérateur des deux,EMISSION," + HOLDER + "\n"
                + "OPE001,Opérateur des deux,EMISSION," + MOE + "\n", StandardCharsets.UTF_8);
        Path drafts = root.resolve("generated-drafts.xml");
        Path statements = root.resolve("generated-statements.xml");
        String[] works = {"--syntax", "MIXED", "--invoices", "3", "--market", "M-GEN", "--recipient", MOA, "--service-code", "",
                "--engagement", EJ};
        assertEquals(0, ChorusEdi.execute(concat(works, "generate", "--partner", "OPE001", "--framework", "A4", "--number-prefix", "D",
                "--markets-file", folders().directory().resolve("marches.csv").toString(), drafts.toString())));
        assertEquals(0, ChorusEdi.execute(concat(works, "generate", "--partner", "OPE001", "--framework", "A15", "--number-prefix", "E",
                "--answering", "D", statements.toString())));
        engine.directoryDrop().importPending();

        FlowsDone first = flowsDone(1);
        drop("OPE001", "drafts.xml", Files.readString(drafts));
        await(first);
        clearAcks();
        FlowsDone second = flowsDone(1);
        drop("OPE001", "statements.xml", Files.readString(statements));
        await(second);

        assertEquals("92", Acks.status(report("OPE001")), Acks.errorDescriptions(report("OPE001"))::toString);
        Path told = single(folders().ack("OPE001"), ".factures.xml");
        Acks.assertValid(told);
        assertEquals(List.of("19", "19", "19", "18", "18", "18"), Acks.values(told, "//DonneesStatut/IdStatut"),
                "its statements delivered, and its drafts answered, in one file");
        for (int i = 1; i <= 3; i++) {
            assertEquals(InvoiceStatus.TRAITEE_MOE, invoice(String.format("D-%07d", i)).status());
            InvoiceRow statement = invoice(String.format("E-%07d", i));
            assertEquals(InvoiceStatus.A_VALIDER_MOA, statement.status());
            assertEquals(invoice(String.format("D-%07d", i)).invoiceId(), statement.answers());
        }
    }

    private static String[] concat(String[] common, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + common.length);
        System.arraycopy(common, 0, all, args.length, common.length);
        return all;
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, ChorusEdi.execute(args));
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String batch(String partner, InvoiceTemplate... invoices) {
        StringBuilder batch = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n"
                + "<Header><PartnerCode>" + partner + "</PartnerCode><FlowId>LOT-TRAVAUX</FlowId><CreatedAt>2026-12-06T10:00:00Z</CreatedAt>"
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
