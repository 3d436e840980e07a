package org.chorusedi.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.chorusedi.cluster.ClusterNode;
import org.chorusedi.cluster.ClusterSettings;
import org.chorusedi.cluster.NodeClaims;
import org.chorusedi.support.RunningEngine;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.chorusedi.web.Observed.check;
import static org.chorusedi.web.Observed.value;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 14: the operators' endpoints of a node of a cluster (PostgreSQL) name it and show the cluster: its nodes
 * and their claims, and the cluster's meters; and the node is not ready once its lease has passed. One node runs
 * (the ledger's node column is OpsApiTest's); the other joins the database only, as ClusterNode does.
 */
class ClusterEndpointsTest {

    @TempDir
    Path root;

    @Test
    void aNodeNamesItselfShowsTheClusterAndIsNotReadyOnceItsLeaseHasPassed() throws Exception {
        assumeTrue(TestDatabase.postgres(), "cluster mode needs PostgreSQL: set CHORUS_TEST_POSTGRES (skipped on H2)");
        // A long lease: no renewal comes while the test makes it pass by hand.
        try (RunningEngine nodeA = RunningEngine.start(root, Map.of("chorus.cluster.enabled", "true",
                "chorus.cluster.node-id", "node-a", "chorus.cluster.lease-seconds", "300"))) {
            String url = nodeA.engine().settings().database().url();
            try (ClusterNode nodeB = ClusterNode.join(new ClusterSettings(true, "node-b", Duration.ofMinutes(5)), url,
                    TestDatabase.user(), "")) {
                // Claims as the nodes take flows: one of node A's, two of node B's.
                claim(nodeA, "node-a", "AAA001-20261128T100000000-0001");
                claim(nodeA, "node-b", "AAA001-20261128T100000000-0002");
                claim(nodeA, "node-b", "AAA001-20261128T100000000-0003");

                JsonObject node = json(nodeA, "/api/ops/v1/node");
                JsonArray nodes = (JsonArray) node.get("nodes");
                String metrics = nodeA.get("/observe/metrics").body();
                JsonObject check = check(nodeA.get("/observe/health/ready?exposureLevel=full&data=true"), "chorus-node");
                assertAll("two live nodes, seen from node A",
                        () -> assertEquals("node-a", node.getString("nodeId")),
                        () -> assertEquals("cluster", node.getString("mode")),
                        () -> assertEquals(List.of("node-a", "node-b"), nodes.stream().map(n -> ((JsonObject) n).getString("nodeId")).toList()),
                        () -> assertEquals(List.of(true, true), nodes.stream().map(n -> ((JsonObject) n).getBoolean("alive")).toList()),
                        () -> assertEquals(List.of(1, 2), nodes.stream().map(n -> ((JsonObject) n).getInteger("claims")).toList()),
                        () -> assertTrue(((JsonObject) nodes.get(0)).getString("leaseUntil") != null, node.toJson()),
                        () -> assertEquals(1, value(metrics, "chorus_node_info{mode=\"cluster\",node=\"node-a\"}")),
                        () -> assertEquals(2, value(metrics, "chorus_cluster_nodes_alive")),
                        () -> assertEquals(1, value(metrics, "chorus_flow_claims"), "node A's own"),
                        () -> assertEquals("UP", check.getString("status")),
                        () -> assertEquals("cluster", check.getMap("data").get("node.mode")),
                        () -> assertTrue(check.getString("message").startsWith("node node-a of a cluster, its lease held until"),
                                check.toJson()));

                // Node A stalls past its lease, as the database's clock tells: its flows may be taken over.
                try (Connection connection = nodeA.engine().dataSource().getConnection();
                     Statement sql = connection.createStatement()) {
                    sql.execute("UPDATE cluster_node SET lease_until = now() - INTERVAL '1 second' WHERE node_id = 'node-a'");
                }
                HttpResponse<String> ready = nodeA.get("/observe/health/ready");
                JsonArray after = (JsonArray) json(nodeA, "/api/ops/v1/node").get("nodes");
                assertAll("node A's lease has passed",
                        () -> assertEquals(503, ready.statusCode(), ready.body()),
                        () -> assertEquals("DOWN", check(ready, "chorus-node").getString("status")),
                        () -> assertTrue(check(ready, "chorus-node").getString("message").startsWith("the lease of node node-a passed at"),
                                ready.body()),
                        () -> assertEquals(List.of(false, true), after.stream().map(n -> ((JsonObject) n).getBoolean("alive")).toList()));
            }
        }
    }

    /** A claim on a file dropped aside (the engine's own drop directory would take it). */
    private void claim(RunningEngine engine, String nodeId, String flowId) throws IOException {
        Path dropped = Files.writeString(Files.createDirectories(root.resolve("aside")).resolve(flowId + ".xml"), "<Invoice/>");
        assertTrue(new NodeClaims(engine.engine().dataSource(), nodeId).claim(flowId, dropped));
    }

    private static JsonObject json(RunningEngine engine, String path) throws Exception {
        HttpResponse<String> response = engine.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return (JsonObject) Jsoner.deserialize(response.body());
    }
}
