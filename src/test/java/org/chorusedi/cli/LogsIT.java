package org.chorusedi.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.support.EngineCommand.Result;
import org.chorusedi.support.OperatorRoots;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: the engine's log file, the flow on its lines, JSON lines; the database password from the environment or the file. */
@Tag("h2-only")
class LogsIT {

    @TempDir
    Path dir;

    @Test
    void theLogFileNamesTheFlowAndThePasswordComesFromTheEnvironmentOrTheFile() throws Exception {
        Path root = OperatorRoots.withAFlow(dir.resolve("root"));
        // The embedded database is made with this user and password by the first engine.
        Map<String, String> secret = Map.of("CHORUS_DB_USER", "chorus", "CHORUS_DB_PASSWORD", "s3cret");

        Result run = EngineCommand.run(dir, secret, List.of(), 3, OperatorRoots.runOnce("--root", root.toString()));
        String flowId = OperatorRoots.acknowledgedFlows(root).get(0);
        List<String> log = Files.readAllLines(root.resolve("logs/chorus-edi.log"));
        Path file = Files.writeString(dir.resolve("secret.properties"), "chorus.db.user = chorus\nchorus.db.password = s3cret\n");
        Result withoutPassword = EngineCommand.run(dir, Map.of("CHORUS_DB_USER", "chorus"), List.of(), 3, "flows", "--root", root.toString());
        Result withTheFile = EngineCommand.run(dir, Map.of(), List.of(), 3, "flows", "--root", root.toString(), "--config", file.toString());

        String decided = "[flow=" + flowId + " partner=AAA001] - flow " + flowId + " (" + OperatorRoots.FLOW + " from AAA001): status 92";
        assertAll(
                () -> assertEquals(0, run.status(), run::all),
                () -> assertTrue(log.stream().anyMatch(line -> line.contains(decided)), () -> String.join("\n", log)),
                () -> assertTrue(log.stream().allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) "
                        + "(TRACE|DEBUG|INFO |WARN |ERROR) \\[[^]]+\\] .*")), "time, level, thread on every line"),
                () -> assertTrue(log.stream().noneMatch(line -> line.contains("org.flywaydb") || line.contains("Hikari")), "no library banner"),
                () -> assertNotEquals(0, withoutPassword.status(), withoutPassword::all),
                () -> assertEquals(0, withTheFile.status(), withTheFile::all),
                () -> assertTrue(withTheFile.out().contains(flowId), withTheFile::all));
    }

    @Test
    void inJsonEachLineIsOneObjectAndTheFlowIsInItsMdc() throws Exception {
        Path root = OperatorRoots.withAFlow(dir.resolve("root"));

        Result run = EngineCommand.run(dir, Map.of("CHORUS_LOG_FORMAT", "json"), List.of(), 3, OperatorRoots.runOnce("--root", root.toString()));
        String flowId = OperatorRoots.acknowledgedFlows(root).get(0);
        List<String> lines = Files.readAllLines(root.resolve("logs/chorus-edi.json"));

        assertEquals(0, run.status(), run::all);
        assertTrue(lines.size() > 3, () -> String.join("\n", lines));
        boolean flowLogged = false;
        for (String line : lines) {
            JsonObject event = (JsonObject) Jsoner.deserialize(line);
            assertTrue(event.containsKey("timestamp") && event.containsKey("level") && event.containsKey("threadName"), line);
            JsonObject mdc = (JsonObject) event.get("mdc");
            if (flowId.equals(mdc.get("flow"))) {
                assertEquals("AAA001", mdc.get("partner"), line);
                flowLogged |= ((String) event.get("formattedMessage")).contains("status 92");
            }
        }
        assertTrue(flowLogged, () -> String.join("\n", lines));
        assertTrue(run.err().lines().allMatch(line -> line.startsWith("{")), "the console too: " + run.err());
    }
}
