package org.chorusedi.api;

import java.net.http.HttpClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.support.HostileRequests;
import org.chorusedi.support.LogLines;
import org.chorusedi.support.RunningEngine;
import org.chorusedi.testkit.FolderFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The partners' API (/api/v1) over a real HTTP client (java.net.http), against one running engine with the
 * sample directory and partner registry; the passwords' expiry by a clock the test sets.
 */
class ApiTest {

    private static final Path SAMPLES = RunningEngine.SAMPLES.resolve("in/AAA001");
    private static final Path CYCLE = RunningEngine.SAMPLES.resolve("cycle");

    @TempDir
    static Path root;

    private static final TestClock CLOCK = new TestClock();
    private static RunningEngine engine;
    private static TechnicalUsers users;
    private static ApiClient aaa;

    @BeforeAll
    static void start() throws Exception {
        // A flow limit of 1 MB, which every sample keeps: a deposit past it is refused while it streams.
        engine = RunningEngine.start(root, Map.of("chorus.flow.max-bytes", "1000000"), null, CLOCK);
        users = new TechnicalUsers(engine.engine().dataSource(), new ApiSettings(Duration.ofDays(424), Duration.ofDays(30), 5,
                Duration.ofMinutes(15)), CLOCK);
        aaa = client(users.create("AAA001", "aaa-system"));
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    private static ApiClient client(TechnicalUsers.NewPassword user) {
        return client(user.login(), user.password());
    }

    private static ApiClient client(String login, String password) {
        return ApiClient.of(engine.uri("").toString(), login, password);
    }

    private static String deposited(ApiClient client, Path file) throws Exception {
        HttpResponse<String> response = client.deposit(file.getFileName().toString(), file);
        assertEquals(202, response.statusCode(), response.body());
        JsonObject flow = ApiClient.json(response);
        assertEquals("RECEIVED", flow.getString("state"));
        assertEquals("/api/v1/flows/" + flow.getString("flowId"), response.headers().firstValue("Location").orElse(null));
        return flow.getString("flowId");
    }

    @Test
    void everyShapeDepositedIsDecidedAndReadBack() throws Exception {
        Path ack = engine.engine().folders().ack("AAA001");
        Map<String, String> expected = Map.of(
                "01-ubl-ministere-livree.xml", "92",
                "02-cii-ville-livree.xml", "92",
                "03-ubl-agence-sans-code-service-livree.xml", "92",
                "15-lot-mixte-integration-partielle.xml", "96",
                "16-archive-zip-livree.zip", "92");
        Map<String, String> flows = new java.util.TreeMap<>();
        for (String sample : expected.keySet()) {
            flows.put(sample, deposited(aaa, SAMPLES.resolve(sample)));
        }
        for (Map.Entry<String, String> flow : flows.entrySet()) {
            JsonObject decided = aaa.decided(flow.getValue());
            assertEquals(expected.get(flow.getKey()), decided.getString("status"), flow.getKey() + ": " + decided.toJson());
            assertEquals(flow.getKey(), decided.getString("fileName"));
            HttpResponse<byte[]> flux = aaa.bytes("/api/v1/flows/" + flow.getValue() + "/acknowledgements/flux");
            assertEquals(200, flux.statusCode());
            assertArrayEquals(Files.readAllBytes(ack.resolve(flow.getValue() + ".flux.xml")), flux.body(), flow.getKey());
            HttpResponse<byte[]> factures = aaa.bytes("/api/v1/flows/" + flow.getValue() + "/acknowledgements/factures");
            assertArrayEquals(Files.readAllBytes(ack.resolve(flow.getValue() + ".factures.xml")), factures.body(), flow.getKey());
        }
        JsonObject batch = aaa.decided(flows.get("15-lot-mixte-integration-partielle.xml"));
        JsonArray invoices = (JsonArray) batch.get("invoiceList");
        assertEquals(4, invoices.size());
        assertEquals(1, invoices.stream().filter(i -> !((JsonObject) i).getBoolean("delivered")).count());

        // The life cycle: the recipients' partners send their statuses, each as its own technical user...
        Instant before = CLOCK.instant().minusSeconds(1);
        for (String partner : List.of("MIN001", "VIL001", "AGE001")) {
            ApiClient recipient = client(users.create(partner, partner.toLowerCase() + "-system"));
            try (var files = Files.list(CYCLE.resolve("1/in/" + partner))) {
                for (Path file : files.toList()) {
                    assertEquals("92", recipient.decided(deposited(recipient, file)).getString("status"), file::toString);
                }
            }
        }
        // ...then the supplier's partner recycles one invoice and completes another.
        for (String sample : List.of("20-recyclage-F2026-0002.xml", "21-complement-F2026-0003.xml")) {
            JsonObject decided = aaa.decided(deposited(aaa, CYCLE.resolve("2/in/AAA001/" + sample)));
            assertEquals("92", decided.getString("status"), decided::toJson);
            assertEquals(sample.startsWith("20") ? "RECYCLING" : "COMPLETION", decided.getString("kind"));
        }
        HttpResponse<String> polled = aaa.get("/api/v1/statuses?since=" + before);
        assertEquals(200, polled.statusCode(), polled.body());
        List<String> statuses = ((JsonArray) ApiClient.json(polled).get("statuses")).stream()
                .map(s -> ((JsonObject) s).getString("number") + " " + ((JsonObject) s).getString("status")).toList();
        assertTrue(statuses.containsAll(List.of("F2026-0001 07", "F2026-0001 08", "F2026-0002 04", "F2026-0003 06",
                "F2026-0002 03", "F2026-0003 12")), statuses::toString);

        String recycled = ((JsonObject) ((JsonArray) aaa.decided(flows.get("02-cii-ville-livree.xml")).get("invoiceList")).get(0))
                .getString("invoiceId");
        HttpResponse<String> invoice = aaa.get("/api/v1/invoices/" + recycled);
        assertEquals(200, invoice.statusCode(), invoice.body());
        JsonObject history = ApiClient.json(invoice);
        assertEquals("03", history.getString("status"));
        JsonArray lines = (JsonArray) history.get("history");
        assertTrue(lines.get(0).toString().endsWith("01 DEPOSEE") && lines.size() == 4, lines::toJson);
    }

    @Test
    void aPartnerNeverSeesAnothersFlows() throws Exception {
        String flowId = deposited(aaa, SAMPLES.resolve("14-rejet-F06-schema.xml"));
        aaa.decided(flowId);
        String invoiceId = flowId + "-0001";
        ApiClient other = client(users.create("BBB002", "bbb-system"));
        assertAll(
                () -> assertEquals(404, other.get("/api/v1/flows/" + flowId).statusCode()),
                () -> assertEquals(404, other.get("/api/v1/flows/" + flowId + "/acknowledgements/flux").statusCode()),
                () -> assertEquals(404, other.get("/api/v1/invoices/" + invoiceId).statusCode()),
                () -> assertFalse(other.get("/api/v1/flows?since=2000-01-01").body().contains(flowId)),
                () -> assertEquals(404, aaa.get("/api/v1/flows/AAA001-20000101T000000000-9999").statusCode()));
    }

    @Test
    void aDepositAndTheSameFileDroppedGetTheSameAcknowledgementApartFromIdsAndTimes() throws Exception {
        // A flow rejected as a whole: the second sending of the same bytes is not F09 (docs/operators/folders.md,
        // "Duplicates").
        String sample = "14-rejet-F06-schema.xml";
        engine.drop("AAA001", sample);
        String deposit = deposited(aaa, SAMPLES.resolve(sample));
        aaa.decided(deposit);
        Path ack = engine.engine().folders().ack("AAA001");
        Path dropped;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (var files = Files.list(ack)) {
                List<Path> reports = files.filter(f -> f.getFileName().toString().endsWith(".flux.xml"))
                        .filter(f -> !f.getFileName().toString().startsWith(deposit))
                        .filter(f -> read(f).contains(sample)).toList();
                if (!reports.isEmpty()) {
                    dropped = reports.get(0);
                    break;
                }
            }
            assertTrue(System.nanoTime() < deadline, "the dropped flow was not acknowledged in time");
            Thread.sleep(50);
        }
        String overApi = new String(aaa.bytes("/api/v1/flows/" + deposit + "/acknowledgements/flux").body(), StandardCharsets.UTF_8);
        assertEquals(withoutIdsAndTimes(read(dropped)), withoutIdsAndTimes(overApi));
        assertTrue(overApi.contains("F06"), overApi);
    }

