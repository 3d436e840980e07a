package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.chorusedi.config.Configuration;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.ValidationPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow's staged invoices are written beside its parser on threads every flow shares (flow.StagingWriter): small
 * flows read one after another start no thread each. A thread started for each flow cost a fifth of a
 * single-invoice flow's CPU (docs/contributors/performance.md, "A staging thread per flow").
 */
class StagingThreadsTest {

    private static final int FLOWS = 100;
    private static final ExecutorService VALIDATORS = ValidationPipeline.newThreadPool();

    @TempDir
    Path dir;

    @AfterAll
    static void stopValidators() {
        VALIDATORS.shutdownNow();
    }

    @Test
    void smallFlowsReadOneAfterAnotherStartNoThreadEach() throws Exception {
        FlowReader reader = new FlowReader(SchemaCatalog.shared(), FlowLimits.read(Configuration.of(Map.of())), VALIDATORS);
        Path invoice = Files.writeString(dir.resolve("invoice.xml"), InvoiceTemplate.toMinistry().ubl());
        read(reader, invoice, 0); // the pools' first threads

        long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        for (int flow = 1; flow <= FLOWS; flow++) {
            read(reader, invoice, flow);
        }
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before;

        assertTrue(started < FLOWS / 4, started + " threads started for " + FLOWS + " flows read one after another");
    }

    /** Reads the invoice as a flow of its own: one invoice, staged whole once the reader returns. */
    private void read(FlowReader reader, Path invoice, int flow) throws Exception {
        Path staging = Files.createDirectory(dir.resolve("staging-" + flow));
        FlowRead read = reader.read(invoice, "invoice.xml", staging);
        assertEquals(1, read.invoices().size(), () -> "flow " + flow + ": " + read.flowFindings());
        assertArrayEquals(Files.readAllBytes(invoice), Files.readAllBytes(InvoiceRead.stagedFile(staging, 1)),
                "flow " + flow + ": its invoice staged whole");
    }
}
