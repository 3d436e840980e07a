package org.chorusedi.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The works documents waiting for an answer, as a running engine shows them over HTTP: the metrics (readiness-neutral
 * gauges) and the page's JSON. The MOE's delay is 0 days here, so that a draft is late as soon as it is delivered.
 */
class WorksWaitingEndpointsTest {

    @TempDir
    Path root;

    @Test
    void aDraftPastItsMoesDelayIsCountedAndListedAsLateWhileReadinessStaysUp() throws Exception {
        try (RunningEngine engine = RunningEngine.start(root, Map.of("chorus.works.moe-delay-days", "0"))) {
            Files.copy(RunningEngine.SAMPLES.resolve("directory/marches.csv"), engine.engine().folders().directory().resolve("marches.csv"));
            engine.engine().directoryDrop().importPending();
            String before = metrics(engine);
            InvoiceTemplate draft = InvoiceTemplate.toMinistry().withRecipient(InvoiceTemplate.CITY).withServiceCode(null)
                    .withEngagement("1000042001").withContract("2026-TRAV-0042").withFramework("A4").withNumber("DM-LATE");
            Path folder = Files.createDirectories(engine.engine().folders().in().resolve("AAA001"));
            Files.writeString(folder.resolve("draft.xml.part"), draft.ubl(), StandardCharsets.UTF_8);
            Files.move(folder.resolve("draft.xml.part"), folder.resolve("draft.xml"), StandardCopyOption.ATOMIC_MOVE);
            engine.awaitFlows(1);

            String after = metrics(engine);
            JsonObject works = json(engine, "/api/ops/v1/works");
            JsonObject document = (JsonObject) ((JsonArray) works.get("documents")).get(0);
            assertAll(
                    () -> assertEquals(0, Observed.value(before, "chorus_works_late")),
                    () -> assertEquals(1, Observed.value(after, "chorus_works_waiting{party=\"moe\"}")),
                    () -> assertEquals(0, Observed.value(after, "chorus_works_waiting{party=\"moa\"}")),
                    () -> assertEquals(1, Observed.value(after, "chorus_works_late")),
                    () -> assertEquals(200, engine.get("/observe/health/ready").statusCode(), "a late MOE is no engine fault"),
                    () -> assertEquals(0L, ((Number) works.get("moeDelayDays")).longValue()),
                    () -> assertEquals("DM-LATE", document.getString("number")),
                    () -> assertEquals("A4", document.getString("framework")),
                    () -> assertEquals("MOE", document.getString("waitingFor")),
                    () -> assertEquals("41234567000019", document.getString("validator")),
                    () -> assertEquals("16", document.getString("status")),
                    () -> assertEquals(Boolean.TRUE, document.get("late")),
                    () -> assertTrue(document.getString("deadline") != null, document.toJson()));
        }
    }

    private static String metrics(RunningEngine engine) throws Exception {
        HttpResponse<String> response = engine.get("/observe/metrics");
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static JsonObject json(RunningEngine engine, String path) throws Exception {
        HttpResponse<String> response = engine.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return (JsonObject) Jsoner.deserialize(response.body());
    }
}
