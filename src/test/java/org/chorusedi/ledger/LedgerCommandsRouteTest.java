package org.chorusedi.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.chorusedi.cli.ChorusEdi;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The ledger's commands on what the running engine recorded, once it is closed: an engine of its own (out of
 * {@link DuplicatesRouteTest}, which shares one).
 */
class LedgerCommandsRouteTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate INVOICE = InvoiceTemplate.toMinistry();

    @Test
    void theFlowsAndInvoiceCommandsPrintTheLedger() throws Exception {
        FlowsDone done = flowsDone(1);
        drop("AAA001", "ok.xml", INVOICE.withNumber("C-1").ubl());
        await(done);
        engine.close();
        String url = "-Dchorus.db.url=" + engine.settings().database().url();
        String user = "-Dchorus.db.user=" + engine.settings().database().user();

        String flows = run("flows", "--root", root.toString(), url, user, "--partner", "AAA001");
        assertTrue(flows.contains(flowIdOf("ok.xml")) && flows.contains("1 flow(s)"), flows);
        String invoice = run("invoice", "--root", root.toString(), url, user, "C-1");
        assertTrue(invoice.contains("03 MISE_A_DISPOSITION") && invoice.contains("1 invoice(s)"), invoice);
        engine = null;
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, ChorusEdi.execute(args));
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    private String flowIdOf(String fileName) {
        try {
            Path kept = files(folders().root()).stream()
                    .filter(p -> p.getFileName().toString().endsWith("__" + fileName)).findFirst()
                    .orElseThrow(() -> new AssertionError("no archived or rejected copy of " + fileName));
            String name = kept.getFileName().toString();
            return name.substring(0, name.indexOf("__"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
