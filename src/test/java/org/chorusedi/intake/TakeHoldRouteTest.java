package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chorusedi.generator.FlowGenerator;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 1: the flow that was read is the flow that is archived. Partners reuse names and write
 * aside then rename: a new file renamed over a dropped one while the engine reads it is a new flow, and
 * each original is archived under its own flow, with the size and SHA-256 the ledger holds for it.
 */
class TakeHoldRouteTest extends EngineRouteTestSupport {

    @Test
    void aFileRenamedOverADroppedOneWhileItIsReadIsANewFlowAndEachOriginalIsArchivedUnderItsOwnFlow() throws Exception {
        // A batch of a few megabytes: read for a while, long enough to rename another file over it meanwhile.
        Path firstAside = root.resolve("outgoing/first.xml");
        new FlowGenerator(InvoiceTemplate.toMinistry().withNumber("F-FIRST"), FlowGenerator.Syntaxes.UBL, 0)
                .writeBatch(firstAside, "AAA001", 400, 0);
        byte[] first = Files.readAllBytes(firstAside);
        byte[] second = InvoiceTemplate.toMinistry().withNumber("F-SECOND-1").ubl().getBytes(java.nio.charset.StandardCharsets.UTF_8);

        FlowsDone done = flowsDone(2);
        drop("AAA001", "f.xml", first);
        Path taken = awaitTaken("f.xml");
        Path aside = Files.write(folders().in().resolve("AAA001").resolve("f.xml.part"), second);
        Files.move(aside, folders().in().resolve("AAA001").resolve("f.xml"), StandardCopyOption.ATOMIC_MOVE);
        boolean stillReadingTheFirst = Files.exists(taken);
        await(done);

        List<Path> archived = files(folders().archive());
        Map<String, Path> byFlow = archived.stream().collect(Collectors.toMap(
                p -> p.getFileName().toString().substring(0, p.getFileName().toString().indexOf("__")), Function.identity()));
        Map<String, FlowRow> ledger = ledger().flows("AAA001", null).stream()
                .collect(Collectors.toMap(FlowRow::flowId, Function.identity()));
        String firstFlow = taken.getParent().getParent().getFileName().toString();
        String secondFlow = byFlow.keySet().stream().filter(id -> !id.equals(firstFlow)).findFirst().orElse("none");
        assertAll(
                () -> assertTrue(stillReadingTheFirst, "the second file came while the first was being read"),
                () -> assertEquals(2, archived.size(), archived::toString),
                () -> assertArrayEquals(first, Files.readAllBytes(byFlow.get(firstFlow)), "the first flow archives the bytes it read"),
                () -> assertArrayEquals(second, Files.readAllBytes(byFlow.get(secondFlow)), "the second file is a flow of its own"),
                () -> assertEquals(Map.of(firstFlow, sha256(first), secondFlow, sha256(second)),
                        Map.of(firstFlow, ledger.get(firstFlow).sha256(), secondFlow, ledger.get(secondFlow).sha256()),
                        "the ledger's SHA-256 is the archived file's"),
                () -> assertEquals(List.of((long) first.length, (long) second.length),
                        List.of(ledger.get(firstFlow).sizeBytes(), ledger.get(secondFlow).sizeBytes())),
                () -> assertEquals("92", Acks.status(folders().ack("AAA001").resolve(firstFlow + ".flux.xml"))),
                () -> assertEquals("92", Acks.status(folders().ack("AAA001").resolve(secondFlow + ".flux.xml")),
                        "the second flow is acknowledged too"),
                () -> assertEquals(401, files(folders().out()).size(), "400 invoices of the first, one of the second"),
                () -> assertEquals(List.of(), files(folders().in())),
                () -> assertEquals(List.of(), files(folders().work())));
    }

    /** Waits until the engine has taken the dropped file into its flow's staging folder; returns where it is. */
    private Path awaitTaken(String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> flows = Files.list(folders().work())) {
                for (Path flow : flows.toList()) {
                    Path taken = flow.resolve("original").resolve(name);
                    if (Files.exists(taken)) {
                        return taken;
                    }
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // a folder went away meanwhile
            }
            Thread.sleep(1);
        }
        throw new AssertionError(name + " was not taken into work/<flow id>/original/");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