    private static final Pattern FLOW_ID = Pattern.compile("AAA001-\\d{8}T\\d{9}-\\d{4,}");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");

    private static String withoutIdsAndTimes(String ack) {
        return TIME.matcher(FLOW_ID.matcher(ack).replaceAll("FLOW-ID")).replaceAll("TIME");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void severalDepositsAtOnceEachGetTheirOwnFlow() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(senders.submit(() -> deposited(aaa, SAMPLES.resolve("04-rejet-I03-destinataire-inconnu.xml"))));
            }
            Set<String> flowIds = new HashSet<>();
            for (Future<String> flow : sent) {
                flowIds.add(flow.get());
            }
            assertEquals(6, flowIds.size(), flowIds::toString);
            for (String flowId : flowIds) {
                JsonObject decided = aaa.decided(flowId);
                assertEquals("04-rejet-I03-destinataire-inconnu.xml", decided.getString("fileName"));
                assertEquals("93", decided.getString("status"));
                assertEquals(200, aaa.bytes("/api/v1/flows/" + flowId + "/acknowledgements/flux").statusCode());
            }
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void refusedCredentialsAreAnswered401AndALoginIsLockedAfterFiveFailures() throws Exception {
        TechnicalUsers.NewPassword user = users.create("AAA001", "lock-me");
        HttpResponse<String> none = client(null, null).get("/api/v1/flows");
        HttpResponse<String> wrong = client("lock-me", "not-the-password").get("/api/v1/flows");
        HttpResponse<String> unknown = client("nobody-here", "whatever").get("/api/v1/flows");
        assertAll(
                () -> assertEquals(401, none.statusCode()),
                () -> assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm=")),
                () -> assertEquals(401, wrong.statusCode()),
                () -> assertEquals("wrong login or password", ApiClient.json(wrong).getString("error")),
                () -> assertEquals(ApiClient.json(wrong).getString("error"), ApiClient.json(unknown).getString("error")));
        for (int i = 0; i < 4; i++) {
            assertEquals(401, client("lock-me", "still-wrong").get("/api/v1/flows").statusCode());
        }
        HttpResponse<String> locked = client(user).get("/api/v1/flows");
        assertEquals(401, locked.statusCode());
        assertEquals(unknown.body(), locked.body(), "a locked login is answered as an unknown one");
        CLOCK.advance(Duration.ofMinutes(16));
        try {
            assertEquals(200, client(user).get("/api/v1/flows").statusCode());
        } finally {
            CLOCK.set(Instant.now());
        }
        users.disable("lock-me");
        HttpResponse<String> disabled = client(user).get("/api/v1/flows");
        assertEquals(401, disabled.statusCode());
        assertTrue(ApiClient.json(disabled).getString("error").contains("disabled"), disabled::body);
    }

