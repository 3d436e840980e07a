package org.chorusedi.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.chorusedi.config.Folders;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' actions over HTTP (docs/operators/watching.md, "Accounts and actions"): retrying a parked flow moves
 * it back into in/ and the engine delivers it, for an account with the write role only, from the page only (its
 * header, its origin), each attempt in the ledger with who made it.
 */
class OpsActionsTest {

    /** Cost 4, the least bcrypt takes: the test checks the protocol, not the hash's strength. */
    private static final String WATCH = BCrypt.withDefaults().hashToString(4, "watch-pass".toCharArray());
    private static final String ONCALL = BCrypt.withDefaults().hashToString(4, "oncall-pass".toCharArray());
    private static final String PARKED_ID = "AAA001-20261206T030000000-0001";
    private static final String NAME = "01-ubl-ministere-livree.xml";

    @TempDir
    Path root;

    @Test
    void aWriterRetriesAParkedFlowWhichIsDeliveredAndAuditedAndNoOneElseCan() throws Exception {
        Map<String, String> accounts = Map.of("chorus.http.user", "watch", "chorus.http.password-hash", WATCH,
                "chorus.http.accounts", "oncall:write:" + ONCALL);
        try (RunningEngine engine = RunningEngine.start(root, accounts, basic("watch", "watch-pass"))) {
            Folders folders = engine.engine().folders();
            Path parked = park(folders);
            String retry = "/api/ops/v1/parked-flows/" + PARKED_ID + "/retry";

            HttpResponse<String> reader = post(engine, retry, basic("watch", "watch-pass"), Map.of(OpsActions.ACTION_HEADER, "retry"));
            HttpResponse<String> noHeader = post(engine, retry, basic("oncall", "oncall-pass"), Map.of());
            HttpResponse<String> otherSite = post(engine, retry, basic("oncall", "oncall-pass"),
                    Map.of(OpsActions.ACTION_HEADER, "retry", "Origin", "https://evil.example"));
            HttpResponse<String> anonymous = post(engine, retry, null, Map.of(OpsActions.ACTION_HEADER, "retry"));
            assertAll("refused, the flow left where it is",
                    () -> assertEquals(403, reader.statusCode(), reader.body()),
                    () -> assertTrue(reader.body().contains("the account watch may watch, not act"), reader.body()),
                    () -> assertEquals(403, noHeader.statusCode(), noHeader.body()),
                    () -> assertTrue(noHeader.body().contains(OpsActions.ACTION_HEADER), noHeader.body()),
                    () -> assertEquals(403, otherSite.statusCode(), otherSite.body()),
                    () -> assertTrue(json(otherSite.body()).getString("error").contains("Origin https://evil.example is not this server"), otherSite.body()),
                    () -> assertEquals(401, anonymous.statusCode(), anonymous.body()),
                    () -> assertTrue(Files.exists(parked)));

            HttpResponse<String> done = post(engine, retry, basic("oncall", "oncall-pass"), Map.of(OpsActions.ACTION_HEADER, "retry",
                    "Origin", engine.uri("/").toString().replaceAll("/$", "")));
            assertEquals(200, done.statusCode(), done.body());
            assertEquals("in/AAA001/" + NAME, json(done.body()).getString("movedTo"));
            assertFalse(Files.exists(parked), "moved back into in/");
            assertFalse(Files.exists(parked.resolveSibling(parked.getFileName() + Folders.REPORT_SUFFIX)), "its report removed");
            FlowRow delivered = awaitDelivered(engine);
            assertEquals("92", delivered.status());

            HttpResponse<String> again = post(engine, retry, basic("oncall", "oncall-pass"), Map.of(OpsActions.ACTION_HEADER, "retry"));
            assertEquals(404, again.statusCode(), again.body());

            JsonArray actions = (JsonArray) json(engine.raw("/api/ops/v1/actions", basic("watch", "watch-pass")).body()).get("actions");
            List<String> audited = actions.stream().map(a -> (JsonObject) a)
                    .map(a -> a.getString("account") + " " + a.getString("action") + " " + a.getString("target") + " " + a.getString("outcome"))
                    .toList();
            assertEquals(List.of(
                    "oncall retry-parked-flow " + PARKED_ID + " REFUSED",
                    "oncall retry-parked-flow " + PARKED_ID + " DONE",
                    "watch retry-parked-flow " + PARKED_ID + " REFUSED"), audited, "newest first; a forged request is not an action");
            JsonObject retried = (JsonObject) actions.get(1);
            assertTrue(retried.getString("detail").equals("moved failed/AAA001/" + PARKED_ID + "__" + NAME + " back into in/AAA001/" + NAME),
                    retried.getString("detail"));
            assertTrue(retried.getString("client").startsWith("127.0.0.1:"), retried.getString("client"));
            assertEquals(engine.engine().clusterView().nodeId(), retried.getString("node"));

            JsonObject me = json(engine.raw("/api/ops/v1/me", basic("oncall", "oncall-pass")).body());
            assertEquals("write", me.getString("role"));
            assertEquals(Boolean.TRUE, me.getBoolean("mayAct"));
            assertEquals(Boolean.FALSE, json(engine.raw("/api/ops/v1/me", basic("watch", "watch-pass")).body()).getBoolean("mayAct"));
        }
    }

