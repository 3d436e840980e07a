package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.chorusedi.config.Folders;
import org.chorusedi.ledger.Ledger.Move;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finishing a committed publication after the engine stopped at any point of it: the moves made are
 * passed over, the others made, and the staging folder goes, whatever of it a stop already removed.
 */
class PublicationCarryOutTest {

    @TempDir
    Path root;

    private Folders folders;
    private Path staging;
    private Path oldOutbox;
    private Path newOutbox;
    private List<Move> recycling;
    private final ExecutorService forcing = Executors.newFixedThreadPool(2);
    private final DiskSync sync = new DiskSync(forcing);

    @AfterEach
    void stopForcing() {
        forcing.shutdownNow();
    }

    /** A recycling's moves: the invoice taken back from its old outbox, then delivered to its new one, then the original archived. */
    @BeforeEach
    void recyclingStaged() throws IOException {
        folders = new Folders(root).create();
        staging = Files.createDirectories(folders.work().resolve("AAA001-20261128T154135931-0195"));
        Path original = Files.writeString(Files.createDirectories(staging.resolve(Publication.ORIGINAL)).resolve("recyclage.xml"), "request");
        Path staged = Files.writeString(staging.resolve("invoice-1.xml"), "invoice");
        oldOutbox = Files.createDirectories(folders.out().resolve("11111111111111").resolve("OLD"));
        newOutbox = Files.createDirectories(folders.out().resolve("11111111111111").resolve("NEW"));
        Path published = Files.writeString(oldOutbox.resolve("F-1.xml"), "invoice");
        Path withdrawn = Files.createDirectories(staging.resolve(Publication.WITHDRAWN)).resolve("0-F-1.xml");
        Path archived = Files.createDirectories(folders.archive().resolve("AAA001")).resolve("recyclage.xml");
        recycling = List.of(new Move(staged, newOutbox.resolve("F-1.xml")), new Move(published, withdrawn), new Move(original, archived));
    }

    @Test
    void aPublicationIsCarriedOutWholeAndTheStagingFolderDropped() throws IOException {
        Publication.carryOut(sync, folders, staging, recycling);

        assertPublished();
    }

    @Test
    void aStopAfterEveryMoveLeavesOnlyTheStagingFolderToDrop() throws IOException {
        for (Move move : recycling) {
            Files.move(move.from(), move.to());
        }

        Publication.carryOut(sync, folders, staging, recycling);

        assertPublished();
    }

    @Test
    void aStopWhileDroppingTheStagingFolderAfterItsWithdrawnFilesWentIsFinished() throws IOException {
        for (Move move : recycling) {
            Files.move(move.from(), move.to());
        }
        // Deleting the staging folder goes deepest first: withdrawn/ is gone, original/ is still there.
        Publication.deleteTree(staging.resolve(Publication.WITHDRAWN));

        Publication.carryOut(sync, folders, staging, recycling);

        assertPublished();
    }

    @Test
    void aStopBeforeTheWithdrawalIsFinishedFromThere() throws IOException {
        Files.move(recycling.get(0).from(), recycling.get(0).to());

        Publication.carryOut(sync, folders, staging, recycling);

        assertPublished();
    }

    @Test
    void aWithdrawalFromAnOutboxItsRecipientRemovedIsNothingToTakeBack() throws IOException {
        Publication.deleteTree(oldOutbox);

        Publication.carryOut(sync, folders, staging, recycling);

        assertPublished();
    }

    @Test
    void aDeliveryNeitherStagedNorPublishedIsNeverTakenForPublished() throws IOException {
        Files.delete(recycling.get(0).from());

        assertThrows(Publication.NeitherStagedNorPublished.class, () -> Publication.carryOut(sync, folders, staging, recycling));
        assertTrue(Files.isDirectory(staging), "the staging folder stays for the operator");
    }

    private void assertPublished() {
        assertEquals(List.of("F-1.xml"), names(newOutbox));
        assertFalse(Files.exists(oldOutbox.resolve("F-1.xml")), "the invoice is in one outbox only");
        assertTrue(Files.exists(folders.archive().resolve("AAA001").resolve("recyclage.xml")));
        assertFalse(Files.exists(staging), "staging folder dropped");
    }

    private static List<String> names(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