    @Test
    void fiftyWrongPasswordsAtOnceLockTheLoginUntilTheLockTimeHasPassed() throws Exception {
        TechnicalUsers.NewPassword user = users.create("AAA001", "burst-me");
        HttpClient shared = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService guessers = Executors.newFixedThreadPool(50);
        List<HttpResponse<String>> answers = new ArrayList<>();
        List<String> counted;
        try (LogLines log = LogLines.capture()) {
            // Each guess waits at the gate: the 50 reach the engine together, as an attacker's burst does.
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> guesses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ApiClient guess = new ApiClient(shared, engine.uri("").toString(), "burst-me", "wrong-guess-" + i);
                guesses.add(guessers.submit(() -> {
                    gate.await();
                    return guess.get("/api/v1/flows");
                }));
            }
            gate.countDown();
            for (Future<HttpResponse<String>> guess : guesses) {
                answers.add(guess.get());
            }
            // What the log says of each guess: its failure counted (1 to 5, the fifth locking), or refused as locked.
            counted = log.messages("login 'burst-me'").stream().filter(m -> m.contains("failure(s) in a row"))
                    .map(m -> m.replaceAll(".*wrong password, (\\d+) failure\\(s\\) in a row.*", "$1")).sorted().toList();
        } finally {
            guessers.shutdownNow();
        }
        HttpResponse<String> unknown = client("nobody-at-all", "whatever").get("/api/v1/flows");
        HttpResponse<String> right = client(user).get("/api/v1/flows");
        Instant lockedUntil = users.find("burst-me").orElseThrow().lockedUntil();
        assertAll(
                () -> assertEquals(List.of(401), answers.stream().map(HttpResponse::statusCode).distinct().toList()),
                () -> assertEquals(List.of("1", "2", "3", "4", "5"), counted, "each failure counted once, the fifth locking"),
                () -> assertEquals(401, right.statusCode(), "the right password right after the burst: " + right.body()),
                () -> assertEquals(unknown.body(), right.body(), "a locked login is answered as an unknown one"),
                () -> assertEquals(CLOCK.instant().plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MILLIS),
                        lockedUntil.truncatedTo(ChronoUnit.MILLIS), "locked for 15 minutes from the burst"));
        CLOCK.advance(Duration.ofMinutes(15));
        try {
            assertEquals(200, client(user).get("/api/v1/flows").statusCode(), "unlocked once the lock time has passed");
        } finally {
            CLOCK.set(Instant.now());
        }
    }

    @Test
    void aPasswordWarnsFromThirtyDaysBeforeItExpiresThenIsRefusedUntilReset() throws Exception {
        TechnicalUsers.NewPassword user = users.create("AAA001", "expiring");
        try {
            CLOCK.advance(Duration.ofDays(393));
            HttpResponse<String> fine = client(user).get("/api/v1/flows");
            assertEquals(200, fine.statusCode());
            assertTrue(fine.headers().firstValue("X-Password-Warning").isEmpty());
            assertEquals(user.expiresAt().toString(), fine.headers().firstValue("X-Password-Expires").orElse(null));

            CLOCK.advance(Duration.ofDays(2));
            HttpResponse<String> warned = client(user).get("/api/v1/flows");
            assertEquals(200, warned.statusCode());
            assertTrue(warned.headers().firstValue("X-Password-Warning").orElse("").contains("expires on " + user.expiresAt()),
                    () -> warned.headers().toString());

            CLOCK.advance(Duration.ofDays(29));
            HttpResponse<String> expired = client(user).get("/api/v1/flows");
            assertEquals(401, expired.statusCode());
            assertEquals("the password has expired: it must be renewed, ask the operator (partner technical-user reset)",
                    ApiClient.json(expired).getString("error"));

            TechnicalUsers.NewPassword renewed = users.reset("expiring");
            assertEquals(401, client(user).get("/api/v1/flows").statusCode(), "the old password");
            assertEquals(200, client(renewed).get("/api/v1/flows").statusCode());
        } finally {
            CLOCK.set(Instant.now());
        }
    }

    @Test
    void aDepositWithoutAGoodNameOrWithoutBytesIsRefused() throws Exception {
        HttpResponse<String> path;
        HttpResponse<String> part;
        HttpResponse<String> empty;
        List<String> warnings;
        try (LogLines log = LogLines.capture()) {
            path = aaa.deposit("../facture.xml", new byte[] {'<'});
            part = aaa.deposit("facture.xml.part", new byte[] {'<'});
            empty = aaa.deposit("facture.xml", new byte[0]);
            warnings = log.warnings().stream().map(w -> w.getLevel() + " " + w.getFormattedMessage()).toList();
        }
        assertAll(
                () -> assertEquals(3, warnings.stream().filter(w -> w.startsWith("WARN API deposit of aaa-system (partner AAA001)"
                        + " refused (400)")).count(), "one WARN line each: " + warnings),
                () -> assertEquals(400, path.statusCode(), path.body()),
                () -> assertEquals(400, part.statusCode(), part.body()),
                () -> assertEquals(400, empty.statusCode(), empty.body()),
                () -> assertTrue(ApiClient.json(empty).getString("error").contains("empty"), empty::body));
        try (var files = Files.list(engine.engine().folders().in().resolve("AAA001"))) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".part")).toList(), "nothing left aside");
        }
    }

    @Test
    void aDepositOverTheFlowLimitIsRefusedWith413AndNothingIsKept() throws Exception {
        HttpResponse<String> tooLarge = aaa.deposit("trop-gros.xml", new byte[1_000_001]);
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertTrue(ApiClient.json(tooLarge).getString("error").contains("chorus.flow.max-bytes"), tooLarge::body);
        // Chunked, its length unsaid: refused once past the limit while it streams.
        HttpResponse<String> streamed = aaa.post("/api/v1/flows?name=trop-gros.xml", "application/octet-stream",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[1_000_001])));
        assertEquals(413, streamed.statusCode(), streamed.body());
        assertEquals(ApiClient.json(tooLarge).getString("error"), ApiClient.json(streamed).getString("error"));
        assertEquals(List.of(), FolderFiles.under(engine.engine().folders().in()).stream().filter(f -> f.getFileName().toString().contains("trop-gros")
                || f.getFileName().toString().endsWith(".part")).toList());
    }

    @Test
    void hostileQueriesAndEscapesAreAnswered400InJsonWithOneWarning() throws Exception {
        HostileRequests.refusedAsBadRequests(engine, aaa.authorization(), List.of(
                "/api/v1/flows?since=%",
                "/api/v1/flows?since=%ZZ",
                "/api/v1/flows/%ZZ",
                "/api/v1/statuses?since=%2B999999999-12-31T00:00:00Z",
                "/api/v1/flows?since=-999999999-01-01T00:00:00Z",
                "/api/v1/flows?since=yesterday"));
    }

    @Test
    void aDepositThatIsNotTheFilesBytesIsAnswered415InJsonWithOneWarning() throws Exception {
        for (String type : List.of("multipart/form-data; boundary=x", "application/x-www-form-urlencoded")) {
            HttpResponse<String> response;
            List<String> warnings;
            try (LogLines log = LogLines.capture()) {
                response = aaa.post("/api/v1/flows?name=facture.xml", type, HttpRequest.BodyPublishers.ofString("--x--"));
                warnings = log.warnings().stream().map(w -> w.getLevel() + " " + w.getFormattedMessage()).toList();
            }
            assertEquals(415, response.statusCode(), response.body());
            assertTrue(String.valueOf(ApiClient.json(response).getString("error")).contains("application/octet-stream"), response.body());
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).startsWith("WARN HTTP request refused (415)"), warnings::toString);
        }
    }

    @Test
    void theOpenApiDescriptionIsServedWithoutCredentials() throws Exception {
        HttpResponse<String> response = client(null, null).get("/api/v1/openapi.json");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("/flows/{flowId}/acknowledgements/{document}"), response.body());
    }
}
