package org.chorusedi.engine;

import static org.chorusedi.engine.StopIT.kept;
import static org.chorusedi.engine.StopIT.reports;
import static org.chorusedi.testkit.FolderFiles.under;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.EngineProcess;
import org.chorusedi.testkit.TestDirectory;
import org.chorusedi.testkit.TestFlows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: twenty stops and starts in a row, as {@code systemctl restart} does them (SIGTERM, wait for the exit,
 * start again), while flows keep arriving (single invoices, batches with attachments, a file that is not XML). Each
 * stop exits 0; in the end every flow has exactly one acknowledgement and is kept once, every invoice of the accepted
 * flows is delivered once, nothing is parked and nothing is left in {@code in/} or {@code work/}.
 */
// On H2 alone in CI (.ci/run): the stop's code is the same on PostgreSQL, where StopIT runs (twenty JVM starts).
@Tag("h2-only")
class RestartLoopIT {

    private static final String PARTNER = "AAA001";
    private static final int CYCLES = 20;
    private static final long GUARD_MS = 120_000;

    @TempDir
    Path dir;

    @Test
    void twentyStopsAndStartsWhileFlowsArriveLoseNothingAndDoubleNothing() throws Exception {
        Path root = dir.resolve("root");
        TestDirectory.copyInto(root.resolve("directory"));
        Path drop = Files.createDirectories(root.resolve("in").resolve(PARTNER));
        Path outgoing = Files.createDirectories(dir.resolve("outgoing"));
        List<String> settings = List.of("-Dchorus.rules.level=off");
        Random random = new Random(20261206L);
        Sender sender = new Sender(outgoing, drop);
        Thread sending = new Thread(sender, "sender");
        sending.start();
        List<String> stops = new ArrayList<>();
        try {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                EngineProcess engine = EngineProcess.start(root, dir, dir.resolve("engine-" + cycle + ".log"), settings);
                try {
                    assertTrue(engine.awaitReady(GUARD_MS), engine.tail(40));
                    Thread.sleep(500 + random.nextInt(2500));
                    int status = engine.stop(GUARD_MS);
                    int at = cycle;
                    assertEquals(0, status, () -> "stop " + at + "\n" + engine.tail(60));
                    stops.add(cycle + ": " + under(root.resolve("in").resolve(PARTNER)).size() + " waiting");
                } finally {
                    engine.kill("test ended");
                }
                assertEquals(List.of(), under(root.resolve("failed")), "nothing parked by stop " + cycle);
            }
        } finally {
            sender.stop();
            sending.join();
        }
        assertTrue(sender.error == null, () -> "the sender failed: " + sender.error);
        System.out.println("flows sent: " + sender.names.size() + ", in/ after each stop: " + stops);

        EngineProcess last = EngineProcess.start(root, dir, dir.resolve("engine-last.log"), settings);
        try {
            assertTrue(last.awaitReady(GUARD_MS), last.tail(40));
            StopIT.await(() -> reports(root) >= sender.names.size() && under(drop).isEmpty()
                    && StopIT.count(root.resolve("work")) == 0, "every flow decided", last);
            assertEquals(0, last.stop(GUARD_MS), last.tail(40));
        } finally {
            last.kill("test ended");
        }
        List<String> sent = new ArrayList<>(sender.names);
        sent.sort(null);
        List<String> keptNames = new ArrayList<>(kept(root.resolve("archive").resolve(PARTNER)));
        keptNames.addAll(kept(root.resolve("rejected").resolve(PARTNER)));
        keptNames.sort(null);
        assertEquals(sent.size(), reports(root), "one acknowledgement per flow, none twice");
        assertEquals(sent, keptNames, "each flow kept once");
        assertEquals(sender.invoices.get(), under(root.resolve("out")).size(), "each invoice delivered once");
        assertEquals(List.of(), under(root.resolve("failed")), "nothing parked");
    }

    /** Drops a flow every 300 to 600 ms (written aside, then renamed into the drop directory) until stopped. */
    private static final class Sender implements Runnable {

        private final Path outgoing;
        private final Path drop;
        private final Random random = new Random(6122026L);
        final List<String> names = new ArrayList<>();
        final AtomicInteger invoices = new AtomicInteger();
        private volatile boolean stopped;
        volatile Exception error;

        Sender(Path outgoing, Path drop) {
            this.outgoing = outgoing;
            this.drop = drop;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            try {
                for (int flow = 1; !stopped; flow++) {
                    send(flow);
                    Thread.sleep(300 + random.nextInt(300));
                }
            } catch (Exception e) {
                error = e;
            }
        }

        private void send(int flow) throws IOException {
            String name;
            String content;
            int delivered;
            if (flow % 10 == 0) {
                name = "pas-xml-" + flow + ".xml";
                content = "not XML at all " + flow;
                delivered = 0;
            } else if (flow % 4 == 0) {
                InvoiceTemplate[] batch = new InvoiceTemplate[5];
                for (int k = 0; k < batch.length; k++) {
                    batch[k] = InvoiceTemplate.toMinistry().withNumber(String.format("RL-%04d-%d", flow, k + 1))
                            .withAttachment("annexe.pdf", 100_000);
                }
                name = "lot-" + flow + ".xml";
                content = TestFlows.batch(PARTNER, batch);
                delivered = batch.length;
            } else {
                name = "facture-" + flow + ".xml";
                content = InvoiceTemplate.toMinistry().withNumber(String.format("RL-%04d-1", flow)).ubl();
                delivered = 1;
            }
            Path aside = outgoing.resolve(name);
            Files.writeString(aside, content, StandardCharsets.UTF_8);
            Files.move(aside, drop.resolve(name));
            names.add(name);
            invoices.addAndGet(delivered);
        }
    }
}
