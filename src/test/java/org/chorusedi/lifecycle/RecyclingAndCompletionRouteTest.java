package org.chorusedi.lifecycle;

import static org.chorusedi.testkit.LifeCycleFlows.completion;
import static org.chorusedi.testkit.LifeCycleFlows.recycling;
import static org.chorusedi.testkit.LifeCycleFlows.status;
import static org.chorusedi.testkit.LifeCycleFlows.statuses;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chorusedi.cli.ChorusEdi;
import org.chorusedi.generator.FacturXWriter;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.support.Acks;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Recycling (04 to 03 at a new recipient) and completion (06 to 12) through the running engine, with their
 * refusals: an invoice delivered to the wrong structure, sent back by that structure's partner, recycled by
 * its supplier's partner to the right one; a suspended invoice completed with an attachment.
 */
@SharedEngine
class RecyclingAndCompletionRouteTest extends EngineRouteTestSupport {

    private static final String SUPPLIER_PARTNER = "AAA001";
    private static final String OTHER_SUPPLIER_PARTNER = "BBB001";
    private static final String CITY_PARTNER = "VIL001";
    private static final String MINISTRY_PARTNER = "MIN001";
    private static final String DATE = "2026-11-20";
    private static final InvoiceTemplate TO_THE_CITY = InvoiceTemplate.toMinistry().withRecipient(InvoiceTemplate.CITY).withServiceCode(null);

    private int dropped;

    @Test
    void anInvoiceSentToTheWrongStructureIsRecycledToTheRightOneWithItsHistory() throws Exception {
        byte[] invoice = TO_THE_CITY.withNumber("R-1").ubl().getBytes(StandardCharsets.UTF_8);
        Path atTheCity = deliver(invoice);
        assertEquals("92", Acks.status(send(CITY_PARTNER, statuses(CITY_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.CITY, "R-1", DATE, "04", "Pas notre facture", null)))));

        Path report = send(SUPPLIER_PARTNER, recycling(InvoiceTemplate.SUPPLIER, "R-1", DATE, InvoiceTemplate.MINISTRY, "SCE-ACHATS", null));
        assertEquals("92", Acks.status(report), () -> Acks.errorDescriptions(report).toString());

        String invoiceId = atTheCity.getFileName().toString().replace(".xml", "");
        assertFalse(Files.exists(atTheCity), "the old recipient no longer has it");
        Path atTheMinistry = folders().outbox(InvoiceTemplate.MINISTRY, "SCE-ACHATS").resolve(invoiceId + ".xml");
        assertArrayEquals(invoice, Files.readAllBytes(atTheMinistry), "the same invoice, the same bytes, the same id");
        assertEquals(List.of(atTheMinistry), files(folders().out()), "in one outbox only");

        Path forwarded = forwardedFor(report);
        assertEquals("03", Acks.value(forwarded, "//DonneesStatut/IdStatut"));
        assertEquals(InvoiceTemplate.MINISTRY, Acks.value(forwarded, "//Debiteur/Identifiant"));
        assertEquals("SCE-ACHATS", Acks.value(forwarded, "//Debiteur/CodeService"));
        assertEquals("R-1", Acks.value(forwarded, "//IdFacture"));

        InvoiceRow entry = single(ledger().invoices("R-1"));
        assertEquals(InvoiceTemplate.MINISTRY, entry.recipient());
        assertEquals("SCE-ACHATS", entry.serviceCode());
        assertEquals(atTheMinistry, entry.outbox());
        assertEquals(List.of("01", "03", "04", "03"), codes(entry));
        assertTrue(entry.statusLines().get(3).contains("recycled from " + InvoiceTemplate.CITY + " / service - / EJ EJ-2026-000123 to "
                + InvoiceTemplate.MINISTRY + " / service SCE-ACHATS / EJ -"), entry.statusLines()::toString);

