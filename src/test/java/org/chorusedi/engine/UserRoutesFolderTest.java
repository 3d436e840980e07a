package org.chorusedi.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/route-authors/routes-of-your-own.md: the route files of chorus.routes.folder run beside the engine's in a
 * running engine (camel-main, as run starts it), with keys of their own from the configuration.
 */
class UserRoutesFolderTest {

    @TempDir
    Path root;
    @TempDir
    Path copies;

    @Test
    void theExampleRouteCopiesEachInvoiceDeliveredToTheMinistry() throws Exception {
        try (RunningEngine engine = RunningEngine.start(root, Map.of(
                "chorus.routes.folder", Path.of("examples/routes").toString(),
                "copy.ministry-folder", copies.toString()))) {
            engine.drop("AAA001", "01-ubl-ministere-livree.xml");
            engine.awaitFlows(1);
            Path outbox = engine.engine().folders().outbox("11000201100044", "SCE-ACHATS");
            List<Path> delivered;
            try (Stream<Path> files = Files.list(outbox)) {
                delivered = files.toList();
            }
            Path copy = copies.resolve(delivered.get(0).getFileName());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(copy)) {
                assertTrue(System.nanoTime() < deadline, "the example route did not copy " + delivered + " in time");
                Thread.sleep(50);
            }
            assertArrayEquals(Files.readAllBytes(delivered.get(0)), Files.readAllBytes(copy));
        }
    }
}
