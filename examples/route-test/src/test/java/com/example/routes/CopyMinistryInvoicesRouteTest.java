package com.example.routes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.builder.NotifyBuilder;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.FlowResult;
import org.junit.jupiter.api.Test;

/** Our own route, added to the engine under test as the engine loads it in production (chorus.routes.folder). */
class CopyMinistryInvoicesRouteTest extends EngineRouteTestSupport {

    private Path copies;

    @Override
    protected Properties properties() {
        Properties properties = super.properties();
        copies = root.resolveSibling(root.getFileName() + "-copies");
        properties.setProperty("copy.ministry-folder", copies.toString());
        return properties;
    }

    @Override
    protected List<String> userRoutes() {
        return List.of("file:../routes/copy-ministry-invoices.camel.yaml");
    }

    @Test
    void eachInvoiceDeliveredToTheMinistryIsCopiedWhole() throws Exception {
        NotifyBuilder copied = new NotifyBuilder(context).fromRoute("copy-ministry-invoices").whenDone(1).create();

        FlowResult result = dropAndAwait("AAA001", "facture.xml", InvoiceTemplate.toMinistry().withNumber("FA-0003").ubl());
        await(copied);

        assertEquals("92", result.status());
        Path delivered = result.deliveredTo("FA-0003");
        assertArrayEquals(Files.readAllBytes(delivered), Files.readAllBytes(copies.resolve(delivered.getFileName())));
    }
}
