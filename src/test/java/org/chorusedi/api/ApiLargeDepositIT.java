package org.chorusedi.api;

import java.io.Writer;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.config.Configuration;
import org.chorusedi.engine.Engine;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.testkit.TestDirectory;
import org.chorusedi.support.EngineProcess;
import org.chorusedi.engine.EngineSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deposit larger than the engine's whole heap: an engine run in a JVM of its own with -Xmx256m (EngineProcess)
 * takes about 270 MB over the API, streamed to disk, and decides it (its 200 MB attachment is over the API's limits).
 */
// On H2 alone in CI (.ci/run), as the other memory tests: the heap a deposit takes does not depend on the database;
// the API's deposits are read and written on PostgreSQL by ApiTest.
@Tag("h2-only")
class ApiLargeDepositIT {

    @TempDir
    Path dir;

    @Test
    void aDepositOfMoreThan200MegabytesIsTakenByAnEngineWith256MegabytesOfHeap() throws Exception {
        Path root = dir.resolve("root");
        TechnicalUsers.NewPassword user;
        try (Engine engine = Engine.open(EngineSettings.read(Configuration.of(Map.of("chorus.root", root.toString()))))) {
            TestDirectory.copyInto(engine.folders().directory());
            engine.directoryDrop().importPending();
            user = new TechnicalUsers(engine.dataSource(), new ApiSettings(Duration.ofDays(424), Duration.ofDays(30), 5,
                    Duration.ofMinutes(15)), Clock.systemUTC()).create("AAA001", "big-system");
        }
        Path invoice = dir.resolve("pj-200mb.xml");
        try (Writer out = Files.newBufferedWriter(invoice, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            InvoiceTemplate.toMinistry().withAttachment("plans.pdf", 200_000_000).writeUbl(out);
        }
        long size = Files.size(invoice);
        assertTrue(size > 256L * 1024 * 1024, "more than the engine's heap: " + size);

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EngineProcess engine = EngineProcess.start(root, dir, dir.resolve("engine.log"),
                List.of("-Dchorus.http.enabled=true", "-Dchorus.http.port=" + port));
        try {
            assertTrue(engine.awaitReady(120_000), () -> engine.tail(40));
            ApiClient client = ApiClient.of("http://127.0.0.1:" + port, user.login(), user.password());
            HttpResponse<String> deposit = client.deposit("pj-200mb.xml", invoice);
            assertEquals(202, deposit.statusCode(), deposit.body());
            JsonObject flow = client.decided(ApiClient.json(deposit).getString("flowId"));

            assertEquals(size, flow.getLong("sizeBytes").longValue(), "every byte deposited");
            assertEquals("93", flow.getString("status"), flow::toJson);
            JsonArray reasons = (JsonArray) ((JsonObject) ((JsonArray) flow.get("invoiceList")).get(0)).get("reasons");
            assertEquals(List.of("I14", "I15"), reasons.stream().map(r -> ((JsonObject) r).getString("code")).toList());
            assertTrue(engine.isAlive(), () -> engine.tail(40));
        } finally {
            engine.stop(60_000);
        }
    }
}
