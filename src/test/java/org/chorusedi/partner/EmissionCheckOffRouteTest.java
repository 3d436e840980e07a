package org.chorusedi.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.junit.jupiter.api.Test;

/** chorus.partners.emission-check=false, for a migration: any partner sends for any supplier, as before the registry. */
class EmissionCheckOffRouteTest extends EngineRouteTestSupport {

    @Override
    protected Properties properties() {
        Properties properties = super.properties();
        properties.setProperty("chorus.partners.emission-check", "false");
        return properties;
    }

    @Test
    void invoicesOfAnySupplierFromAnyPartnerAreDelivered() throws Exception {
        FlowsDone done = flowsDone(2);
        drop("AAA001", "not-connected.xml", InvoiceTemplate.toMinistry().withSupplier("35600000049837").ubl());
        drop("ZZZ999", "unknown-partner.xml", InvoiceTemplate.toMinistry().withNumber("F-2").cii());
        await(done);

        assertEquals(2, files(folders().out().resolve(InvoiceTemplate.MINISTRY)).size());
        assertEquals(1, files(folders().ack("AAA001")).stream().filter(p -> p.toString().endsWith(".factures.xml")).count());
        assertEquals(1, files(folders().ack("ZZZ999")).stream().filter(p -> p.toString().endsWith(".factures.xml")).count());
    }
}
