package org.chorusedi.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A market's documents through the running engine, against a markets file dropped into {@code directory/} like any
 * registry: market M-TEST-1 of the ministry, its MOE (partner MOE001) and a subcontractor (sent by AAA001). An engine of
 * its own: the registries it imports stay.
 */
class MarketsRouteTest extends EngineRouteTestSupport {

    private static final String MOE = "41816609600069";
    private static final String SUB = "44229377500031";

    @Test
    void eachDocumentOfTheMarketIsHeldAgainstItsSheet() throws Exception {
        Files.writeString(folders().directory().resolve("partenaires.csv"), "code_partenaire,nom,sens,identifiant\n"
                + "AAA001,Opérateur de test A,EMISSION," + InvoiceTemplate.SUPPLIER + "\n"
                + "AAA001,Opérateur de test A,EMISSION," + SUB + "\n"
                + "MOE001,Maîtrise d'œuvre de test,EMISSION," + MOE + "\n", StandardCharsets.UTF_8);
        Files.writeString(folders().directory().resolve("marches.csv"),
                "numero_marche,libelle,role,identifiant,code_service,valideur,cadres,engagements\n"
                + "M-TEST-1,Toiture,MOA," + InvoiceTemplate.MINISTRY + ",SCE-TRAVAUX,,,EJ-2026-000123\n"
                + "M-TEST-1,Toiture,MOE," + MOE + ",,,,\n"
                + "M-TEST-1,Toiture,TITULAIRE," + InvoiceTemplate.SUPPLIER + ",,,,\n"
                + "M-TEST-1,Toiture,SOUS_TRAITANT," + SUB + ",," + InvoiceTemplate.SUPPLIER + ",A9,\n", StandardCharsets.UTF_8);
        engine.directoryDrop().importPending();
        assertTrue(engine.markets().market("M-TEST-1").isPresent(), "the markets file is imported");

        InvoiceTemplate onMarket = InvoiceTemplate.toMinistry().withServiceCode("SCE-TRAVAUX").withContract("M-TEST-1");
        FlowsDone done = flowsDone(5);
        drop("AAA001", "a15-by-supplier.xml", onMarket.withNumber("F-M1").withFramework("A15").ubl());
        drop("MOE001", "a15-by-moe.xml", onMarket.withNumber("F-M2").withFramework("A15").cii());
        drop("AAA001", "a9-by-holder.xml", onMarket.withNumber("F-M3").withFramework("A9").ubl());
        drop("AAA001", "a9-by-sub.xml", onMarket.withNumber("F-M4").withSupplier(SUB).withFramework("A9").ubl());
        drop("AAA001", "a10-by-sub.xml", onMarket.withNumber("F-M5").withSupplier(SUB).withFramework("A10").cii());
        await(done);

        assertCodes("AAA001", "a15-by-supplier.xml", "I25", "A15 is deposited by the MOE of market M-TEST-1: its MOE " + MOE
                + " is not connected in emission to partner AAA001");
        // the MOE's partner may deposit it, but the test directory says the ministry takes no part in works
        assertCodes("MOE001", "a15-by-moe.xml", "I28", "has no maîtrise d'ouvrage (moa false)");
        assertCodes("AAA001", "a9-by-holder.xml", "I25", "supplier " + InvoiceTemplate.SUPPLIER + " is not its SOUS_TRAITANT");
        // the subcontractor's own invoice goes to its validator first, the contract holder: 13, not 03
        Path statuses = reportOf("AAA001", "a9-by-sub.xml").resolveSibling(
                reportOf("AAA001", "a9-by-sub.xml").getFileName().toString().replace(".flux.xml", ".factures.xml"));
        Acks.assertValid(statuses);
        assertEquals("13", Acks.value(statuses, "//DonneesStatut/IdStatut"));
        assertEquals(InvoiceTemplate.SUPPLIER, Acks.value(statuses, "//Debiteur/Identifiant"));
        assertEquals(1, files(folders().outbox(InvoiceTemplate.SUPPLIER, null)).size(), "in the validator's outbox");
        // each rule broken is reported: the sheet closes A10 to it, and A10 is a works document
        assertCodes("AAA001", "a10-by-sub.xml", "I26 I28", "opens to SOUS_TRAITANT " + SUB + " only [A9], not A10");
        assertEquals(1, files(folders().out()).size(), "nothing else delivered");
    }

    private void assertCodes(String partner, String fileName, String codes, String detail) throws Exception {
        Path report = reportOf(partner, fileName);
        Acks.assertValid(report);
        assertEquals(List.of(codes.split(" ")), Acks.errorCodes(report), () -> fileName + ": " + Acks.errorDescriptions(report));
        assertTrue(Acks.errorDescriptions(report).get(0).contains(detail), () -> fileName + ": " + Acks.errorDescriptions(report));
    }

    /** The flow report of the flow that came from this file, found through its archived or rejected name. */
    private Path reportOf(String partner, String fileName) throws Exception {
        Path kept = files(folders().root()).stream().filter(p -> p.getFileName().toString().endsWith("__" + fileName))
                .findFirst().orElseThrow(() -> new AssertionError("no archived or rejected copy of " + fileName));
        String name = kept.getFileName().toString();
        return folders().ack(partner).resolve(name.substring(0, name.indexOf("__")) + ".flux.xml");
    }
}
