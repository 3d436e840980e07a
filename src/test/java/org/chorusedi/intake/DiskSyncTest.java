package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flow's files and folders forced side by side: every one of them, and a failure of any one is the caller's. */
class DiskSyncTest {

    @TempDir
    Path dir;

    private final ExecutorService forcing = Executors.newFixedThreadPool(4);
    private final DiskSync sync = new DiskSync(forcing);

    @AfterEach
    void stopForcing() {
        forcing.shutdownNow();
    }

    @Test
    void filesAndFoldersAreForcedTogether() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("out"));
        Path file = Files.writeString(folder.resolve("invoice.xml"), "<Invoice/>");

        assertDoesNotThrow(() -> sync.force(List.of(file), List.of(folder, dir)));
    }

    @Test
    void aFolderThatCannotBeForcedFailsTheForcing() throws IOException {
        Path file = Files.writeString(dir.resolve("invoice.xml"), "<Invoice/>");
        Path gone = dir.resolve("gone");

        IOException failure = assertThrows(IOException.class, () -> sync.force(List.of(file), List.of(dir, gone)));
        assertTrue(failure.getMessage().contains("gone"), failure.getMessage());
    }
}
