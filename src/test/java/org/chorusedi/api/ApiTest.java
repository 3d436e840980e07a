package org.chorusedi.api;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The partners' API (/api/v1) over a real HTTP client, against a running engine with the sample registry. */
class ApiTest {

    private static final Path SAMPLES = RunningEngine.SAMPLES.resolve("in/AAA001");

    @TempDir
    static Path root;

    private static RunningEngine engine;
    private static TechnicalUsers users;
    private static ApiClient aaa;

    @BeforeAll
    static void start() throws Exception {
        engine = RunningEngine.start(root, Map.of());
        users = new TechnicalUsers(engine.engine().dataSource(), new ApiSettings(Duration.ofDays(424), Duration.ofDays(30), 5,
                Duration.ofMinutes(15)), Clock.systemUTC());
        aaa = client(users.create("AAA001", "aaa-system"));
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    private static ApiClient client(TechnicalUsers.NewPassword user) {
        return ApiClient.of(engine.uri("").toString(), user.login(), user.password());
    }

    @Test
    void anInvoiceDepositedIsDecidedAndItsAcknowledgementsReadBack() throws Exception {
        HttpResponse<String> deposited = aaa.deposit("01-ubl-ministere-livree.xml", SAMPLES.resolve("01-ubl-ministere-livree.xml"));
        assertEquals(202, deposited.statusCode(), deposited.body());
        String flowId = ApiClient.json(deposited).getString("flowId");
        assertTrue(flowId.startsWith("AAA001-"), flowId);
        JsonObject flow = aaa.decided(flowId);
        assertAll(
                () -> assertEquals("92", flow.getString("status")),
                () -> assertEquals("01-ubl-ministere-livree.xml", flow.getString("fileName")),
                () -> assertEquals(1, flow.getInteger("delivered")));
        Path ack = engine.engine().folders().ack("AAA001");
        HttpResponse<byte[]> flux = aaa.bytes("/api/v1/flows/" + flowId + "/acknowledgements/flux");
        HttpResponse<byte[]> factures = aaa.bytes("/api/v1/flows/" + flowId + "/acknowledgements/factures");
        assertAll(
                () -> assertEquals(200, flux.statusCode()),
                () -> assertArrayEquals(Files.readAllBytes(ack.resolve(flowId + ".flux.xml")), flux.body()),
                () -> assertArrayEquals(Files.readAllBytes(ack.resolve(flowId + ".factures.xml")), factures.body()));
    }

    @Test
    void noCredentialsNoAnswer() throws Exception {
        HttpResponse<String> response = ApiClient.of(engine.uri("").toString(), null, null).get("/api/v1/flows");
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    }

    @Test
    void theOpenApiDescriptionIsServed() throws Exception {
        HttpResponse<String> response = ApiClient.of(engine.uri("").toString(), null, null).get("/api/v1/openapi.json");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("/flows/{flowId}"), response.body());
    }
}
