package org.chorusedi.lifecycle;

import static org.chorusedi.testkit.LifeCycleFlows.status;
import org.chorusedi.testkit.LifeCycleFlows;
import org.chorusedi.support.SharedReference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.chorusedi.testkit.TestFlows;
import org.junit.jupiter.api.Test;

/**
 * Statuses from recipients through the running engine: every allowed transition, every forbidden one
 * with its code, for UBL and CII invoices and for invoices of a batch. One engine for all (the kit empties the
 * ledger between methods); the partner deactivated mid-test is in {@link DeactivatedRecipientStatusRouteTest}.
 */
@SharedEngine
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
        deliver("b.xml", TestFlows.batch(SUPPLIER_PARTNER, MINISTRY.withNumber("B-1"), MINISTRY.withNumber("B-2")));
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
        assertEquals(List.of("S01", "S01", "S02", "S07", "S07", "S06"), Acks.errorCodes(report));
        assertEquals(2, Acks.values(forwardedFor(report), "//CPPFactureStatutUnitaire").size(), "07 once, and 10");
        assertEquals(List.of("03", "07"), statuses("U-2"));
        assertEquals("92", Acks.status(send("U-2", "07", null, null)), "sent again in another flow: accepted, nothing changes");
        assertEquals(List.of("03", "07"), statuses("U-2"));
        assertEquals(List.of("03", "10"), statuses("A-1"));
    }

    @Test
    void aStatusFlowItsSchemaRefusesIsRejectedAsAWholeWithTheCodeOfAnyFlow() throws Exception {
        deliver("u.xml", MINISTRY.withNumber("U-3").ubl());
        String good = LifeCycleFlows.statuses(RECIPIENT_PARTNER,
                status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "U-3", DATE, "07", null, null));
        assertEquals(List.of("F06"), Acks.errorCodes(sendDocument(good.replace("<IdStatut>07<", "<IdStatut>99<"))));
        assertTrue(Acks.errorDescriptions(reportOf(sent)).get(0).matches("statuts-\\d+\\.xml: line \\d+, column \\d+: .*99.*"),
                Acks.errorDescriptions(reportOf(sent))::toString);
        assertEquals(List.of("F04"), Acks.errorCodes(sendDocument(good.replace("<CPPStatut ",
                "<!DOCTYPE CPPStatut [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<CPPStatut "))));
        assertEquals(List.of("F03"), Acks.errorCodes(sendDocument(good.substring(0, good.length() / 2))));
        String flowReport = Files.readString(reportOf(sent));
        assertEquals(List.of("F05"), Acks.errorCodes(sendDocument(flowReport)), "a flow report is not a status flow");
        assertEquals(List.of("03"), statuses("U-3"), "nothing changed");
        assertEquals(List.of(), files(folders().in()));
        assertEquals(List.of(), files(folders().work()));
    }

    @Test
    void theDocumentsExchangedAreValidAgainstChorusProsSchema() throws Exception {
        deliver("u.xml", MINISTRY.withNumber("U-4").ubl());
        Path report = send("U-4", "08", null, "M-1");
        SharedReference.assertValidCppStatut(Files.readAllBytes(report));
        SharedReference.assertValidCppStatut(Files.readAllBytes(forwardedFor(report)));
        Path refused = send("U-4", "05", null, null);
        SharedReference.assertValidCppStatut(Files.readAllBytes(refused));
        for (String example : List.of("Example01-FactureStatut-ok.xml", "Example02-FactureStatut-ko.xml")) {
            Path reference = SharedReference.require(SharedReference.CPP_STATUT_XSD.resolveSibling(example));
            assertEquals("93", Acks.status(sendDocument(Files.readString(reference))), example + " is read");
            assertEquals("S02", Acks.errorCodes(reportOf(sent)).get(0), example + ": its recipient is no structure of this partner's");
        }
    }

    @Test
    void aStatusFlowDecidedWhileAnotherNodeChangedItsInvoiceIsDecidedAgainOnTheNewStatus() throws Exception {
        deliver("u.xml", MINISTRY.withNumber("U-6").ubl());
        String invoiceId = ledger().invoices("U-6").get(0).invoiceId();
        // While this flow's 07 is committed on 03, another node commits 05 (rejected, final) on the same invoice.
        database.duringNextFlowCommit(() -> {
            try (Connection other = database.getConnection()) {
                other.setAutoCommit(false);
                try (PreparedStatement status = other.prepareStatement("UPDATE ledger_invoice SET status = '05' WHERE invoice_id = ?");
                     PreparedStatement event = other.prepareStatement("""
                             INSERT INTO invoice_event (invoice_id, seq, status, recorded_at, flow_id, partner, reason)
                             SELECT invoice_id, 1, '05', CURRENT_TIMESTAMP, flow_id, 'DEST01', 'Montant erroné'
                             FROM ledger_invoice WHERE invoice_id = ?""")) {
                    status.setString(1, invoiceId);
                    event.setString(1, invoiceId);
                    assertEquals(1, status.executeUpdate());
                    assertEquals(1, event.executeUpdate());
                }
                other.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Path report = send("U-6", "07", null, null);
        assertEquals(List.of("S03"), Acks.errorCodes(report), () -> "decided again on 05, which is final: " + Acks.errorDescriptions(report));
        assertTrue(Acks.errorDescriptions(report).get(0).contains("the invoice is 05"), Acks.errorDescriptions(report)::toString);
        assertEquals(List.of("03", "05"), statuses("U-6"), "07 never follows 05");
    }

    private void deliver(String name, String flow) throws Exception {
        assertEquals("92", dropAndAwait(SUPPLIER_PARTNER, name, flow).status(), name);
    }

    private Path send(String number, String code, String reason, String mandate) throws Exception {
        return sendStatuses(status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, number, DATE, code, reason, mandate));
    }

    /** Drops a status flow from the recipient's partner; returns its flow report. */
    private Path sendStatuses(String... lines) throws Exception {
        return sendDocument(LifeCycleFlows.statuses(RECIPIENT_PARTNER, lines));
    }

    private Path sendDocument(String document) throws Exception {
        return dropAndAwait(RECIPIENT_PARTNER, "statuts-" + (++sent) + ".xml", document).report().orElseThrow();
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
        List<InvoiceRow> invoices = ledger().invoices(number);
        assertEquals(1, invoices.size());
        return invoices.get(0).statusLines().stream().skip(1).map(line -> line.split(" ")[1]).toList();
    }
}
