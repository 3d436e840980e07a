package org.chorusedi.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.chorusedi.support.SharedReference;
import org.junit.jupiter.api.Test;

/**
 * The emission check through the running engine, with real files: the test registry
 * (src/test/resources/partenaires.csv) connects AAA001 and BBB002 in emission for
 * InvoiceTemplate.SUPPLIER; AAA001 also for a French and a Norwegian VAT number. One engine for all; the registry
 * changed mid-test is in {@link EmissionCheckInactivePartnerRouteTest}.
 */
@SharedEngine
class EmissionCheckRouteTest extends EngineRouteTestSupport {

    private static final String LA_POSTE = "35600000049837";

    @Test
    void anInvoiceOfAConnectedSupplierIsDelivered() throws Exception {
        FlowsDone done = flowsDone(1);
        drop("BBB002", "connected.xml", InvoiceTemplate.toMinistry().ubl());
        await(done);

        assertEquals("92", Acks.status(reportOf("BBB002", "connected.xml")));
        assertEquals(1, files(folders().out().resolve(InvoiceTemplate.MINISTRY)).size());
    }

    @Test
    void anInvoiceOfASupplierNotConnectedToTheSendingPartnerIsI18NamingBoth() throws Exception {
        FlowsDone done = flowsDone(1);
        drop("AAA001", "not-connected.xml", InvoiceTemplate.toMinistry().withSupplier(LA_POSTE).cii());
        await(done);

        Path report = reportOf("AAA001", "not-connected.xml");
        assertEquals("93", Acks.status(report));
        assertEquals(List.of("I18"), Acks.errorCodes(report));
        assertEquals(List.of("invoice 'F2026-0001' (document 1 of the flow): supplier SIRET " + LA_POSTE
                + " is not connected in emission to partner AAA001 (Opérateur de test A)"), Acks.errorDescriptions(report));
        assertEquals("Fournisseur non raccordé en émission au partenaire émetteur",
                Acks.value(report, "//LigneErreurDetail/LibelleErreur"));
        assertEquals(List.of(), files(folders().out()));
    }

    @Test
    void acknowledgementsNameTheSupplierWithTheXsdsTypeAndItsCountry() throws Exception {
        // No SIRET: the template's seller VAT number and address country (the seller's come first) tell the supplier.
        String french = InvoiceTemplate.toMinistry().withNumber("F-FR").withSupplier(null).ubl()
                .replace(SELLER_VAT, "<cbc:CompanyID>FR32732829320</cbc:CompanyID>");
        String norwegian = InvoiceTemplate.toMinistry().withNumber("F-NO").withSupplier(null).ubl()
                .replace(SELLER_VAT, "<cbc:CompanyID>NO123456789MVA</cbc:CompanyID>")
                .replaceFirst("<cbc:IdentificationCode>FR</cbc:IdentificationCode>", "<cbc:IdentificationCode>NO</cbc:IdentificationCode>");
        FlowsDone done = flowsDone(3);
        drop("AAA001", "siret.xml", InvoiceTemplate.toMinistry().cii());
        drop("AAA001", "vat-fr.xml", french);
        drop("AAA001", "vat-no.xml", norwegian);
        await(done);

        assertEquals(List.of("1", "FR"), supplier("siret.xml"));
        assertEquals(List.of("2", "FR"), supplier("vat-fr.xml"), "a French VAT number is intra-Community, not outside the EU");
        assertEquals(List.of("3", "NO"), supplier("vat-no.xml"));
    }

    private static final String SELLER_VAT = "<cbc:CompanyID>FR44732829320</cbc:CompanyID>";

    /** TypeIdentifiant and CodePays of the supplier in the invoice statuses of the flow of that file, checked against the XSD. */
    private List<String> supplier(String fileName) throws Exception {
        Path report = reportOf("AAA001", fileName);
        assertEquals("92", Acks.status(report), () -> fileName + ": " + Acks.errorDescriptions(report));
        Path statuses = report.resolveSibling(report.getFileName().toString().replace(".flux.xml", ".factures.xml"));
        if (Files.exists(SharedReference.CPP_STATUT_XSD)) {
            SharedReference.assertValidCppStatut(Files.readAllBytes(statuses));
        }
        return List.of(Acks.value(statuses, "//Fournisseur/TypeIdentifiant"), Acks.value(statuses, "//Fournisseur/CodePays"));
    }

    /** The flow report of the flow that came from this file, found through its archived or rejected name. */
    private Path reportOf(String partner, String fileName) throws Exception {
        Path kept = files(folders().root()).stream().filter(p -> p.getFileName().toString().endsWith("__" + fileName))
                .findFirst().orElseThrow(() -> new AssertionError("no archived or rejected copy of " + fileName));
        String name = kept.getFileName().toString();
        return folders().ack(partner).resolve(name.substring(0, name.indexOf("__")) + ".flux.xml");
    }
}
