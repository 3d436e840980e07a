package org.chorusedi.partner;

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
 * The emission check through the running engine for a partner outside the registry, then for one a new registry
 * leaves out: an engine of its own, as the new registry stays (out of {@link EmissionCheckRouteTest}, which shares
 * one).
 */
class EmissionCheckInactivePartnerRouteTest extends EngineRouteTestSupport {

    @Test
    void aPartnerOutsideTheRegistryOrMadeInactiveIsI19AndItsPastConnectionsStay() throws Exception {
        FlowsDone unknown = flowsDone(1);
        drop("ZZZ999", "unknown.xml", InvoiceTemplate.toMinistry().ubl());
        await(unknown);
        assertEquals(List.of("invoice 'F2026-0001' (document 1 of the flow): partner ZZZ999 is not in the partner registry"),
                Acks.errorDescriptions(reportOf("ZZZ999", "unknown.xml")));

        // A new registry that leaves BBB002 out: it becomes inactive.
        Files.writeString(folders().directory().resolve("partenaires.csv"), "code_partenaire,nom,sens,identifiant\n"
                + "AAA001,Opérateur de test A,EMISSION,73282932000074\n", StandardCharsets.UTF_8);
        engine.directoryDrop().importPending();
        FlowsDone inactive = flowsDone(2);
        drop("BBB002", "inactive.xml", InvoiceTemplate.toMinistry().withNumber("F-INACTIVE").ubl());
        drop("AAA001", "still-active.xml", InvoiceTemplate.toMinistry().withNumber("F-ACTIVE").ubl());
        await(inactive);

        Path report = reportOf("BBB002", "inactive.xml");
        assertEquals(List.of("I19"), Acks.errorCodes(report));
        assertTrue(Acks.errorDescriptions(report).get(0).endsWith("partner BBB002 (Opérateur de test B) is inactive"),
                Acks.errorDescriptions(report)::toString);
        assertEquals("92", Acks.status(reportOf("AAA001", "still-active.xml")));
        Partners partners = new Partners(testDatabase().dataSource());
        assertTrue(partners.connected("BBB002", InvoiceTemplate.SUPPLIER, Direction.EMISSION),
                "what an inactive partner was connected for stays, for what it sent before");
    }

    /** The flow report of the flow that came from this file, found through its archived or rejected name. */
    private Path reportOf(String partner, String fileName) throws Exception {
        Path kept = files(folders().root()).stream().filter(p -> p.getFileName().toString().endsWith("__" + fileName))
                .findFirst().orElseThrow(() -> new AssertionError("no archived or rejected copy of " + fileName));
        String name = kept.getFileName().toString();
        return folders().ack(partner).resolve(name.substring(0, name.indexOf("__")) + ".flux.xml");
    }
}
