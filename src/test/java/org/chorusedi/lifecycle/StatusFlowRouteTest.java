package org.chorusedi.lifecycle;

import static org.chorusedi.support.LifeCycleFlows.status;
import org.chorusedi.support.LifeCycleFlows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.support.Acks;
import org.chorusedi.support.EngineRouteTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Statuses from recipients through the running engine: every allowed transition, every forbidden one
 * with its code, for UBL and CII invoices and for invoices of a batch.
 */
class StatusFlowRouteTest extends EngineRouteTestSupport {

    private static final String SUPPLIER_PARTNER = "AAA001";
    private static final String RECIPIENT_PARTNER = "DEST01";
    private static final String DATE = "2026-11-20";
    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();

    private int sent;

    @Test
    void aUblInvoiceGoesThroughEveryOptionalStepToPayment() throws Exception {
        deliver("u.xml", MINISTRY.withNumber("U-1").ubl());
        String[][] steps = {{"07", null, null}, {"08", null, "M-2026-0042"}, {"09", null, null}, {"10", null, null}, {"11", null, null}};
        for (String[] step : steps) {
            Path report = sendStatuses(status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "U-1", DATE, step[0], step[1], step[2]));
            assertEquals("92", Acks.status(report), () -> step[0] + ": " + Acks.errorDescriptions(report));
            Path forwarded = forwardedFor(report);
            assertEquals(step[0], Acks.value(forwarded, "//DonneesStatut/IdStatut"));
            assertEquals("U-1", Acks.value(forwarded, "//IdFacture"));
        }
        assertEquals("M-2026-0042", Acks.value(forwardedOf(2), "//IdMandatDP"));
        assertEquals(List.of("03", "07", "08", "09", "10", "11"), statuses("U-1"));
    }

    @Test
    void optionalStepsMaySkipButNeverGoBackAndFinalStatusesStay() throws Exception {
        deliver("c.xml", MINISTRY.withNumber("C-1").cii());
        assertEquals("92", Acks.status(send("C-1", "09", null, null)), "07 and 08 skipped");
        Path back = send("C-1", "07", null, null);
        assertEquals("93", Acks.status(back));
        assertEquals(List.of("S03"), Acks.errorCodes(back));
        assertTrue(Acks.errorDescriptions(back).get(0).contains("09 MISE_A_DISPOSITION_COMPTABLE"), Acks.errorDescriptions(back)::toString);
        assertEquals("92", Acks.status(send("C-1", "11", null, null)));
        assertEquals(List.of("S03"), Acks.errorCodes(send("C-1", "05", "trop tard", null)), "11 is final");
        assertEquals(List.of("03", "09", "11"), statuses("C-1"));
    }

    @Test
    void rejectionAndSuspensionNeedAReasonMandateANumberAndRejectionIsFinal() throws Exception {
        deliver("b.xml", batch("B-1", "B-2"));
        assertEquals(List.of("S04"), Acks.errorCodes(send("B-1", "05", null, null)));
        assertEquals(List.of("S04"), Acks.errorCodes(send("B-2", "06", " ", null)));
        assertEquals(List.of("S05"), Acks.errorCodes(send("B-2", "08", null, null)));
        assertEquals("92", Acks.status(send("B-1", "05", "Montant erroné", null)));
        assertEquals("Montant erroné", Acks.value(forwardedOf(sent), "//ComplementStatut"));
        assertEquals(List.of("S03"), Acks.errorCodes(send("B-1", "07", null, null)), "05 is final");
        assertEquals(List.of("S03"), Acks.errorCodes(send("B-1", "04", null, null)), "05 is final");
        assertEquals("92", Acks.status(send("B-2", "06", "Bon de livraison manquant", null)));
        assertEquals(List.of("S03"), Acks.errorCodes(send("B-2", "07", null, null)), "a suspended invoice waits for its completion");
        assertEquals(List.of("03", "05"), statuses("B-1"));
        assertEquals(List.of("03", "06"), statuses("B-2"));
    }

    @Test
    void eachLineIsDecidedOnItsOwnAndTheSameStatusTwiceChangesNothing() throws Exception {
        deliver("u.xml", MINISTRY.withNumber("U-2").ubl());
        deliver("a.xml", MINISTRY.withNumber("A-1").withRecipient(InvoiceTemplate.AGENCY).withServiceCode(null).ubl());
        Path report = sendStatuses(
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "U-2", DATE, "07", null, null),
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "U-2", DATE, "07", null, null),
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "NOPE", DATE, "07", null, null),
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "U-2", "2025-01-01", "07", null, null),
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.CITY, "U-2", DATE, "07", null, null),
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "U-2", DATE, "03", null, null),
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "U-2", DATE, "12", null, null),
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.AGENCY, "A-1", DATE, "11", null, null),
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.AGENCY, "A-1", DATE, "10", null, null));
        assertEquals("96", Acks.status(report));
        assertEquals(List.of("S01", "S01", "S01", "S07", "S07", "S06"), Acks.errorCodes(report));
        assertEquals(2, Acks.values(forwardedFor(report), "//CPPFactureStatutUnitaire").size(), "07 once, and 10");
        assertEquals(List.of("03", "07"), statuses("U-2"));
        assertEquals("92", Acks.status(send("U-2", "07", null, null)), "sent again in another flow: accepted, nothing changes");
        assertEquals(List.of("03", "07"), statuses("U-2"));
        assertEquals(List.of("03", "10"), statuses("A-1"));
    }

    private void deliver(String name, String flow) throws Exception {
        FlowsDone done = flowsDone(1);
        drop(SUPPLIER_PARTNER, name, flow);
        await(done);
    }

    /** A batch of invoices to the ministry, UBL and CII in turn. */
    private static String batch(String... numbers) {
        String declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        StringBuilder batch = new StringBuilder(declaration + "<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n<Header><PartnerCode>"
                + SUPPLIER_PARTNER + "</PartnerCode><FlowId>LOT-1</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt><InvoiceCount>"
                + numbers.length + "</InvoiceCount></Header>\n");
        for (int i = 0; i < numbers.length; i++) {
            String invoice = i % 2 == 0 ? MINISTRY.withNumber(numbers[i]).ubl() : MINISTRY.withNumber(numbers[i]).cii();
            batch.append(invoice.substring(declaration.length()));
        }
        return batch.append("</Batch>\n").toString();
    }

    private Path send(String number, String code, String reason, String mandate) throws Exception {
        return sendStatuses(status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, number, DATE, code, reason, mandate));
    }

    /** Drops a status flow from the recipient's partner; returns its flow report. */
    private Path sendStatuses(String... lines) throws Exception {
        FlowsDone done = flowsDone(1);
        drop(RECIPIENT_PARTNER, "statuts-" + (++sent) + ".xml", LifeCycleFlows.statuses(RECIPIENT_PARTNER, lines));
        await(done);
        return reportOf(sent);
    }

    /** The flow report of the n-th status flow: named by the flow id its original is kept under. */
    private Path reportOf(int n) throws Exception {
        String kept = files(root).stream().map(p -> p.getFileName().toString()).filter(name -> name.endsWith("__statuts-" + n + ".xml"))
                .findFirst().orElseThrow();
        return folders().ack(RECIPIENT_PARTNER).resolve(kept.substring(0, kept.indexOf("__")) + ".flux.xml");
    }

    private Path forwardedFor(Path report) throws Exception {
        return single(folders().ack(SUPPLIER_PARTNER), report.getFileName().toString().replace(".flux.xml", ".factures.xml"));
    }

    private Path forwardedOf(int flow) throws Exception {
        return forwardedFor(reportOf(flow));
    }

    private List<String> statuses(String number) {
        List<Ledger.InvoiceEntry> invoices = ledger().invoices(number);
        assertEquals(1, invoices.size());
        return invoices.get(0).history().stream().skip(1).map(line -> line.split(" ")[1]).toList();
    }
}
