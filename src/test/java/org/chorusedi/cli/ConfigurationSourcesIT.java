package org.chorusedi.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.support.EngineCommand.Result;
import org.chorusedi.support.OperatorRoots;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: one value per key for the whole process, routes and Java alike, from the jar, the file, the
 * environment, the JVM's system properties and the command line, in that order; each command in a JVM of
 * its own, with an environment, as an operator's service starts it.
 */
@Tag("h2-only")
class ConfigurationSourcesIT {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentsRootIsWhereTheRoutesPollAndTheEngineWrites() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Path root = OperatorRoots.withAFlow(dir.resolve("env-root"));

        Result run = EngineCommand.run(cwd, Map.of("CHORUS_ROOT", root.toString()), List.of(), 3, OperatorRoots.runOnce());

        assertAll(
                () -> assertEquals(0, run.status(), run::all),
                () -> assertEquals(1, OperatorRoots.acknowledgedFlows(root).size(), run::all),
                () -> assertTrue(Files.isDirectory(root.resolve("out").resolve(InvoiceTemplate.MINISTRY)), "delivered under the root"),
                () -> assertEquals(List.of(), List.of(root.resolve("in/AAA001").toFile().list()), "taken from the root's in/"),
                () -> assertFalse(Files.exists(cwd.resolve("edi-data")), "nothing under ./edi-data: " + List.of(cwd.toFile().list())));
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Path fileRoot = dir.resolve("file-root");
        Path envRoot = dir.resolve("env-root");
        Path jvmRoot = OperatorRoots.withAFlow(dir.resolve("jvm-root"));
        Path file = Files.writeString(dir.resolve("chorus-edi.properties"), "chorus.root = " + fileRoot + "\n");

        Result run = EngineCommand.run(cwd, Map.of("CHORUS_ROOT", envRoot.toString()), List.of("-Dchorus.root=" + jvmRoot), 3,
                OperatorRoots.runOnce("--config", file.toString()));

