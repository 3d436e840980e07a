package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chorusedi.config.Folders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retrying a parked flow on real folders: moved once, never over a file of in/, never lost. */
class ParkedFlowsTest {

    private static final String ID = "AAA001-20261206T030000000-0042";

    @TempDir
    Path root;

    @Test
    void aParkedFlowGoesBackIntoInUnderItsOwnNameWithoutItsReport() throws Exception {
        Folders folders = new Folders(root).create();
        Path parked = park(folders, "facture.xml", "<Invoice/>");

        ParkedFlows.Retried retried = new ParkedFlows(folders).retry(ID);

        assertEquals(folders.in().resolve("AAA001").resolve("facture.xml"), retried.to());
        assertEquals("<Invoice/>", Files.readString(retried.to()));
        assertFalse(Files.exists(parked));
        assertFalse(Files.exists(parked.resolveSibling(parked.getFileName() + Folders.REPORT_SUFFIX)));
        assertThrows(ParkedFlows.NotParked.class, () -> new ParkedFlows(folders).retry(ID), "nothing left to retry");
    }

    @Test
    void aFileOfTheSameNameWaitingInInIsNeverReplaced() throws Exception {
        Folders folders = new Folders(root).create();
        Path parked = park(folders, "facture.xml", "<parked/>");
        Path waiting = Files.createDirectories(folders.in().resolve("AAA001")).resolve("facture.xml");
        Files.writeString(waiting, "<waiting/>");

        ParkedFlows.NameTaken taken = assertThrows(ParkedFlows.NameTaken.class, () -> new ParkedFlows(folders).retry(ID));

        assertTrue(taken.getMessage().contains("in/AAA001/ already has a file named facture.xml"), taken.getMessage());
        assertEquals("<waiting/>", Files.readString(waiting));
        assertEquals("<parked/>", Files.readString(parked));
    }

    @Test
    void idsThatAreNotParkedFlowsFindNothingAndTouchNothing() throws Exception {
        Folders folders = new Folders(root).create();
        park(folders, "facture.xml", "<Invoice/>");
        for (String id : List.of("AAA001-20261206T030000000-0043", "../AAA001-20261206T030000000-0042", "AAA001", "*",
                "AAA001-20261206T030000000-004*", "BBB002-20261206T030000000-0042")) {
            assertThrows(ParkedFlows.NotParked.class, () -> new ParkedFlows(folders).retry(id), id);
        }
        assertEquals(1, Files.list(folders.failed("AAA001")).filter(f -> !f.toString().endsWith(Folders.REPORT_SUFFIX)).count());
    }

    @Test
    void twoRetriesAtOnceMoveTheFlowOnce() throws Exception {
        Folders folders = new Folders(root).create();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) {
                Path inbox = folders.in().resolve("AAA001");
                if (Files.exists(inbox)) {
                    try (var files = Files.list(inbox)) {
                        for (Path file : files.toList()) {
                            Files.delete(file);
                        }
                    }
                }
                park(folders, "facture.xml", "<Invoice/>");
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<Boolean> retry = () -> {
                    start.await();
                    try {
                        new ParkedFlows(folders).retry(ID);
                        return true;
                    } catch (ParkedFlows.NotParked e) {
                        return false;
                    }
                };
                List<Future<Boolean>> both = new ArrayList<>(List.of(pool.submit(retry), pool.submit(retry)));
                int moved = 0;
                for (Future<Boolean> one : both) {
                    moved += one.get() ? 1 : 0;
                }
                assertEquals(1, moved, "round " + round);
                assertEquals(List.of(inbox.resolve("facture.xml")), Files.list(inbox).toList(), "round " + round);
                assertEquals(List.of(), Files.list(folders.failed("AAA001")).toList(), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Path park(Folders folders, String name, String content) throws Exception {
        Path failed = Files.createDirectories(folders.failed("AAA001"));
        Path parked = failed.resolve(ID + "__" + name);
        Files.writeString(parked, content);
        Files.writeString(failed.resolve(parked.getFileName() + Folders.REPORT_SUFFIX), "reason: the disk failed\n");
        return parked;
    }
}
