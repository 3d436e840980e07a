package org.chorusedi.engine;

import org.chorusedi.testkit.FolderFiles;
import org.chorusedi.testkit.TestDirectory;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 4: {@code run --once} always ends. A flow that fails at every attempt (here its recipient's
 * outbox cannot be made: a file stands where the folder should be) is tried again a bounded number of
 * times, with a growing delay, then parked in failed/ beside its report; the other flows are delivered and
 * the command ends.
 */
class RunOnceIT {

    @TempDir
    Path dir;

    @Test
    void runOnceEndsWithAFlowThatFailsAtEveryAttemptParkedAndTheOthersDelivered() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("directory"));
        TestDirectory.copyInto(root.resolve("directory"));
        Files.createDirectories(root.resolve("out"));
        Files.writeString(root.resolve("out").resolve(InvoiceTemplate.MINISTRY), "not a folder");
        Path in = Files.createDirectories(root.resolve("in/AAA001"));
        Files.writeString(in.resolve("to-the-ministry.xml"), InvoiceTemplate.toMinistry().withNumber("F-ONCE-1").ubl());
        Files.writeString(in.resolve("to-the-city.xml"), InvoiceTemplate.toMinistry().withNumber("F-ONCE-2")
                .withRecipient(InvoiceTemplate.CITY).withServiceCode(null).ubl());

        EngineCommand.Result run = EngineCommand.run(dir, 5, "run", "--once", "--root", root.toString(),
                "-Dchorus.db.url=" + TestDatabase.url(dir.resolve("db")), "-Dchorus.db.user=" + TestDatabase.user(),
                "-Dchorus.once.idle-seconds=2", "-Dchorus.intake.poll-delay-ms=100", "-Dchorus.intake.read-lock-min-age-ms=0",
                "-Dchorus.intake.read-lock-check-interval-ms=100", "-Dchorus.intake.retries=3", "-Dchorus.intake.retry-delay-ms=200");

        List<Path> parked = FolderFiles.under(root.resolve("failed/AAA001"));
        assertAll(
                () -> assertEquals(0, run.status(), run::all),
                () -> assertEquals(2, parked.size(), parked::toString),
                () -> assertTrue(parked.stream().anyMatch(p -> p.toString().endsWith("__to-the-ministry.xml"))),
                () -> assertTrue(Files.readString(parked.stream().filter(p -> p.toString().endsWith(".report.txt")).findFirst().orElseThrow())
                        .contains("attempts:  4")),
                () -> assertTrue(run.err().contains("parked as failed/AAA001/"), run::all),
                () -> assertEquals(1, FolderFiles.under(root.resolve("out").resolve(InvoiceTemplate.CITY)).size(), "the other flow is delivered"),
                () -> assertEquals(List.of(), FolderFiles.under(root.resolve("in")), "nothing is left pending"),
                () -> assertEquals(List.of(), FolderFiles.under(root.resolve("work")), "nothing is left staged"));
    }

}
