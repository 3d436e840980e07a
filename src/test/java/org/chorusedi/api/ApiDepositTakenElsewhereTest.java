package org.chorusedi.api;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.support.RunningEngine;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flow deposited over the API and taken from in/ by another engine than the one that answered (the same root and
 * database started again; on PostgreSQL, two nodes of a cluster) keeps the flow id its client was given, its name and
 * its mode; so does one put back into in/ uncommitted, as after a kill between its take and its commit.
 */
class ApiDepositTakenElsewhereTest {

    private static final Path SAMPLES = RunningEngine.SAMPLES.resolve("in/AAA001");
    private static final String INVOICE = "01-ubl-ministere-livree.xml";
    private static final String REJECTED = "04-rejet-I03-destinataire-inconnu.xml";

    @TempDir
    Path root;

    @Test
    void theEngineThatTakesADepositNumbersItWithTheIdItsClientWasGiven() throws Exception {
        Map<String, String> database = new HashMap<>(Map.of("chorus.db.url", TestDatabase.url(root.resolve("db"))));
        if (TestDatabase.postgres()) {
            // Two nodes of a cluster, one after the other, where the database allows one.
            database.put("chorus.cluster.enabled", "true");
        }
        String first;
        String second;
        String putBack;
        TechnicalUsers.NewPassword user;
        // The engine that answers never takes a file in time: its read lock waits ten minutes.
        Map<String, String> slow = new HashMap<>(database);
        slow.put("chorus.intake.read-lock-min-age-ms", "600000");
        RunningEngine answering = RunningEngine.start(root, slow);
        try {
            user = users(answering).create("AAA001", "aaa-system");
            ApiClient client = ApiClient.of(answering.uri("").toString(), user.login(), user.password());
            first = deposited(client, INVOICE, SAMPLES.resolve(INVOICE));
            // The same name again: it waits under its flow id and name, and is still named as its client said.
            second = deposited(client, INVOICE, SAMPLES.resolve(REJECTED));
            putBack = deposited(client, "renvoi.xml", SAMPLES.resolve(INVOICE).resolveSibling("02-cii-ville-livree.xml"));
            assertEquals("RECEIVED", ApiClient.json(client.get("/api/v1/flows/" + second)).getString("state"));
            // The third one as a kill leaves a flow taken and not committed: in work/, its path in in/ free again.
            Path taken = Files.createDirectories(root.resolve("work").resolve(putBack).resolve("original"));
            Files.move(root.resolve("in/AAA001/renvoi.xml"), taken.resolve("renvoi.xml"), StandardCopyOption.ATOMIC_MOVE);
            answering.engine().ledger().deposits().taken(putBack);
        } finally {
            answering.close();
        }
        Path in = root.resolve("in/AAA001");
        assertTrue(Files.isRegularFile(in.resolve(INVOICE)));
        assertTrue(Files.isRegularFile(in.resolve(second + "__" + INVOICE)));
        RunningEngine taking = RunningEngine.start(root, database);
        try {
            taking.awaitFlows(3);
            ApiClient client = ApiClient.of(taking.uri("").toString(), user.login(), user.password());
            assertFlow(client, first, INVOICE, "92");
            assertFlow(client, second, INVOICE, "93");
            assertFlow(client, putBack, "renvoi.xml", "92");
            List<FlowRow> flows = taking.engine().ledgerQueries().flows(null, null);
            assertEquals(List.of(first, second, putBack), flows.stream().map(FlowRow::flowId).sorted().toList());
            assertFalse(taking.engine().ledger().deposits().pending(first).isPresent(), "a deposit in the ledger is not pending");
            try (var left = Files.list(in)) {
                assertEquals(List.of(), left.toList());
            }
        } finally {
            taking.close();
        }
    }

    private static void assertFlow(ApiClient client, String flowId, String name, String status) throws Exception {
        JsonObject flow = client.decided(flowId);
        assertEquals(flowId, flow.getString("flowId"));
        assertEquals(name, flow.getString("fileName"));
        assertEquals(status, flow.getString("status"), flow::toJson);
    }

    private static String deposited(ApiClient client, String name, Path file) throws Exception {
        HttpResponse<String> response = client.deposit(name, file);
        assertEquals(202, response.statusCode(), response.body());
        return ApiClient.json(response).getString("flowId");
    }

    private static TechnicalUsers users(RunningEngine engine) {
        return new TechnicalUsers(engine.engine().dataSource(), new ApiSettings(Duration.ofDays(424), Duration.ofDays(30), 5,
                Duration.ofMinutes(15)), Clock.systemUTC());
    }
}
