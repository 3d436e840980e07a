package org.chorusedi.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.Archives;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.junit.jupiter.api.Test;

/**
 * The EN 16931 rules in the engine: the project's own invoices made invalid on purpose (totals, VAT
 * breakdown, a missing mandatory term), single, in a batch and in an archive, each rejected with I20 naming
 * the rule; a partner at level warn has the same invoice delivered, the rule beside its status.
 */
@SharedEngine
class RulesRouteTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    @Override
    protected Properties properties() {
        Properties properties = super.properties();
        properties.setProperty("chorus.rules.level-by-partner", "BBB002:warn");
        return properties;
    }

    /** The header's sum of line amounts says 90 where the line says 100: BR-CO-10. */
    private static String wrongTotals(String number) {
        return replaceOnce(MINISTRY.withNumber(number).ubl(),
                "<cbc:LineExtensionAmount currencyID=\"EUR\">100.00</cbc:LineExtensionAmount>\n    <cbc:TaxExclusiveAmount",
                "<cbc:LineExtensionAmount currencyID=\"EUR\">90.00</cbc:LineExtensionAmount>\n    <cbc:TaxExclusiveAmount");
    }

    /** The VAT breakdown says 25.00 of VAT where the invoice's total says 20.00: BR-CO-14. */
    private static String wrongVatBreakdown(String number) {
        return replaceOnce(MINISTRY.withNumber(number).cii(), "<ram:CalculatedAmount>20.00</ram:CalculatedAmount>",
                "<ram:CalculatedAmount>25.00</ram:CalculatedAmount>");
    }

    /** No seller name (BT-27), which the XSD lets go: BR-06. */
    private static String noSellerName(String number) {
        return replaceOnce(MINISTRY.withNumber(number).ubl(),
                "<cac:PartyLegalEntity><cbc:RegistrationName>Fournitures Durand SAS</cbc:RegistrationName></cac:PartyLegalEntity>", "");
    }

    /** An amount due without a due date or payment terms: BR-CO-25. */
    private static String noPaymentTerms(String number) {
        String cii = MINISTRY.withNumber(number).cii();
        int start = cii.indexOf("<ram:SpecifiedTradePaymentTerms>");
        int end = cii.indexOf("</ram:SpecifiedTradePaymentTerms>") + "</ram:SpecifiedTradePaymentTerms>".length();
        return cii.substring(0, start) + cii.substring(end);
    }

    private static String replaceOnce(String text, String from, String to) {
        assertTrue(text.contains(from), from);
        return text.replace(from, to);
    }

    @Test
    void aSingleInvoiceWhoseTotalsDoNotAddUpIsRejectedNamingTheRule() throws Exception {
        FlowsDone done = flowsDone(1);
        drop("AAA001", "totals.xml", wrongTotals("F-T1"));
        await(done);

        Path report = single(folders().ack("AAA001"), ".flux.xml");
        assertEquals("93", Acks.status(report));
        assertTrue(Acks.errorCodes(report).stream().allMatch("I20"::equals), Acks.errorCodes(report)::toString);
        assertRule(Acks.errorDescriptions(report), "invoice 'F-T1' (document 1 of the flow): BR-CO-10: ");
        assertEquals(List.of(), files(folders().out()), "nothing delivered");
    }

    @Test
    void inABatchEachInvoiceIsCheckedOnItsOwn() throws Exception {
        FlowsDone done = flowsDone(1);
        String batch = DECLARATION + "<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n"
                + "<Header><PartnerCode>AAA001</PartnerCode><FlowId>LOT-R</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt>"
                + "<InvoiceCount>3</InvoiceCount></Header>\n"
                + MINISTRY.withNumber("F-B1").ubl().substring(DECLARATION.length())
                + wrongVatBreakdown("F-B2").substring(DECLARATION.length())
                + noSellerName("F-B3").substring(DECLARATION.length())
                + "</Batch>\n";
        drop("AAA001", "lot.xml", batch);
        await(done);

        Path report = single(folders().ack("AAA001"), ".flux.xml");
        assertEquals("96", Acks.status(report));
        List<String> lines = Acks.errorDescriptions(report);
        assertRule(lines, "invoice 'F-B2' (document 2 of the flow): BR-CO-14: ");
        assertRule(lines, "invoice 'F-B3' (document 3 of the flow): BR-06: ");
        assertTrue(lines.stream().noneMatch(l -> l.contains("'F-B1'")), lines::toString);
        assertEquals(List.of("F-B1"), Acks.values(single(folders().ack("AAA001"), ".factures.xml"),
                "//CPPFactureStatutUnitaire/DonneesStatut/IdFacture"));
    }

    @Test
    void inAnArchiveEachEntryIsCheckedOnItsOwn() throws Exception {
        FlowsDone done = flowsDone(1);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("ok.xml", MINISTRY.withNumber("F-Z1").cii().getBytes(StandardCharsets.UTF_8));
        entries.put("no-terms.xml", noPaymentTerms("F-Z2").getBytes(StandardCharsets.UTF_8));
        drop("AAA001", "factures.zip", Archives.zip(entries));
        await(done);

        Path report = single(folders().ack("AAA001"), ".flux.xml");
        assertEquals("96", Acks.status(report));
        assertEquals(List.of("I20"), Acks.errorCodes(report));
        assertRule(Acks.errorDescriptions(report), "invoice 'F-Z2' (document 2 of the flow): BR-CO-25: ");
    }

    @Test
    void aPartnerAtLevelWarnHasTheInvoiceDeliveredWithTheRuleBesideItsStatus() throws Exception {
        FlowsDone done = flowsDone(1);
        drop("BBB002", "totals.xml", wrongTotals("F-W1"));
        await(done);

        assertEquals("92", Acks.status(single(folders().ack("BBB002"), ".flux.xml")));
        String comment = Acks.value(single(folders().ack("BBB002"), ".factures.xml"), "//CPPFactureStatutUnitaire/DonneesStatut/Commentaire");
        assertTrue(comment.contains("EN 16931 warnings: invoice 'F-W1' (document 1 of the flow): [fatal] BR-CO-10: "), comment);
        assertEquals(1, files(folders().out()).size());
    }

    private static void assertRule(List<String> lines, String start) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(start) && l.contains(" at /")), () -> start + " in " + lines);
    }
}