        assertEquals("92", Acks.status(send(MINISTRY_PARTNER, statuses(MINISTRY_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "R-1", DATE, "07", null, null)))),
                "its new recipient takes it from there");
        assertEquals(List.of("S01"), Acks.errorCodes(send(CITY_PARTNER, statuses(CITY_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.CITY, "R-1", DATE, "05", "non", null)))),
                "its old recipient has no say any more");
    }

    @Test
    void aRecyclingIsRefusedWhenTheInvoiceIsNotInFourOrNotThePartnersAsIfUnknownOrItsNewKeysFailAControl() throws Exception {
        Path atTheCity = deliver(TO_THE_CITY.withNumber("R-2").cii().getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("S03"), Acks.errorCodes(recycle(SUPPLIER_PARTNER, "R-2", InvoiceTemplate.MINISTRY, "SCE-ACHATS")),
                "an invoice in 03 cannot be recycled");
        send(CITY_PARTNER, statuses(CITY_PARTNER, status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.CITY, "R-2", DATE, "04", "Erreur", null)));

        Path fromAnother = recycle(OTHER_SUPPLIER_PARTNER, "R-2", InvoiceTemplate.MINISTRY, "SCE-ACHATS");
        Path noSuchInvoice = recycle(OTHER_SUPPLIER_PARTNER, "R-404", InvoiceTemplate.MINISTRY, "SCE-ACHATS");
        assertEquals(List.of("S01"), Acks.errorCodes(fromAnother), "another partner is told nothing of the invoice");
        assertEquals(Acks.errorDescriptions(noSuchInvoice), Acks.errorDescriptions(fromAnother).stream().map(d -> d.replace("R-2", "R-404")).toList(),
                "the same answer as for an invoice that does not exist");
        assertEquals(List.of("S01"), Acks.errorCodes(recycle(SUPPLIER_PARTNER, "R-404", InvoiceTemplate.MINISTRY, "SCE-ACHATS")));
        assertEquals(List.of("I03"), Acks.errorCodes(recycle(SUPPLIER_PARTNER, "R-2", "99999999999999", null)));
        assertEquals(List.of("I05"), Acks.errorCodes(recycle(SUPPLIER_PARTNER, "R-2", InvoiceTemplate.MINISTRY, null)));
        assertEquals(List.of("I02"), Acks.errorCodes(recycle(SUPPLIER_PARTNER, "R-2", "123", null)));

        assertTrue(Files.exists(atTheCity), "a refused recycling moves nothing");
        assertEquals(List.of("01", "03", "04"), codes(single(ledger().invoices("R-2"))), "it stays in 04");
    }

    @Test
    void anInvoiceItsRecipientAlreadyTookIsRecycledFromItsArchivedFlow() throws Exception {
        byte[] invoice = TO_THE_CITY.withNumber("R-3").cii().getBytes(StandardCharsets.UTF_8);
        Path atTheCity = deliver(invoice);
        send(CITY_PARTNER, statuses(CITY_PARTNER, status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.CITY, "R-3", DATE, "04", "Erreur", null)));
        Files.delete(atTheCity);

        assertEquals("92", Acks.status(recycle(SUPPLIER_PARTNER, "R-3", InvoiceTemplate.MINISTRY, "SCE-ACHATS")));
        Path atTheMinistry = folders().outbox(InvoiceTemplate.MINISTRY, "SCE-ACHATS").resolve(atTheCity.getFileName());
        assertArrayEquals(invoice, Files.readAllBytes(atTheMinistry));
        assertEquals(List.of(), files(folders().work()), "nothing is left staged");
    }

    @Test
    void aFacturXInvoiceIsRecycledWithItsPdf() throws Exception {
        Path pdf = FacturXWriter.write(TO_THE_CITY.withNumber("R-7"), root.resolve("samples/r7.pdf"));
        FlowsDone done = flowsDone(1);
        drop(SUPPLIER_PARTNER, "facture-r7.pdf", Files.readAllBytes(pdf));
        await(done);
        String invoiceId = single(folders().out(), ".xml").getFileName().toString().replace(".xml", "");
        send(CITY_PARTNER, statuses(CITY_PARTNER, status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.CITY, "R-7", DATE, "04", "Erreur", null)));

        assertEquals("92", Acks.status(recycle(SUPPLIER_PARTNER, "R-7", InvoiceTemplate.MINISTRY, "SCE-ACHATS")));
        Path ministry = folders().outbox(InvoiceTemplate.MINISTRY, "SCE-ACHATS");
        assertEquals(List.of(ministry.resolve(invoiceId + ".pdf"), ministry.resolve(invoiceId + ".xml")), files(folders().out()),
                "the XML and its PDF, in one outbox only");
        assertArrayEquals(Files.readAllBytes(pdf), Files.readAllBytes(ministry.resolve(invoiceId + ".pdf")));
    }

    @Test
    void aSuspendedInvoiceIsCompletedWithItsAttachmentsBesideIt() throws Exception {
        Path delivered = deliver(InvoiceTemplate.toMinistry().withNumber("S-1").ubl().getBytes(StandardCharsets.UTF_8));
        byte[] pdf = "%PDF-1.4 bon de livraison".getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of("S03"), Acks.errorCodes(complete(SUPPLIER_PARTNER, "S-1", "bon.pdf", pdf)), "an invoice in 03 is not completed");
        send(MINISTRY_PARTNER, statuses(MINISTRY_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "S-1", DATE, "06", "Bon de livraison manquant", null)));

        Path fromAnother = complete(OTHER_SUPPLIER_PARTNER, "S-1", "bon.pdf", pdf);
        Path noSuchInvoice = complete(OTHER_SUPPLIER_PARTNER, "S-404", "bon.pdf", pdf);
        assertEquals(List.of("S01"), Acks.errorCodes(fromAnother), "another partner is told nothing of the invoice");
        assertEquals(Acks.errorDescriptions(noSuchInvoice), Acks.errorDescriptions(fromAnother).stream().map(d -> d.replace("S-1", "S-404")).toList(),
                "the same answer as for an invoice that does not exist");
        assertEquals(List.of("I13"), Acks.errorCodes(complete(SUPPLIER_PARTNER, "S-1", "bon.exe", pdf)));
        assertEquals(List.of("I14"), Acks.errorCodes(complete(SUPPLIER_PARTNER, "S-1", "vide.pdf", new byte[0])));
        Path report = complete(SUPPLIER_PARTNER, "S-1", "bon.pdf", pdf);
        assertEquals("92", Acks.status(report), () -> Acks.errorDescriptions(report).toString());

        String invoiceId = delivered.getFileName().toString().replace(".xml", "");
        Path added = delivered.resolveSibling(invoiceId + ".pj2-1-bon.pdf");
        assertArrayEquals(pdf, Files.readAllBytes(added), "beside the invoice, named after it");

        // A second suspension, completed with an attachment whose name encodes longer than a file name may be.
        send(MINISTRY_PARTNER, statuses(MINISTRY_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "S-1", DATE, "06", "Encore une pièce", null)));
        String longName = "é".repeat(40) + ".pdf";
        Path again = complete(SUPPLIER_PARTNER, "S-1", longName, pdf);
        assertEquals("92", Acks.status(again), () -> Acks.errorDescriptions(again).toString());
        List<Path> all = files(delivered.getParent());
        List<Path> beside = all.stream().filter(p -> p.getFileName().toString().startsWith(invoiceId + ".pj4-1-")).toList();
        assertEquals(1, beside.size(), all::toString);
        assertTrue(beside.get(0).getFileName().toString().matches(java.util.regex.Pattern.quote(invoiceId) + "\\.pj4-1-[0-9a-f]{64}\\.pdf"),
                beside.get(0)::toString);
        assertEquals("12", Acks.value(forwardedFor(report), "//DonneesStatut/IdStatut"));
        assertEquals(List.of("01", "03", "06", "12", "06", "12"), codes(single(ledger().invoices("S-1"))));
        assertEquals("92", Acks.status(send(MINISTRY_PARTNER, statuses(MINISTRY_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "S-1", DATE, "07", null, null)))),
                "a completed invoice goes on as a delivered one");
    }

    @Test
    void theOperatorsCommandsRecycleAndCompleteThroughTheSameCodeAndShowTheHistory() throws Exception {
        Path atTheCity = deliver(TO_THE_CITY.withNumber("R-5").ubl().getBytes(StandardCharsets.UTF_8));
        send(CITY_PARTNER, statuses(CITY_PARTNER, status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.CITY, "R-5", DATE, "04", "Erreur", null)));
        FlowsDone recycled = flowsDone(1);
        assertEquals(0, command("invoice", "recycle", "R-5", "--siret", InvoiceTemplate.MINISTRY, "--service", "SCE-ACHATS",
                "--ej", "EJ-9"));
        await(recycled);
        Path atTheMinistry = folders().outbox(InvoiceTemplate.MINISTRY, "SCE-ACHATS").resolve(atTheCity.getFileName());
        assertTrue(Files.exists(atTheMinistry));
        assertFalse(Files.exists(atTheCity));

        send(MINISTRY_PARTNER, statuses(MINISTRY_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "R-5", DATE, "06", "PV de réception manquant", null)));
        Path pv = Files.writeString(root.resolve("pv-reception.pdf"), "%PDF-1.4 PV");
        FlowsDone completed = flowsDone(1);
        assertEquals(0, command("invoice", "complete", "R-5", pv.toString()));
        await(completed);
        List<Path> beside = files(atTheMinistry.getParent());
        assertTrue(beside.contains(atTheMinistry.resolveSibling(atTheMinistry.getFileName().toString().replace(".xml", "")
                + ".pj4-1-pv-reception.pdf")), beside::toString);

        String shown = output("invoice", "R-5");
        assertTrue(shown.contains("04 A_RECYCLER from VIL001"), shown);
        assertTrue(shown.contains("reason: Erreur"), shown);
        assertTrue(shown.contains("recycled from " + InvoiceTemplate.CITY), shown);
        assertTrue(shown.contains("to " + InvoiceTemplate.MINISTRY + " / service SCE-ACHATS / EJ EJ-9"), shown);
        assertTrue(shown.contains("12 COMPLETEE from AAA001"), shown);
        assertTrue(shown.contains("now 12 COMPLETEE"), shown);
        String listed = output("statuses", "--partner", CITY_PARTNER);
        assertTrue(listed.contains("04 A_RECYCLER") && listed.contains("1 status(es)"), listed);
        assertEquals(4, output("statuses", "--partner", SUPPLIER_PARTNER).lines().filter(l -> l.contains("R-5")).count(),
                "04, 03, 06 and 12 are about the supplier's invoice");
        assertEquals(2, command("invoice", "recycle", "R-404", "--siret", InvoiceTemplate.MINISTRY), "no such invoice: a usage error");
    }

    @Test
    void invoiceCompleteRefusesAFileOverTenMegabytesOrMissingNamingItWithoutAStackTrace() throws Exception {
        deliver(InvoiceTemplate.toMinistry().withNumber("S-2").ubl().getBytes(StandardCharsets.UTF_8));
        send(MINISTRY_PARTNER, statuses(MINISTRY_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "S-2", DATE, "06", "Bon de livraison manquant", null)));
        Path large = Files.write(root.resolve("bon-de-livraison.pdf"), new byte[10_000_001]);
        Path missing = root.resolve("pv-manquant.pdf");

        EngineCommand.Result tooLarge = EngineCommand.inProcess(withConfig("invoice", "complete", "S-2", large.toString()));
        EngineCommand.Result notThere = EngineCommand.inProcess(withConfig("invoice", "complete", "S-2", missing.toString()));

        assertAll(
                () -> assertEquals(2, tooLarge.status(), tooLarge::all),
                () -> assertTrue(tooLarge.err().startsWith(large + ": 10000001 bytes, an attachment has at most 10000000 (10 MB, I14)"),
                        tooLarge::all),
                () -> assertFalse(tooLarge.err().contains("\tat "), "no stack trace: " + tooLarge.all()),
                () -> assertEquals(2, notThere.status(), notThere::all),
                () -> assertTrue(notThere.err().startsWith(missing + ": not a file that can be read"), notThere::all),
                () -> assertFalse(notThere.err().contains("\tat "), "no stack trace: " + notThere.all()),
                () -> assertEquals(List.of(), files(folders().in().resolve(SUPPLIER_PARTNER)), "no request written"),
                () -> assertEquals(List.of("01", "03", "06"), codes(single(ledger().invoices("S-2")))));
    }

    @Test
    void invoiceShowsAKeyTheInvoiceHasNotAsNone() throws Exception {
        deliver(InvoiceTemplate.toMinistry().withNumber("N-1").withEngagement(null).ubl().getBytes(StandardCharsets.UTF_8));

        String shown = output("invoice", "N-1");

        assertTrue(shown.contains("  recipient   " + InvoiceTemplate.MINISTRY + ", service code SCE-ACHATS, EJ -\n"), shown);
        assertFalse(shown.contains("null"), shown);
    }

    @Test
    void statusesNameTheRecipientEachStatusWasSentForNotTheCurrentOne() throws Exception {
        deliver(TO_THE_CITY.withNumber("R-8").ubl().getBytes(StandardCharsets.UTF_8));
        send(CITY_PARTNER, statuses(CITY_PARTNER, status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.CITY, "R-8", DATE, "04", "Erreur", null)));
        assertEquals("92", Acks.status(recycle(SUPPLIER_PARTNER, "R-8", InvoiceTemplate.MINISTRY, "SCE-ACHATS")));
        send(MINISTRY_PARTNER, statuses(MINISTRY_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "R-8", DATE, "07", null, null)));

        List<String> listed = output("statuses").lines().filter(line -> line.contains(" R-8")).toList();

        assertEquals(3, listed.size(), listed::toString);
        assertTrue(listed.get(0).contains(" 07 SERVICE_FAIT ") && listed.get(0).contains(" " + InvoiceTemplate.MINISTRY + " "), listed::toString);
        assertTrue(listed.get(1).contains(" 03 MISE_A_DISPOSITION ") && listed.get(1).contains(" " + InvoiceTemplate.MINISTRY + " "),
                "a recycling: made available to the new recipient: " + listed);
        assertTrue(listed.get(2).contains(" 04 A_RECYCLER ") && listed.get(2).contains(" " + InvoiceTemplate.CITY + " "),
                "sent for the city, by its partner, before the recycling: " + listed);
    }

    @Test
    void validateGivesTheEnginesVerdictOnALifeCycleDocumentAndChangesNothing() throws Exception {
        deliver(TO_THE_CITY.withNumber("R-6").ubl().getBytes(StandardCharsets.UTF_8));
        Path suspension = Files.writeString(root.resolve("suspension.xml"), statuses(CITY_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.CITY, "R-6", DATE, "06", null, null)));
        Path recycling = Files.writeString(root.resolve("recyclage.xml"),
                recycling(InvoiceTemplate.SUPPLIER, "R-6", DATE, InvoiceTemplate.MINISTRY, "SCE-ACHATS", null));
        String refused = validate(1, "--partner", CITY_PARTNER, suspension.toString());
        assertTrue(refused.contains("<CodeErreur>S04</CodeErreur>"), refused);
        String notIn04 = validate(1, "--partner", SUPPLIER_PARTNER, recycling.toString());
        assertTrue(notIn04.contains("<CodeErreur>S03</CodeErreur>"), notIn04);
        Path fine = Files.writeString(root.resolve("service-fait.xml"), statuses(CITY_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.CITY, "R-6", DATE, "07", null, null)));
        assertTrue(validate(0, "--partner", CITY_PARTNER, fine.toString()).contains("<IdStatut>92</IdStatut>"));
        assertEquals(List.of("01", "03"), codes(single(ledger().invoices("R-6"))), "validate changes nothing");
        assertEquals(2, ChorusEdi.execute("validate", "--partner", CITY_PARTNER, fine.toString()), "without a root: a usage error");
    }

    private String validate(int expectedStatus, String... args) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream console = System.out;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new java.util.ArrayList<>(List.of("validate"));
            all.addAll(List.of(args));
            assertEquals(expectedStatus, ChorusEdi.execute(withConfig(all.toArray(String[]::new))));
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private int command(String... args) throws Exception {
        return ChorusEdi.execute(withConfig(args));
    }

    private String output(String... args) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream console = System.out;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, ChorusEdi.execute(withConfig(args)));
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String[] withConfig(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--root", root.toString(), "-Dchorus.db.url=" + databaseUrl(), "-Dchorus.db.user=" + TestDatabase.user()));
        return all.toArray(String[]::new);
    }

    /** Delivers one invoice from the supplier's partner; returns its outbox file. */
    private Path deliver(byte[] invoice) throws Exception {
        List<Path> before = files(folders().out());
        FlowsDone done = flowsDone(1);
        drop(SUPPLIER_PARTNER, "facture-" + (++dropped) + ".xml", invoice);
        await(done);
        List<Path> after = files(folders().out()).stream().filter(p -> !before.contains(p)).toList();
        assertEquals(1, after.size(), after::toString);
        return after.get(0);
    }

    private Path recycle(String partner, String number, String recipient, String serviceCode) throws Exception {
        return send(partner, recycling(InvoiceTemplate.SUPPLIER, number, DATE, recipient, serviceCode, null));
    }

    private Path complete(String partner, String number, String name, byte[] content) throws Exception {
        return send(partner, completion(InvoiceTemplate.SUPPLIER, number, DATE, name, content));
    }

    /** Drops a life-cycle document; returns its flow report. */
    private Path send(String partner, String document) throws Exception {
        FlowsDone done = flowsDone(1);
        String name = "cycle-" + (++dropped) + ".xml";
        drop(partner, name, document);
        await(done);
        String kept = files(root).stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith("__" + name)).findFirst().orElseThrow();
        return folders().ack(partner).resolve(kept.substring(0, kept.indexOf("__")) + ".flux.xml");
    }

    private Path forwardedFor(Path report) {
        return folders().ack(SUPPLIER_PARTNER).resolve(report.getFileName().toString().replace(".flux.xml", ".factures.xml"));
    }

    private static InvoiceRow single(List<InvoiceRow> invoices) {
        assertEquals(1, invoices.size(), invoices::toString);
        return invoices.get(0);
    }

    private static List<String> codes(InvoiceRow invoice) {
        return invoice.statusLines().stream().map(line -> line.split(" ")[1]).toList();
    }
}