    @Test
    void whenTheLedgerCannotRecordTheActionNothingIsMoved() throws Exception {
        try (RunningEngine engine = RunningEngine.start(root, Map.of("chorus.http.accounts", "oncall:write:" + ONCALL),
                basic("oncall", "oncall-pass"))) {
            Path parked = park(engine.engine().folders());
            engine.database().unreachable();
            HttpResponse<String> refused;
            try {
                refused = post(engine, "/api/ops/v1/parked-flows/" + PARKED_ID + "/retry", basic("oncall", "oncall-pass"),
                        Map.of(OpsActions.ACTION_HEADER, "retry"));
            } finally {
                engine.database().reachable();
            }
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(Files.exists(parked), "nothing done that the ledger could not record");
        }
    }

    @Test
    void aServerWithoutAccountsLetsNoOneAct() throws Exception {
        try (RunningEngine engine = RunningEngine.start(root, Map.of())) {
            Path parked = park(engine.engine().folders());
            HttpResponse<String> refused = post(engine, "/api/ops/v1/parked-flows/" + PARKED_ID + "/retry", null,
                    Map.of(OpsActions.ACTION_HEADER, "retry"));
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("this server has none"), refused.body());
            assertTrue(Files.exists(parked));
            assertEquals("[]", json(engine.get("/api/ops/v1/actions").body()).get("actions").toString());
        }
    }

    /** A flow of the samples parked in failed/AAA001/ beside its report, as the engine parks one. */
    static Path park(Folders folders) throws Exception {
        Path failed = Files.createDirectories(folders.failed("AAA001"));
        Path parked = failed.resolve(PARKED_ID + "__" + NAME);
        Files.copy(RunningEngine.SAMPLES.resolve("in/AAA001/" + NAME), parked);
        Files.writeString(failed.resolve(parked.getFileName() + Folders.REPORT_SUFFIX), "reason:    No space left on device\n");
        return parked;
    }

    private static FlowRow awaitDelivered(RunningEngine engine) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            List<FlowRow> flows = engine.engine().ledgerQueries().flows(null, null).stream()
                    .filter(f -> f.fileName().equals(NAME) && f.status() != null).toList();
            if (!flows.isEmpty()) {
                return flows.get(0);
            }
            assertTrue(System.currentTimeMillis() < deadline, "the retried flow was never decided");
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> post(RunningEngine engine, String path, String authorization, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(engine.uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) throws Exception {
        return (JsonObject) Jsoner.deserialize(body);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
