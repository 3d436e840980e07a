package org.chorusedi.cluster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.chorusedi.config.Configuration;
import org.chorusedi.engine.Engine;
import org.chorusedi.engine.EngineLock;
import org.chorusedi.far37.Far37Settings;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.testkit.TestDatabase;
import org.chorusedi.engine.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, cluster mode at start-up: refused on H2 (exit 2, naming the key, nothing done); on PostgreSQL
 * several nodes open one root and one database, while a single engine and the nodes keep each other out.
 */
class ClusterModeStartUpTest {

    @TempDir
    Path dir;

    @Test
    void clusterModeOnH2IsRefusedWithExitStatus2AndTouchesNothing() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("in/AAA001"));
        Path pending = Files.writeString(root.resolve("in/AAA001/pending.xml"), "<not-taken/>");

        EngineCommand.Result run = EngineCommand.inProcess("run", "--once", "--root", root.toString(),
                "-Dchorus.cluster.enabled=true", "-Dchorus.once.idle-seconds=1");

        assertAll(
                () -> assertEquals(2, run.status(), run::all),
                () -> assertTrue(run.err().contains("not started, the configuration is wrong: chorus.cluster.enabled: cluster mode needs"
                        + " PostgreSQL"), run::all),
                () -> assertTrue(Files.exists(pending), "nothing was taken"),
                () -> assertFalse(Files.exists(root.resolve("work")), "the root was not even made"));
    }

    @Test
    void aNodeIdMustBeAName() {
        Configuration configuration = Configuration.of(Map.of("chorus.cluster.node-id", "node one/2"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.read(configuration));
        assertTrue(refused.getMessage().startsWith("chorus.cluster.node-id: 'node one/2' is not"), refused.getMessage());
    }

    @Test
    void byDefaultANodeIsNamedByItsHostAndProcessAndHoldsItsLeaseThirtySeconds() {
        Configuration configuration = Configuration.of(Map.of());
        ClusterSettings cluster = ClusterSettings.read(configuration);
        assertAll(
                () -> assertFalse(cluster.enabled()),
                () -> assertTrue(cluster.nodeId().endsWith("-" + ProcessHandle.current().pid()), cluster.nodeId()),
                () -> assertEquals(Duration.ofSeconds(30), cluster.lease()),
                () -> assertEquals(Duration.ofSeconds(10), cluster.renewal()));
    }

    @Test
    void nodesShareTheRootAndTheDatabaseWhileASingleEngineAndTheNodesKeepEachOtherOut() throws Exception {
        assumeTrue(TestDatabase.postgres(), "cluster mode needs PostgreSQL: set CHORUS_TEST_POSTGRES (skipped on H2)");
        String url = TestDatabase.url(dir.resolve("db"));
        Path root = dir.resolve("root");
        EngineSettings settings = EngineSettings.read(Configuration.of(Map.of("chorus.root", root.toString(), "chorus.db.url", url,
                "chorus.db.user", TestDatabase.user())));
        Far37Settings noFar37 = Far37Settings.none(settings.root());

        try (Engine first = Engine.open(settings, noFar37, node("node-1"), UnaryOperator.identity());
             Engine second = Engine.open(settings, noFar37, node("node-2"), UnaryOperator.identity())) {
            assertFalse(Files.exists(root.resolve("engine.lock")), "a node takes no lock on the shared root");
            EngineLock.Held single = assertThrows(EngineLock.Held.class, () -> Engine.open(settings));
            assertTrue(single.getMessage().contains("in use by another engine"), single.getMessage());
        }
        try (Engine single = Engine.open(settings)) {
            EngineLock.Held node = assertThrows(EngineLock.Held.class,
                    () -> Engine.open(settings, noFar37, node("node-3"), UnaryOperator.identity()));
            assertTrue(node.getMessage().contains("in use by an engine not in cluster mode"), node.getMessage());
        }
    }

    private static ClusterSettings node(String id) {
        return new ClusterSettings(true, id, Duration.ofSeconds(30));
    }
}
