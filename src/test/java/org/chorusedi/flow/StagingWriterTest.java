package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow rejected as a whole in the middle of its invoices (an unsafe archive entry, F08) has its
 * staging folder removed at once: once the writer is closed, no staged write may land in it.
 */
class StagingWriterTest {

    @TempDir
    Path dir;

    @Test
    void closingWaitsForTheWriteUnderWayAndDropsTheRest() throws IOException {
        byte[] invoice = new byte[512];
        for (int round = 0; round < 200; round++) {
            Path staging = Files.createDirectory(dir.resolve("staging-" + round));
            try (StagingWriter writer = new StagingWriter()) {
                for (int i = 0; i < 500; i++) {
                    writer.write(staging.resolve(i + ".xml"), invoice, invoice.length);
                }
            }
            assertDoesNotThrow(() -> removeTree(staging), "round " + round + ": a write landed after close");
            assertFalse(Files.exists(staging), "round " + round);
        }
    }

    private static void removeTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }
}
