package org.chorusedi.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.chorusedi.web.Observed.check;
import static org.chorusedi.web.Observed.value;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /observe/health and /observe/metrics, answered by a running engine to a real HTTP client. */
class HealthAndMetricsTest {

    @TempDir
    Path root;

    /** The single engine's node id, as chorus.cluster.node-id names it. */
    private static final String NODE = "health-node";

    private RunningEngine engine;

    @BeforeEach
    void start() throws Exception {
        engine = RunningEngine.start(root, Map.of("chorus.cluster.node-id", NODE));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    @Test
    void processedFlowsMoveTheCounters() throws Exception {
        String before = metrics();
        engine.drop("AAA001", "01-ubl-ministere-livree.xml");
        engine.drop("AAA001", "04-rejet-I03-destinataire-inconnu.xml");
        engine.drop("AAA001", "12-rejet-F03-tronque.xml");
        engine.awaitFlows(3);
        // The meters count a flow once it is published, a moment after the ledger shows it so.
        String after = metrics();
        long deadline = System.currentTimeMillis() + 30_000;
        while (value(after, "chorus_flow_duration_seconds_count{status=\"92\"}") + value(after, "chorus_flow_duration_seconds_count{status=\"93\"}")
                - value(before, "chorus_flow_duration_seconds_count{status=\"92\"}") - value(before, "chorus_flow_duration_seconds_count{status=\"93\"}") < 3
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            after = metrics();
        }
        String counted = after;

        assertAll(
                () -> assertEquals(1, value(counted, "chorus_flows_total{kind=\"INVOICES\",partner=\"AAA001\",status=\"92\"}")
                        - value(before, "chorus_flows_total{kind=\"INVOICES\",partner=\"AAA001\",status=\"92\"}")),
                () -> assertEquals(2, value(counted, "chorus_flows_total{kind=\"INVOICES\",partner=\"AAA001\",status=\"93\"}")),
                () -> assertEquals(1, value(counted, "chorus_invoices_total{outcome=\"delivered\",partner=\"AAA001\"}")),
                () -> assertEquals(1, value(counted, "chorus_invoices_total{outcome=\"rejected\",partner=\"AAA001\"}")),
                () -> assertEquals(1, value(counted, "chorus_rejections_total{code=\"I03\"}")),
                () -> assertEquals(1, value(counted, "chorus_rejections_total{code=\"F03\"}")),
                () -> assertTrue(value(counted, "chorus_flow_read_bytes_total{partner=\"AAA001\"}") > 1000),
                () -> assertEquals(1, value(counted, "chorus_flow_duration_seconds_count{status=\"92\"}")),
                // the sample directory and the sample partner registry
                () -> assertEquals(2, value(counted, "chorus_directory_imports_total{outcome=\"imported\"}")),
                () -> assertEquals(0, value(counted, "chorus_flows_in_progress")),
                () -> assertEquals(1, value(counted, "chorus_node_info{mode=\"single\",node=\"" + NODE + "\"}")),
                () -> assertTrue(!counted.contains("chorus_flow_claims") && !counted.contains("chorus_cluster_nodes_alive"),
                        "a single engine has no claims nor cluster"),
                // Camel's own meters are there too.
                () -> assertTrue(counted.contains("camel_exchanges_total"), "Camel's meters"));
    }

    @Test
    void theJvmsAndTheProcesssMetersAreServedToo() throws Exception {
        String metrics = metrics();
        List<String> series = List.of("jvm_memory_used_bytes{area=\"heap\"", "jvm_memory_max_bytes{", "jvm_gc_live_data_size_bytes",
                "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads", "jvm_threads_states_threads{",
                "jvm_classes_loaded_classes", "process_cpu_usage", "process_cpu_time_ns_total", "system_cpu_count",
                "process_uptime_seconds", "process_files_open_files");
        assertAll(series.stream().map(name -> () -> assertTrue(metrics.lines().anyMatch(line -> line.startsWith(name)),
                name + " in " + metrics.lines().filter(line -> line.startsWith("jvm_") || line.startsWith("process_")).toList())));
        assertTrue(value(metrics, "jvm_threads_live_threads") > 1, "the engine's threads are counted");
    }

    @Test
    void readinessFailsWhileTheDatabaseIsOutOfReach() throws Exception {
        HttpResponse<String> ready = engine.get("/observe/health/ready?exposureLevel=full&data=true");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject node = check(ready, "chorus-node");
        assertAll("every check listed, chorus-node naming the node",
                () -> assertEquals("UP", node.getString("status"), ready.body()),
                () -> assertEquals("node " + NODE + ", a single engine", node.getString("message")),
                () -> assertEquals(NODE, node.getMap("data").get("node.id")),
                () -> assertEquals("single", node.getMap("data").get("node.mode")));

        engine.database().unreachable();
        HttpResponse<String> down = engine.get("/observe/health/ready");
        HttpResponse<String> live = engine.get("/observe/health/live");
        engine.database().reachable();

        assertAll(
                () -> assertEquals(503, down.statusCode(), down.body()),
                () -> assertTrue(down.body().contains("chorus-database"), down.body()),
                () -> assertTrue(down.body().contains("cannot be reached"), down.body()),
                // The process is alive all the same: restarting it would not bring the database back.
                () -> assertEquals(200, live.statusCode(), live.body()),
                () -> assertEquals(200, engine.get("/observe/health/ready").statusCode()));
    }

    @Test
    void aParkedFlowMakesTheEngineNotReady() throws Exception {
        // As FlowIntake.park leaves a flow that failed for a reason other than its content.
        Path failed = Files.createDirectories(engine.engine().folders().failed("AAA001"));
        Files.writeString(failed.resolve("F1__x.xml"), "<x/>");
        Files.writeString(failed.resolve("F1__x.xml.report.txt"), "reason: the disk failed");
        HttpResponse<String> down = engine.get("/observe/health/ready");
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("chorus-parked-flows") && down.body().contains("F1__x.xml"), down.body());
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = engine.get("/observe/metrics");
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