        assertAll(
                () -> assertEquals(0, run.status(), run::all),
                () -> assertEquals(1, OperatorRoots.acknowledgedFlows(jvmRoot).size(), "routes and engine on the -D root: " + run.all()),
                () -> assertFalse(Files.exists(envRoot), "the environment's root is not used"),
                () -> assertFalse(Files.exists(fileRoot), "the file's root is not used"));
    }

    @Test
    void everyCommandTakesTheFileThenTheEnvironmentThenTheCommandLine() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Path fileRoot = dir.resolve("file-root");
        Path envRoot = dir.resolve("env-root");
        Path optionRoot = dir.resolve("option-root");
        // The conventional file, in the working folder.
        Files.writeString(cwd.resolve("chorus-edi.properties"), "chorus.root = " + fileRoot + "\n");

        Result fromFile = EngineCommand.run(cwd, Map.of(), List.of(), 3, "flows");
        Result fromEnvironment = EngineCommand.run(cwd, Map.of("CHORUS_ROOT", envRoot.toString()), List.of(), 3, "flows");
        Result fromOption = EngineCommand.run(cwd, Map.of("CHORUS_ROOT", envRoot.toString()), List.of("-Dchorus.root=" + envRoot), 3,
                "flows", "--root", optionRoot.toString());

        assertAll(
                () -> assertEquals(0, fromFile.status(), fromFile::all),
                () -> assertTrue(Files.isDirectory(fileRoot.resolve("db")), "the file's root: " + fromFile.all()),
                () -> assertEquals(0, fromEnvironment.status(), fromEnvironment::all),
                () -> assertTrue(Files.isDirectory(envRoot.resolve("db")), "the environment's root: " + fromEnvironment.all()),
                () -> assertEquals(0, fromOption.status(), fromOption::all),
                () -> assertTrue(Files.isDirectory(optionRoot.resolve("db")), "--root: " + fromOption.all()));
    }

    @Test
    void aBadValueStopsTheEngineBeforeAnythingNamingItsKey() throws Exception {
        Path root = OperatorRoots.withAFlow(dir.resolve("root"));

        Result fromEnvironment = EngineCommand.run(dir, Map.of("CHORUS_FLOW_MAX_INVOICES", "many"), List.of(), 3,
                OperatorRoots.runOnce("--root", root.toString()));
        Result badCron = EngineCommand.run(dir, Map.of(), List.of(), 3, OperatorRoots.runOnce("--root", root.toString(),
                "-Dchorus.far37.subscribers=AAA001", "-Dchorus.far37.full-cron=0 0 2 * *"));
        Result unlistedCron = EngineCommand.run(dir, Map.of("CHORUS_FAR37_SUBSCRIBER_BBB002_DELTA_CRON", "hourly"), List.of(), 3,
                OperatorRoots.runOnce("--root", root.toString()));

        assertAll(
                () -> assertEquals(2, fromEnvironment.status(), fromEnvironment::all),
                () -> assertTrue(fromEnvironment.err().contains("chorus.flow.max-invoices: 'many' is not a whole number from 1"),
                        fromEnvironment::all),
                () -> assertEquals(2, badCron.status(), badCron::all),
                () -> assertTrue(badCron.err().contains("chorus.far37.full-cron: '0 0 2 * *' is not a Quartz cron expression"), badCron::all),
                () -> assertEquals(2, unlistedCron.status(), unlistedCron::all),
                () -> assertTrue(unlistedCron.err().contains("chorus.far37.subscriber.BBB002.delta-cron: 'hourly' is not a Quartz cron"
                        + " expression"), "a subscriber not listed, from the environment: " + unlistedCron.all()),
                () -> assertEquals(List.of(OperatorRoots.FLOW), List.of(root.resolve("in/AAA001").toFile().list()), "the flow waits"),
                () -> assertFalse(Files.exists(root.resolve("db")), "nothing opened"),
                () -> assertFalse(Files.exists(root.resolve("logs")), "nothing written"));
    }

    @Test
    void aWrongServerHealthApiOrClusterValueStopsTheEngineBeforeItsRootOrLogFileIsMade() throws Exception {
        Path notAKeystore = Files.writeString(dir.resolve("server.p12"), "not a keystore\n");
        // Each case: the key the refusal names, then the command's -D options.
        List<List<String>> wrong = List.of(
                List.of("chorus.http.port", "-Dchorus.http.port=80800"),
                List.of("chorus.http.host", "-Dchorus.http.host=0.0.0.0"),
                List.of("chorus.http.keystore", "-Dchorus.http.keystore=" + dir.resolve("no-such-keystore.p12")),
                List.of("chorus.http.keystore", "-Dchorus.http.keystore=" + notAKeystore, "-Dchorus.http.keystore-password=s3cret"),
                List.of("chorus.http.keystore-password", "-Dchorus.http.keystore=" + notAKeystore),
                List.of("chorus.health.min-free-bytes", "-Dchorus.health.min-free-bytes=-1"),
                List.of("chorus.api.lock-minutes", "-Dchorus.api.lock-minutes=0"),
                List.of("chorus.cluster.node-id", "-Dchorus.cluster.node-id=node one"));

        for (int i = 0; i < wrong.size(); i++) {
            String key = wrong.get(i).get(0);
            Path root = dir.resolve("root-" + i);
            List<String> args = new java.util.ArrayList<>(List.of("--root", root.toString()));
            args.addAll(wrong.get(i).subList(1, wrong.get(i).size()));
            Result run = EngineCommand.run(dir, Map.of(), List.of(), 3, OperatorRoots.runOnce(args.toArray(String[]::new)));
            assertAll(String.join(" ", wrong.get(i)),
                    () -> assertEquals(2, run.status(), run::all),
                    () -> assertTrue(run.err().contains("chorus-edi: not started, the configuration is wrong: " + key + ":"), run::all),
                    () -> assertFalse(run.err().contains("\tat "), "no stack trace: " + run.all()),
                    () -> assertFalse(Files.exists(root), "no root, no database, no log file: " + run.all()));
        }
    }

    @Test
    void aMisspeltKeyIsWarnedAboutOnceWhereverItIsGiven() throws Exception {
        Path file = Files.writeString(dir.resolve("my.properties"), "chorus.flow.max-invoice = 3\n");

        Result flows = EngineCommand.run(dir, Map.of("CHORUS_INTAKE_THREAD", "2"), List.of("-Dchorus.db.pasword=x"), 3,
                "flows", "--root", dir.resolve("root").toString(), "--config", file.toString());

        List<String> warnings = flows.err().lines().filter(line -> line.contains(" WARN ")).toList();
        assertAll(
                () -> assertEquals(0, flows.status(), flows::all),
                () -> assertEquals(3, warnings.size(), flows::all),
                () -> assertTrue(warnings.stream().anyMatch(line -> line.endsWith(
                        "unknown configuration key chorus.flow.max-invoice (ignored): did you mean chorus.flow.max-invoices?")), flows::all),
                () -> assertTrue(warnings.stream().anyMatch(line -> line.endsWith(
                        "unknown configuration variable CHORUS_INTAKE_THREAD (ignored): did you mean CHORUS_INTAKE_THREADS?")), flows::all),
                () -> assertTrue(warnings.stream().anyMatch(line -> line.endsWith(
                        "unknown configuration key chorus.db.pasword (ignored): did you mean chorus.db.password?")), flows::all));
    }
}
