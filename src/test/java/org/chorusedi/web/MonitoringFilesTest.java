package org.chorusedi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring files shipped in docs/operators/monitoring/: every metric the Prometheus rules and the Grafana
 * dashboard name is one a running engine exports, and the rules pass promtool (Debian's prometheus package, which
 * .ci/run installs).
 */
@Tag("h2-only")
class MonitoringFilesTest {

    private static final Path MONITORING = Path.of("docs/operators/monitoring");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    /** A metric name as these files write it: a series of ours, the JVM's or the disk's. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:chorus|jvm|disk|process)_[a-z0-9_]+\\b");

    @TempDir
    Path root;

    @Test
    void everyMetricTheRulesAndTheDashboardNameIsExported() throws Exception {
        List<String> expressions = new ArrayList<>();
        String rules = Files.readString(MONITORING.resolve("prometheus-rules.yml"));
        // Each rule's expression, to its labels: one line, or a folded block (expr: >).
        Matcher expr = Pattern.compile("(?s)\\n\\s+expr: (.*?)\\n\\s+for:").matcher(rules);
        while (expr.find()) {
            expressions.add(expr.group(1));
        }
        JsonObject dashboard = (JsonObject) Jsoner.deserialize(Files.readString(MONITORING.resolve("grafana-dashboard.json")));
        for (Object panel : (JsonArray) dashboard.get("panels")) {
            for (Object target : (JsonArray) ((JsonObject) panel).get("targets")) {
                expressions.add(((JsonObject) target).getString("expr"));
            }
        }
        assertEquals(7 + 15, expressions.size(), "the rules' and the panels' expressions: " + expressions);
        Set<String> named = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression.replaceAll("\"[^\"]*\"", "\"\""));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertTrue(named.contains("chorus_health_check_up") && named.contains("chorus_flow_duration_seconds_bucket")
                && named.contains("jvm_memory_used_bytes") && named.contains("disk_free_bytes"), named::toString);

        try (RunningEngine engine = RunningEngine.start(root, Map.of())) {
            // A counter with labels is exported once it counts: a flow delivered and one rejected.
            engine.drop("AAA001", "01-ubl-ministere-livree.xml");
            engine.drop("AAA001", "04-rejet-I03-destinataire-inconnu.xml");
            engine.awaitFlows(2);
            // The meters count once the flows are recorded, a moment after the ledger has them: scraped until they show.
            long deadline = System.currentTimeMillis() + 30_000;
            HttpResponse<String> scrape = engine.get("/observe/metrics");
            Set<String> exported = exported(scrape.body());
            while (!exported.containsAll(named) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                scrape = engine.get("/observe/metrics");
                exported = exported(scrape.body());
            }
            assertEquals(200, scrape.statusCode());
            Set<String> scraped = exported;
            List<String> missing = named.stream().filter(name -> !scraped.contains(name)).toList();
            assertEquals(List.of(), missing, "named by the monitoring files, not exported; exported: " + scraped);
            assertTrue(scrape.body().contains("chorus_health_check_up{check=\"chorus-parked-flows\"} 1.0"),
                    "each readiness check, up: " + scrape.body().lines().filter(l -> l.startsWith("chorus_health")).toList());
        }
    }

    /** The series a scrape exports; a histogram's from its declared family, as its series show once something is timed. */
    private static Set<String> exported(String scrape) {
        Set<String> exported = new TreeSet<>();
        scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> exported.add(line.split("[{ ]", 2)[0]));
        scrape.lines().filter(line -> line.startsWith("# TYPE ") && line.endsWith(" histogram")).forEach(line -> {
            String family = line.split(" ")[2];
            exported.addAll(List.of(family + "_bucket", family + "_sum", family + "_count"));
        });
        return exported;
    }

    @Test
    void theAlertRulesPassPromtool() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "SKIPPED: promtool is Debian's prometheus package: apt-get install -y prometheus,"
                + " as .ci/run does");
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", MONITORING.resolve("prometheus-rules.yml").toString())
                .redirectErrorStream(true).start();
        assertTrue(promtool.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        String printed = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, promtool.exitValue(), printed);
        assertTrue(printed.contains("SUCCESS: 7 rules found"), printed);
    }
}
