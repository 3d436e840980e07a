package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.SharedReference;
import org.junit.jupiter.api.Test;

/**
 * Real EN 16931 example invoices from ../shared/corpus, given French routing keys where the domain
 * brief (section 3) puts them, routed against the test directory. Skips when ../shared is absent.
 */
class RealInvoicesRoutingTest extends EngineRouteTestSupport {

    private static final String UBL_EXAMPLE = "ubl/en-ubl-examples-ubl-tc434-example5.xml";
    private static final String CII_EXAMPLE = "cii/en-cii-examples-CII_business_example_01.xml";

    @Test
    void realInvoicesAreDeliveredWhereTheDirectorySaysAndRejectedWhereItSaysOtherwise() throws Exception {
        String ubl = corpus(UBL_EXAMPLE)
                .replace("<cbc:ID schemeID=\"0088\">5790000436057</cbc:ID>", "<cbc:ID schemeID=\"0009\">" + InvoiceTemplate.MINISTRY + "</cbc:ID>")
                .replace("<cbc:BuyerReference>qwerty</cbc:BuyerReference>", "<cbc:BuyerReference>SCE-ACHATS</cbc:BuyerReference>")
                .replace("<cbc:ID>PO4711</cbc:ID>", "<cbc:ID>EJ-2026-000123</cbc:ID>");
        String cii = corpus(CII_EXAMPLE)
                .replace("<ram:ID>987654321</ram:ID>", "<ram:ID schemeID=\"0009\">" + InvoiceTemplate.AGENCY + "</ram:ID>");
        // The rejected variants first: they carry the same invoice numbers, and a delivered invoice
        // would make them duplicates (I17) besides; a rejected one never blocks a delivery.
        FlowsDone rejected = flowsDone(2);
        drop("AAA001", "ubl-closed-service.xml", ubl.replace(">SCE-ACHATS<", ">SCE-FERME<"));
        drop("AAA001", "cii-inactive.xml", cii.replace(InvoiceTemplate.AGENCY, InvoiceTemplate.CLOSED_SCHOOL));
        await(rejected);
        FlowsDone delivered = flowsDone(2);
        drop("AAA001", "ubl-delivered.xml", ubl);
        drop("AAA001", "cii-delivered.xml", cii);
        await(delivered);

        List<Path> ministry = files(folders().out().resolve(InvoiceTemplate.MINISTRY));
        assertEquals(1, ministry.size());
        assertEquals("SCE-ACHATS", ministry.get(0).getParent().getFileName().toString());
        assertEquals(ubl, Files.readString(ministry.get(0), StandardCharsets.UTF_8));
        assertEquals(1, files(folders().out().resolve(InvoiceTemplate.AGENCY).resolve("@none")).size());
        assertEquals(List.of(), files(folders().out().resolve(InvoiceTemplate.CLOSED_SCHOOL)));

        assertEquals(List.of("I06"), codesOf("ubl-closed-service.xml"));
        assertEquals(List.of("I04"), codesOf("cii-inactive.xml"));
        assertEquals(List.of(), codesOf("ubl-delivered.xml"));
        assertEquals(List.of(), codesOf("cii-delivered.xml"));
    }

    private static String corpus(String name) throws Exception {
        return Files.readString(SharedReference.require(SharedReference.CORPUS.resolve(name)), StandardCharsets.UTF_8);
    }

    private List<String> codesOf(String fileName) throws Exception {
        Path kept = files(folders().archive()).stream()
                .filter(p -> p.getFileName().toString().endsWith("__" + fileName)).findFirst().orElseThrow();
        String flowId = kept.getFileName().toString().substring(0, kept.getFileName().toString().indexOf("__"));
        return Acks.errorCodes(folders().ack("AAA001").resolve(flowId + ".flux.xml"));
    }
}
