package org.chorusedi.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.chorusedi.directory.StructureActivation;
import org.chorusedi.support.HostileRequests;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operators' JSON API (/api/ops/v1), read by a real HTTP client from an engine that decided four sample flows. */
class OpsApiTest {

    @TempDir
    static Path root;

    /** The single engine's node id, as chorus.cluster.node-id names it. */
    private static final String NODE = "ops-api-node";

    private static RunningEngine engine;
    private static volatile HttpResponse<String> nodeAtWork;
    private static volatile HttpResponse<String> camelAtWork;

    @BeforeAll
    static void start() throws Exception {
        engine = RunningEngine.start(root, Map.of("chorus.far37.subscribers", "BBB002", "chorus.cluster.node-id", NODE));
        engine.drop("AAA001", "01-ubl-ministere-livree.xml");
        engine.awaitFlows(1);
        engine.drop("AAA001", "15-lot-mixte-integration-partielle.xml");
        engine.awaitFlows(2);
        engine.drop("AAA001", "12-rejet-F03-tronque.xml");
        engine.awaitFlows(3);
        // What the node says it is doing while it works on the last flow: committed, not yet published.
        engine.database().afterNextFlowCommit(() -> {
            try {
                nodeAtWork = engine.get("/api/ops/v1/node");
                camelAtWork = engine.get("/api/ops/v1/camel/routes");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        engine.drop("AAA001", "04-rejet-I03-destinataire-inconnu.xml");
        engine.awaitFlows(4);
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Test
    void flowsNewestFirstWithTheirOutcome() throws Exception {
        JsonObject answer = json("/api/ops/v1/flows");
        JsonArray flows = array(answer, "flows");
        assertAll(
                () -> assertEquals(4, answer.getInteger("total")),
                () -> assertEquals(0, answer.getInteger("page")),
                () -> assertEquals(50, answer.getInteger("size")),
                () -> assertEquals(List.of("04-rejet-I03-destinataire-inconnu.xml", "12-rejet-F03-tronque.xml",
                        "15-lot-mixte-integration-partielle.xml", "01-ubl-ministere-livree.xml"),
                        flows.stream().map(f -> ((JsonObject) f).getString("fileName")).toList()),
                () -> assertEquals(List.of("93", "93", "96", "92"),
                        flows.stream().map(f -> ((JsonObject) f).getString("status")).toList()),
                () -> assertEquals("F03", ((JsonObject) array((JsonObject) flows.get(1), "reasons").get(0)).getString("code")),
                () -> assertEquals(List.of(NODE, NODE, NODE, NODE),
                        flows.stream().map(f -> ((JsonObject) f).getString("node")).toList(), "the node that decided each"));
    }

    @Test
    void filtersAndPaging() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertAll(
                () -> assertEquals(2, json("/api/ops/v1/flows?outcome=93").getInteger("total")),
                () -> assertEquals(1, json("/api/ops/v1/flows?outcome=96").getInteger("total")),
                () -> assertEquals(0, json("/api/ops/v1/flows?outcome=parked").getInteger("total")),
                () -> assertEquals(4, json("/api/ops/v1/flows?partner=AAA001&from=" + today + "&to=" + today).getInteger("total")),
                () -> assertEquals(0, json("/api/ops/v1/flows?from=" + tomorrow).getInteger("total")),
                () -> assertEquals(0, json("/api/ops/v1/flows?partner=ZZZ999").getInteger("total")));
        JsonObject second = json("/api/ops/v1/flows?size=3&page=1");
        assertAll(
                () -> assertEquals(4, second.getInteger("total")),
                () -> assertEquals(1, array(second, "flows").size()),
                () -> assertEquals("01-ubl-ministere-livree.xml",
                        ((JsonObject) array(second, "flows").get(0)).getString("fileName")));
    }

    @Test
    void aFlowsDetailSaysWhereEachInvoiceWent() throws Exception {
        JsonObject mixed = (JsonObject) array(json("/api/ops/v1/flows?outcome=96"), "flows").get(0);
        JsonObject answer = json("/api/ops/v1/flows/" + mixed.getString("flowId"));
        JsonArray invoices = array(answer, "invoices");
        JsonObject rejected = (JsonObject) invoices.stream().filter(i -> !((JsonObject) i).getBoolean("delivered")).findFirst().orElseThrow();
        JsonObject delivered = (JsonObject) invoices.get(0);
        assertAll(
                () -> assertEquals(mixed.getString("flowId"), answer.getMap("flow").get("flowId")),
                () -> assertEquals(4, invoices.size()),
                () -> assertTrue(delivered.getBoolean("delivered")),
                () -> assertTrue(delivered.getString("outbox").startsWith(root.resolve("out").toString()), delivered.toJson()),
                () -> assertEquals("SCE-ACHATS", delivered.getString("serviceCode")),
                () -> assertEquals(null, rejected.getString("outbox")),
                () -> assertTrue(((JsonObject) array(rejected, "reasons").get(0)).getString("code").startsWith("I"), rejected.toJson()),
                () -> assertTrue(((String) answer.getMap("flow").get("keptAs")).contains("/archive/AAA001/")));
    }

    @Test
    void rejectionsByReasonCode() throws Exception {
        JsonObject day = json("/api/ops/v1/rejections?period=day");
        JsonObject week = json("/api/ops/v1/rejections?period=week");
        JsonObject f03 = (JsonObject) array(day, "codes").stream()
                .filter(c -> ((JsonObject) c).getString("code").equals("F03")).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals(3, day.getInteger("total"), day.toJson()),
                () -> assertEquals(day.getInteger("total"), week.getInteger("total")),
                () -> assertEquals(1, f03.getInteger("count")),
                () -> assertEquals("XML mal formé", f03.getString("label")));
    }

    @Test
    void trendsPerHourOverADayAndAWeek() throws Exception {
        JsonObject day = json("/api/ops/v1/trends?period=day");
        JsonObject week = json("/api/ops/v1/trends?period=week");
        // Summed over the hours: the flows of this test may straddle an hour.
        long[] sums = new long[5];
        for (Object hour : array(day, "hours")) {
            JsonObject h = (JsonObject) hour;
            JsonObject flows = (JsonObject) h.get("flows");
            sums[0] += flows.getLong("92");
            sums[1] += flows.getLong("96");
            sums[2] += flows.getLong("93");
            sums[3] += h.getLong("delivered");
            sums[4] += h.getLong("rejected");
        }
        long all = array(json("/api/ops/v1/flows"), "flows").size();
        assertAll(
                () -> assertEquals(24, array(day, "hours").size(), "the hours of the last day, this one last"),
                () -> assertEquals(24 * 7, array(week, "hours").size()),
                () -> assertEquals(all, sums[0] + sums[1] + sums[2], day.toJson()),
                () -> assertEquals(2L, sums[2], day.toJson()),
                () -> assertTrue(sums[3] > 0 && sums[4] > 0, day.toJson()),
                () -> assertTrue(day.get("p95") instanceof Number && ((Number) day.get("p95")).doubleValue() >= ((Number) day.get("p50")).doubleValue(),
                        day.toJson()),
                () -> assertEquals(400, engine.get("/api/ops/v1/trends?period=year").statusCode()));
    }

    @Test
    void thePageHasItsIconWhereBrowsersLookForIt() throws Exception {
        HttpResponse<String> named = engine.get("/ops/favicon.svg");
        HttpResponse<String> guessed = engine.get("/favicon.ico");
        assertAll(
                () -> assertEquals(200, named.statusCode()),
                () -> assertEquals("image/svg+xml", named.headers().firstValue("content-type").orElse("")),
                () -> assertTrue(named.body().startsWith("<svg"), named.body()),
                () -> assertEquals(200, guessed.statusCode(), "no 404 in the console of a page that names none"),
                () -> assertEquals(named.body(), guessed.body()),
                () -> assertTrue(engine.get("/").body().contains("<link rel=\"icon\" href=\"/ops/favicon.svg\""), "the page names it"));
    }

    @Test
    void far37SubscribersAndTheDirectory() throws Exception {
        JsonObject subscriber = (JsonObject) array(json("/api/ops/v1/far37/subscribers"), "subscribers").get(0);
        JsonArray byName = array(json("/api/ops/v1/directory/structures?q=ville"), "structures");
        JsonArray bySiret = array(json("/api/ops/v1/directory/structures?q=2175000160"), "structures");
        assertAll(
                () -> assertEquals("BBB002", subscriber.getString("code")),
                () -> assertTrue(subscriber.getString("nextDelta") != null, subscriber.toJson()),
                () -> assertEquals(1, byName.size(), byName.toJson()),
                () -> assertEquals("Ville d'Exemple", ((JsonObject) byName.get(0)).getString("name")),
                () -> assertEquals("21750001600019", ((JsonObject) bySiret.get(0)).getString("identifier")),
                () -> assertEquals(null, ((JsonObject) bySiret.get(0)).get("lastRequest"), "no one activated or deactivated it"));
    }

    @Test
    void aStructureDeactivatedByAnOperatorSaysByWhomAndWhy() throws Exception {
        // The agency: no flow of this class goes to it.
        engine.engine().directoryStore().activation(new StructureActivation.Request("13000548100010", false,
                StructureActivation.Sirene.ACTIVE, "Mme Martin", "regroupée avec le ministère"));
        JsonObject agency = (JsonObject) array(json("/api/ops/v1/directory/structures?q=13000548100010"), "structures").get(0);
        JsonObject request = (JsonObject) agency.get("lastRequest");
        assertAll(
                () -> assertEquals(false, agency.getBoolean("active")),
                () -> assertEquals("DEACTIVATE", request.getString("action")),
                () -> assertEquals("ACTIVE", request.getString("sirene")),
                () -> assertEquals("Mme Martin", request.getString("requestedBy")),
                () -> assertEquals("regroupée avec le ministère", request.getString("reason")),
                () -> assertTrue(Instant.parse(request.getString("at")).isBefore(Instant.now().plusSeconds(1)), request.toJson()));
    }

    @Test
    void theNodeSaysWhichItIsAndWhatItWasDoing() throws Exception {
        JsonObject idle = json("/api/ops/v1/node");
        JsonArray nodes = array(idle, "nodes");
        JsonObject self = (JsonObject) nodes.get(0);
        assertEquals(200, nodeAtWork.statusCode(), nodeAtWork.body());
        JsonObject working = (JsonObject) Jsoner.deserialize(nodeAtWork.body());
        JsonObject flow = (JsonObject) array(working, "flows").get(0);
        String lastFlow = ((JsonObject) array(json("/api/ops/v1/flows?size=1"), "flows").get(0)).getString("flowId");
        assertAll(
                () -> assertEquals(NODE, idle.getString("nodeId")),
                () -> assertEquals("single", idle.getString("mode")),
                () -> assertTrue(Instant.parse(idle.getString("startedAt")).isBefore(Instant.now()), idle.toJson()),
                () -> assertEquals(List.of(NODE), nodes.stream().map(n -> ((JsonObject) n).getString("nodeId")).toList()),
                () -> assertEquals(true, self.getBoolean("alive")),
                () -> assertEquals(null, self.get("leaseUntil"), "the single engine has no lease"),
                () -> assertEquals(null, self.get("claims"), "nor claims"),
                () -> assertEquals(1, working.getInteger("flowsInProgress"), working.toJson()),
                () -> assertEquals(lastFlow, flow.getString("flowId")),
                () -> assertEquals("AAA001", flow.getString("partner")),
                () -> assertEquals("04-rejet-I03-destinataire-inconnu.xml", flow.getString("fileName")),
                () -> assertTrue(Instant.parse(flow.getString("since")).isAfter(Instant.parse(idle.getString("startedAt"))), flow.toJson()));
    }

    @Test
    void camelsOwnViewOfTheRoutesAndTheExchangesInFlight() throws Exception {
        JsonObject idle = json("/api/ops/v1/camel/routes");
        JsonObject intake = array(idle, "routes").stream().map(r -> (JsonObject) r)
                .filter(r -> r.getString("routeId").equals("flow-intake")).findFirst().orElseThrow(() -> new AssertionError(idle.toJson()));
        assertEquals(200, camelAtWork.statusCode(), camelAtWork.body());
        JsonObject working = (JsonObject) Jsoner.deserialize(camelAtWork.body());
        List<String> idleFrom = array(idle, "inflight").stream().map(x -> ((JsonObject) x).getString("fromRouteId")).toList();
        List<String> workingFrom = array(working, "inflight").stream().map(x -> ((JsonObject) x).getString("fromRouteId")).toList();
        assertAll(
                () -> assertEquals(Boolean.TRUE, idle.getBoolean("managed")),
                () -> assertEquals("Started", intake.getString("state")),
                () -> assertTrue(intake.getString("from").startsWith("file:"), intake.toJson()),
                () -> assertTrue(intake.getLong("exchangesTotal") >= 4, intake.toJson()),
                () -> assertEquals(0L, intake.getLong("exchangesInflight")),
                // In flight, the request asking (its own route's exchange), and while a flow is at work, the flow.
                () -> assertEquals(List.of("ops-api-camel-routes"), idleFrom, idle.toJson()),
                () -> assertEquals(List.of("flow-intake", "ops-api-camel-routes"), workingFrom.stream().sorted().toList(), working.toJson()));
    }

    @Test
    void wrongParametersAndUnknownFlows() throws Exception {
        assertAll(
                () -> assertEquals(400, engine.get("/api/ops/v1/flows?outcome=94").statusCode()),
                () -> assertEquals(400, engine.get("/api/ops/v1/flows?from=yesterday").statusCode()),
                () -> assertEquals(400, engine.get("/api/ops/v1/flows?size=100000").statusCode()),
                () -> assertEquals(400, engine.get("/api/ops/v1/flows?partner=A%27%20OR%201%3D1").statusCode()),
                () -> assertTrue(engine.get("/api/ops/v1/flows?outcome=94").body().contains("outcome")),
                () -> assertEquals(400, engine.get("/api/ops/v1/rejections?period=year").statusCode()),
                () -> assertEquals(404, engine.get("/api/ops/v1/flows/AAA001-nope").statusCode()),
                () -> assertEquals(404, engine.get("/application.properties").statusCode()));
    }

    @Test
    void hostileQueriesAndEscapesAreAnswered400InJsonWithOneWarning() throws Exception {
        HostileRequests.refusedAsBadRequests(engine, null, List.of(
                "/api/ops/v1/flows?to=%2B999999999-12-31",
                "/api/ops/v1/flows?from=-999999999-01-01",
                "/api/ops/v1/flows?partner=%",
                "/api/ops/v1/flows?partner=%ZZ",
                "/api/ops/v1/flows/%ZZ",
                "/api/ops/v1/flows?outcome=94"));
    }

    private static JsonArray array(JsonObject object, String key) {
        return (JsonArray) object.get(key);
    }

    private static JsonObject json(String path) throws Exception {
        HttpResponse<String> response = engine.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return (JsonObject) Jsoner.deserialize(response.body());
    }
}
