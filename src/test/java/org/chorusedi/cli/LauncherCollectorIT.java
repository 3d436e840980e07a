package org.chorusedi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.support.EngineCommand.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher gives {@code run} the parallel garbage collector, unless the operator's JAVA_OPTS name a collector: the
 * JVM refuses two, and would not start (docs/operators/install-and-run.md, "Start-up"). The short commands keep the
 * JVM's default. {@code -Xlog:gc} makes the JVM say which collector it uses.
 */
// On H2 only in CI (.ci/run): nothing here depends on the database.
@Tag("h2-only")
class LauncherCollectorIT {

    @TempDir
    Path dir;

    @Test
    void runIsOnTheParallelCollector() throws Exception {
        Result run = EngineCommand.launched(dir, List.of("-Xlog:gc"), 2, "run", "--help");

        assertEquals(0, run.status(), run::all);
        assertTrue(run.out().contains("Using Parallel"), run::all);
    }

    @Test
    void aCollectorTheOperatorNamesIsTheOneUsed() throws Exception {
        Result run = EngineCommand.launched(dir, List.of("-Xlog:gc", "-XX:+UseSerialGC"), 2, "run", "--help");

        assertEquals(0, run.status(), run::all);
        assertTrue(run.out().contains("Using Serial"), run::all);
    }

    @Test
    void theShortCommandsKeepTheJvmsDefault() throws Exception {
        Result validate = EngineCommand.launched(dir, List.of("-Xlog:gc"), 2, "validate", "--help");

        assertEquals(0, validate.status(), validate::all);
        assertTrue(validate.out().contains("Using "), validate::all);
        assertFalse(validate.out().contains("Using Parallel"), validate::all);
    }
}
