package com.example.routes;

import java.util.List;
import java.util.Properties;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.junit.jupiter.api.Test;

/** Our route's destination replaced by a mock with AdviceWith: what it would be sent, without writing it. */
class MockedAccountingEndpointTest extends EngineRouteTestSupport {

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties properties() {
        Properties properties = super.properties();
        properties.setProperty("copy.ministry-folder", root.resolve("never-written").toString());
        return properties;
    }

    @Override
    protected List<String> userRoutes() {
        return List.of("file:../routes/copy-ministry-invoices.camel.yaml");
    }

    @Test
    void theAccountingSystemIsSentTheInvoiceOfTheMinistryOnly() throws Exception {
        AdviceWith.adviceWith(context, "copy-ministry-invoices", route -> route.weaveByToUri("file:*").replace().to("mock:accounting"));
        context.start();
        MockEndpoint accounting = getMockEndpoint("mock:accounting");
        accounting.expectedMessageCount(1);
        accounting.message(0).body(String.class).contains("FA-0004");
        accounting.setAssertPeriod(1500);

        dropAndAwait("AAA001", "ministere.xml", InvoiceTemplate.toMinistry().withNumber("FA-0004").ubl());
        dropAndAwait("AAA001", "ville.xml", InvoiceTemplate.toMinistry().withRecipient(InvoiceTemplate.CITY)
                .withServiceCode(null).withEngagement("EJ-1").withNumber("FA-0005").ubl());

        accounting.assertIsSatisfied();
    }
}
