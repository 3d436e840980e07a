package org.chorusedi.engine;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.support.EngineCommand.Result;
import org.chorusedi.support.EngineProcess;
import org.chorusedi.support.OperatorRoots;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: flows, invoice and validate --root beside a running engine, on the default embedded database
 * (H2 serves it to them from the engine's process); a second engine is still refused.
 */
// On H2 alone in CI (.ci/run): it is about the embedded database, which it runs on in CI's PostgreSQL pass too.
@Tag("h2-only")
class CommandsBesideTheEngineIT {

    @TempDir
    Path dir;

    @Test
    void theCommandsThatReadTheLedgerWorkWhileTheEngineRuns() throws Exception {
        Path root = OperatorRoots.withAFlow(dir.resolve("root"));
        Path sample = Path.of("sample-flows/in/AAA001").resolve(OperatorRoots.FLOW).toAbsolutePath();
        EngineProcess engine = EngineProcess.start(root, dir, dir.resolve("engine.log"), null, 0);
        try {
            assertTrue(engine.awaitReady(120_000), () -> engine.tail(40));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (OperatorRoots.acknowledgedFlows(root).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String flowId = OperatorRoots.acknowledgedFlows(root).get(0);

            Result flows = EngineCommand.run(dir, 3, "flows", "--root", root.toString());
            Result invoice = EngineCommand.run(dir, 3, "invoice", "--root", root.toString(), flowId + "-0001");
            Result validate = EngineCommand.run(dir, 3, "validate", "--root", root.toString(), "--partner", "AAA001", sample.toString());
            Result secondEngine = EngineCommand.run(dir, 3, OperatorRoots.runOnce("--root", root.toString()));

            assertAll(
                    () -> assertEquals(0, flows.status(), flows::all),
                    () -> assertTrue(flows.out().contains(flowId) && flows.out().contains("1 flow(s)"), flows::all),
                    () -> assertEquals(0, invoice.status(), invoice::all),
                    () -> assertTrue(invoice.out().contains("invoice " + flowId + "-0001"), invoice::all),
                    // The same file again: a duplicate of the flow the running engine's ledger holds (F09).
                    () -> assertEquals(1, validate.status(), validate::all),
                    () -> assertTrue(validate.out().contains("F09") && validate.out().contains(flowId), validate::all),
                    () -> assertEquals(EngineApplication.HELD_BY_ANOTHER_ENGINE, secondEngine.status(), secondEngine::all),
                    () -> assertTrue(engine.isAlive(), "the engine goes on"));
            assertEquals(List.of(), List.of(root.resolve("in/AAA001").toFile().list()));
        } finally {
            engine.stop(30_000);
        }
        assertTrue(Files.exists(root.resolve("db/chorus-edi.mv.db")));
    }
}
