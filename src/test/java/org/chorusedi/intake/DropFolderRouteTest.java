package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.support.ScheduledPollConsumer;
import org.chorusedi.cli.ChorusEdi;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.SharedEngine;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, items 5 and 6, through the running engine: only regular files are taken and links are never
 * followed; every regular file is taken or refused with an acknowledgement whatever its name bytes and
 * its date; control characters from outside never reach a log line, the ledger or a command's output
 * unescaped.
 */
@SharedEngine
class DropFolderRouteTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();
    private static final String OUTBOX = InvoiceTemplate.MINISTRY + "/SCE-ACHATS";

    /** A minimum age, as in production (1 s there): with one, Camel's read lock never took a file dated in the future. */
    @Override
    protected Properties properties() {
        Properties properties = super.properties();
        properties.setProperty("chorus.intake.read-lock-min-age-ms", "300");
        return properties;
    }

    @Test
    void theDropDirectoryIsPolledAsSoonAsTheRouteStartsAndThenEveryPollDelay() {
        ScheduledPollConsumer intake = (ScheduledPollConsumer) context.getRoute("flow-intake").getConsumer();
        assertEquals(0, intake.getInitialDelay(), "a flow waiting at start-up is taken at the second poll, one delay after");
        assertEquals(100, intake.getDelay(), "chorus.intake.poll-delay-ms, the tests' own");
    }

    @Test
    void linksFifosAndOtherFilesThatAreNotRegularAreRefusedWithF10WithoutBeingOpenedAndMovedOutOfTheDropDirectory() throws Exception {
        Path outside = Files.createDirectories(root.getParent().resolve(root.getFileName() + "-outside"));
        byte[] secret = MINISTRY.withNumber("F-OUTSIDE-1").ubl().getBytes(StandardCharsets.UTF_8);
        Path outsideInvoice = Files.write(outside.resolve("invoice.xml"), secret);
        Path in = Files.createDirectories(folders().in().resolve("AAA001"));
        FlowsDone done = flowsDone(6);
        Files.createSymbolicLink(in.resolve("link-to-an-invoice-outside.xml"), outsideInvoice);
        Files.createSymbolicLink(in.resolve("link-to-passwd.xml"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(in.resolve("dangling-link.xml"), outside.resolve("nothing-there.xml"));
        Files.createSymbolicLink(in.resolve("link-to-a-folder"), outside);
        run("mkfifo", in.resolve("a-fifo.xml").toString());
        drop("AAA001", "good.xml", MINISTRY.withNumber("F-GOOD-1").ubl());
        await(done);

        Map<String, Path> rejected = files(folders().rejected("AAA001")).stream()
                .collect(Collectors.toMap(p -> p.getFileName().toString().substring(p.getFileName().toString().indexOf("__") + 2), p -> p));
        List<Path> rejectedEntries;
        try (var entries = Files.list(folders().rejected("AAA001"))) {
            rejectedEntries = entries.toList();
        }
        assertAll(
                () -> assertEquals(List.of(), listing(in), "nothing is left in the drop directory"),
                () -> assertEquals(5, rejectedEntries.size(), rejectedEntries::toString),
                () -> {
                    for (Path entry : rejectedEntries) {
                        String name = entry.getFileName().toString();
                        String flowId = name.substring(0, name.indexOf("__"));
                        Path report = folders().ack("AAA001").resolve(flowId + ".flux.xml");
                        assertEquals(List.of("F10"), Acks.errorCodes(report), name);
                        assertFalse(Files.readString(report).contains("root:"), "the target of a link is never read");
                        assertFalse(Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS), name + " is kept as it was: the link itself");
                    }
                },
                () -> assertTrue(Files.isSymbolicLink(rejectedEntries.stream()
                        .filter(p -> p.toString().endsWith("__link-to-an-invoice-outside.xml")).findFirst().orElseThrow())),
                () -> assertArrayEquals(secret, Files.readAllBytes(outsideInvoice), "the file outside is left as it is"),
                () -> assertEquals(List.of("invoice.xml"), listing(outside).stream().map(p -> p.getFileName().toString()).toList()),
                () -> assertEquals(1, files(folders().out()).size(), "only the good invoice is delivered: " + files(folders().out())),
                () -> assertTrue(rejected.containsKey("a-fifo.xml") || rejectedEntries.stream().anyMatch(p -> p.toString().endsWith("__a-fifo.xml"))));
    }

    @Test
    void anOutboxOrAcknowledgementFolderThatIsALinkIsNeverWrittenThroughAndTheFlowIsParkedWithTheReason() throws Exception {
        Path elsewhere = Files.createDirectories(root.getParent().resolve(root.getFileName() + "-elsewhere"));
        Files.createSymbolicLink(folders().out().resolve(InvoiceTemplate.MINISTRY), elsewhere);
        drop("AAA001", "to-a-linked-outbox.xml", MINISTRY.withNumber("F-LINKED-1").ubl());
        String report = Files.readString(awaitReport("AAA001"));

        assertAll(
                () -> assertTrue(report.contains("is a symbolic link"), report),
                () -> assertEquals(List.of(), listing(elsewhere), "nothing is written through the link"),
                () -> assertEquals(List.of(), files(folders().ack()), "nothing acknowledged"),
                () -> assertEquals(List.of(), files(folders().work()), "nothing left staged"),
                () -> assertEquals("PARKED", ledger().flows("AAA001", null).get(0).state()));
    }

    @Test
    void aNameThatIsNotValidUtf8IsRenamedThenTakenAndAcknowledged() throws Exception {
        Path in = Files.createDirectories(folders().in().resolve("AAA001"));
        Path invoice = Files.writeString(root.resolve("facture.xml"), MINISTRY.withNumber("F-LATIN1-1").ubl());
        FlowsDone done = flowsDone(1);
        // 0xE9 alone ("é" in Latin-1) is no UTF-8: Java cannot even open such a name.
        run("sh", "-c", "mv \"$0\" \"$1/$(printf 'facture-\\351t\\351.xml')\"", invoice.toString(), in.toString());
        await(done);

        Path kept = single(folders().archive(), ".xml");
        assertAll(
                () -> assertTrue(kept.getFileName().toString().endsWith("__facture-%E9t%E9.xml"), kept::toString),
                () -> assertEquals("92", Acks.status(single(folders().ack("AAA001"), ".flux.xml"))),
                () -> assertEquals(1, files(folders().out().resolve(OUTBOX)).size()),
                () -> assertEquals(List.of(), listing(in)));
    }

    @Test
    void filesDatedInTheFutureAreTakenOnceTheyStayTheSame() throws Exception {
        FlowsDone done = flowsDone(4);
        for (int i = 1; i <= 3; i++) {
            Path file = drop("AAA001", "dated-2100-" + i + ".xml", MINISTRY.withNumber("F-2100-" + i).ubl());
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2100-01-01T00:00:00Z")));
        }
        drop("BBB002", "another-partner.xml", MINISTRY.withNumber("F-NOW-1").ubl());
        await(done);

        assertAll(
                () -> assertEquals(4, files(folders().out().resolve(OUTBOX)).size()),
                () -> assertEquals(3, files(folders().ack("AAA001")).stream().filter(p -> p.toString().endsWith(".flux.xml")).count()),
                () -> assertEquals(List.of(), files(folders().in())));
    }

    @Test
    void controlCharactersFromOutsideAreEscapedInTheLogTheLedgerAndTheCommandsOutput() throws Exception {
        String name = "evil\n2026-11-28 ERROR forged line\u001b[31m.xml";
        // XML 1.0 lets a C1 control (U+0085) and a tab (by reference) into a value.
        String number = "F-CTRL\u0085\t1";
        PrintStream console = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            FlowsDone done = flowsDone(1);
            drop("AAA001", name, MINISTRY.withNumber(number).ubl());
            await(done);
        } finally {
            System.setErr(console);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        FlowRow flow = ledger().flows("AAA001", null).get(0);
        InvoiceRow invoice = ledger().invoices(flow.flowId() + "-0001").get(0);
        String flows = command("flows");
        String shown = command("invoice", flow.flowId() + "-0001");

        assertAll(
                () -> assertTrue(logged.contains("evil\\x0A2026-11-28 ERROR forged line\\x1B[31m.xml"), logged),
                () -> assertFalse(logged.contains("\u001b") || logged.contains("\n2026-11-28 ERROR forged"), "no raw control character logged"),
                () -> assertEquals("evil\\x0A2026-11-28 ERROR forged line\\x1B[31m.xml", flow.fileName(), "escaped in the ledger"),
                () -> assertEquals("F-CTRL\\x85\\x091", invoice.number(), "escaped in the ledger"),
                () -> assertTrue(flows.contains("evil\\x0A2026") && !flows.contains("\u001b"), flows),
                () -> assertTrue(shown.contains("F-CTRL\\x85\\x091") && !shown.contains("\u0085"), shown));
    }

    private String command(String... args) {
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new java.util.ArrayList<>(List.of(args));
            all.addAll(List.of("--root", root.toString(), "-Dchorus.db.url=" + databaseUrl(), "-Dchorus.db.user=" + TestDatabase.user()));
            assertEquals(0, ChorusEdi.execute(all.toArray(String[]::new)));
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Waits for the report of a flow parked for this partner. */
    private Path awaitReport(String partner) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            // Parking ends after the report is written: the flow's exchange is done then.
            for (Path file : files(folders().failed(partner))) {
                if (file.toString().endsWith(".report.txt") && context.getInflightRepository().size("flow-intake") == 0) {
                    return file;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no flow parked in failed/" + partner);
    }

    /** The entries of a folder, links included, without following them. */
    private static List<Path> listing(Path folder) throws Exception {
        try (var entries = Files.list(folder)) {
            return entries.sorted().toList();
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command));
    }
}
