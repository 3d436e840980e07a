package org.chorusedi.cluster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chorusedi.generator.FlowGenerator;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.support.EngineProcess;
import org.chorusedi.testkit.Archives;
import org.chorusedi.testkit.FolderFiles;
import org.chorusedi.testkit.TestDatabase;
import org.chorusedi.testkit.TestDirectory;
import org.chorusedi.testkit.TestFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: three engine nodes, each in a JVM of its own, on one PostgreSQL database and one root. About 250 flows are
 * dropped in waves (single invoices, batches, zips, two flows carrying the same invoice at once, the same bytes twice,
 * files that are no XML, and a batch of about 300 MB in the first wave) while nodes are SIGKILLed, at random times or right after a commit the database applied, and
 * started again, sometimes before their lease has passed (they settle their own flows), sometimes after (the others
 * have taken them over). At the end the invariants of KillRecoveryIT hold across the cluster: each dropped file
 * kept once and acknowledged once, each invoice delivered to exactly one outbox file or rejected as a duplicate
 * (I17, F09: the database decided), nothing left in in/ or work/; the directory was imported once, and the FAR37
 * extracts scheduled every 3 s were each published once, their sequence without gap or double.
 * Runs on PostgreSQL only (CHORUS_TEST_POSTGRES, as .ci/run sets it): cluster mode is refused on H2.
 */
class ClusterKillRecoveryIT {

    private static final long SEED = 20261128L;
    private static final int NODES = 3;
    private static final int LEASE_SECONDS = 3;
    private static final long GUARD_MS = 240_000;
    private static final String PARTNER = "AAA001";
    /** An invoice's number, near the top of its file: CL-... made here, G-0000001... by FlowGenerator (the large batch). */
    private static final Pattern NUMBER = Pattern.compile("CL-\\d{3,4}-\\d|G-\\d{7}");
    /** About 250 flows of every shape. */
    private static final int ROUNDS = 125;
    /** 150 invoices with a 1.5 MB attachment each (about 2 MB of base64): about 300 MB, dropped in the first wave. */
    private static final int LARGE_INVOICES = 150;
    private static final Pattern KEPT = Pattern.compile("(AAA001-\\d{8}T\\d{9}-\\d{4,})__(.+)");
    private static final Pattern FLUX = Pattern.compile("(AAA001-\\d{8}T\\d{9}-\\d{4,})\\.flux\\.xml");
    private static final Pattern EXTRACT = Pattern.compile("FAR37_AAA001_(FULL|DELTA)_(\\d{14})_(\\d+)\\.xml");
    /** The DEBUG line the ledger logs once the database applied a commit: a node killed there has published nothing. */
    private static final Pattern COMMITTED = Pattern.compile("flow AAA001-\\S+ committed");

    /** Kept when the test fails: each node's log is there (node-<n>-<start>.log). */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /** What a dropped flow must come to. */
    private enum Expect { DELIVERED, ONE_OF_TWO, SAME_BYTES, NOT_XML }

    private record Drop(String name, Path aside, Set<String> numbers, Expect expect) {
    }

    private final EngineProcess[] nodes = new EngineProcess[NODES];
    private final int[] starts = new int[NODES];
    /** Started to kill itself right after a commit. */
    private final boolean[] armed = new boolean[NODES];
    private String url;
    private Path root;

    @Test
    void everyFlowIsDecidedOnceAcrossNodesKilledAndStartedAgain() throws Exception {
        assumeTrue(TestDatabase.postgres(), "cluster mode needs PostgreSQL: set CHORUS_TEST_POSTGRES (skipped on H2)");
        url = TestDatabase.url(dir.resolve("db"));
        root = dir.resolve("root");
        TestDirectory.copyInto(root.resolve("directory"));
        List<Drop> drops = prepare(dir.resolve("outgoing"));
        Random random = new Random(SEED);
        List<String> kills = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                start(i, null);
            }
            for (int i = 0; i < NODES; i++) {
                assertTrue(nodes[i].awaitReady(GUARD_MS), nodes[i].tail(40));
            }
            int next = 0;
            while (next < drops.size()) {
                // A wave, dropped at once: a duplicate pair always in the same wave (both nodes decide at the same moment).
                int end = Math.min(drops.size(), next + 16 + random.nextInt(16));
                while (end < drops.size() && drops.get(end - 1).expect() != Expect.DELIVERED
                        && drops.get(end).expect() == drops.get(end - 1).expect()) {
                    end++;
                }
                for (; next < end; next++) {
                    drop(drops.get(next));
                }
                Thread.sleep(random.nextInt(1500));
                int victim = random.nextInt(NODES);
                if (nodes[victim].kill("after a wave")) {
                    kills.add("node-" + victim + " at " + nodes[victim].elapsedMs() + " ms of its start " + starts[victim]);
                }
                for (int i = 0; i < NODES; i++) {
                    if (!nodes[i].isAlive() || nodes[i].killed()) {
                        if (!nodes[i].killed()) {
                            throw new AssertionError("node-" + i + " ended by itself:\n" + nodes[i].tail(60));
                        }
                        if (i != victim) {
                            kills.add("node-" + i + ": " + nodes[i].killReason());
                        }
                        nodes[i].awaitExit(GUARD_MS);
                        // Sometimes back within its lease (it settles its own flows), sometimes after (taken over).
                        Thread.sleep(random.nextInt(LEASE_SECONDS * 1000 + 2000));
                        start(i, random.nextBoolean() ? COMMITTED : null);
                    }
                }
            }
            // The last stretch: every node alive, none killed any more (one still waiting for its commit to kill itself
            // is killed now, what it holds taken over), until every flow is acknowledged and settled in the ledger.
            for (int i = 0; i < NODES; i++) {
                if (armed[i] && nodes[i].kill("the last stretch")) {
                    kills.add("node-" + i + " for the last stretch, at " + nodes[i].elapsedMs() + " ms of its start " + starts[i]);
                }
                if (nodes[i].killed() || !nodes[i].isAlive()) {
                    nodes[i].awaitExit(GUARD_MS);
                    start(i, null);
                }
            }
            awaitAllDecided(drops);
            for (EngineProcess node : nodes) {
                assertTrue(node.stop(GUARD_MS) >= 0);
            }
        } finally {
            for (EngineProcess node : nodes) {
                if (node != null) {
                    node.kill("test ended");
                }
            }
        }
        System.out.println("kills: " + kills);
        assertTrue(kills.size() >= 5, "nodes were killed while flows were decided: " + kills);
        long takenOver = logLines("takes over flow");
        System.out.println("flows taken over from dead nodes: " + takenOver);
        assertTrue(takenOver >= 1, "a dead node's flow was taken over by another node");
        check(drops);
    }

    private void start(int node, Pattern killOn) throws IOException {
        starts[node]++;
        armed[node] = killOn != null;
        nodes[node] = EngineProcess.start(root, dir, dir.resolve("node-" + node + "-" + starts[node] + ".log"), killOn,
                killOn == null ? 0 : 5, List.of(
                        "-Dchorus.rules.level=off",
                        "-Dchorus.db.url=" + url,
                        "-Dchorus.db.user=" + TestDatabase.user(),
                        "-Dchorus.cluster.enabled=true",
                        "-Dchorus.cluster.node-id=node-" + node,
                        "-Dchorus.cluster.lease-seconds=" + LEASE_SECONDS,
                        "-Dchorus.far37.subscribers=" + PARTNER,
                        "-Dchorus.far37.full-cron=",
                        "-Dchorus.far37.delta-cron=0/3 * * * * ?",
                        "-Dchorus.far37.timezone=UTC",
                        "-Dchorus.far37.retention=0"));
    }

    /** The flows, written aside (same file system as the root) and renamed into the drop directory in waves. */
    private static List<Drop> prepare(Path outgoing) throws IOException {
        Files.createDirectories(outgoing);
        List<Drop> drops = new ArrayList<>();
        int flow = 0;
        InvoiceTemplate large = InvoiceTemplate.toMinistry().withAttachment("annexe-technique.pdf", 1_500_000);
        Path largeBatch = outgoing.resolve("gros-lot.xml");
        assertEquals(LARGE_INVOICES, new FlowGenerator(large, FlowGenerator.Syntaxes.UBL, 0).writeBatch(largeBatch, PARTNER, LARGE_INVOICES, 0));
        assertTrue(Files.size(largeBatch) > 290_000_000L, "about 300 MB: " + Files.size(largeBatch));
        Set<String> largeNumbers = new TreeSet<>();
        for (int k = 1; k <= LARGE_INVOICES; k++) {
            largeNumbers.add(String.format("G-%07d", k));
        }
        drops.add(new Drop(largeBatch.getFileName().toString(), largeBatch, largeNumbers, Expect.DELIVERED));
        for (int i = 0; i < ROUNDS; i++) {
            flow++;
            String number = number(flow, 1);
            InvoiceTemplate invoice = InvoiceTemplate.toMinistry().withNumber(number);
            drops.add(write(outgoing, "facture-" + flow + ".xml", i % 2 == 0 ? invoice.ubl() : invoice.cii(), Set.of(number),
                    Expect.DELIVERED));
            if (i % 4 == 3) {
                flow++;
                List<InvoiceTemplate> invoices = new ArrayList<>();
                for (int k = 1; k <= 4; k++) {
                    invoices.add(InvoiceTemplate.toMinistry().withNumber(number(flow, k)));
                }
                drops.add(write(outgoing, "lot-" + flow + ".xml", TestFlows.batch(PARTNER, invoices.toArray(InvoiceTemplate[]::new)),
                        numbers(flow, 4), Expect.DELIVERED));
            }
            if (i % 6 == 5) {
                flow++;
                Map<String, byte[]> entries = new LinkedHashMap<>();
                for (int k = 1; k <= 3; k++) {
                    entries.put("f" + k + ".xml", InvoiceTemplate.toMinistry().withNumber(number(flow, k)).ubl()
                            .getBytes(StandardCharsets.UTF_8));
                }
                drops.add(write(outgoing, "archive-" + flow + ".zip", Archives.zip(entries), numbers(flow, 3), Expect.DELIVERED));
            }
            if (i % 7 == 6) {
                // The same invoice in two flows of different bytes (UBL, CII), dropped together: one is delivered (I17).
                flow++;
                String twice = number(1000 + flow, 1);
                InvoiceTemplate same = InvoiceTemplate.toMinistry().withNumber(twice);
                drops.add(write(outgoing, "double-a-" + flow + ".xml", same.ubl(), Set.of(twice), Expect.ONE_OF_TWO));
                drops.add(write(outgoing, "double-b-" + flow + ".xml", same.cii(), Set.of(twice), Expect.ONE_OF_TWO));
            }
            if (i % 9 == 8) {
                // The same bytes under two names: one is processed, the other rejected (F09).
                flow++;
                String once = number(flow, 1);
                String bytes = InvoiceTemplate.toMinistry().withNumber(once).ubl();
                drops.add(write(outgoing, "meme-a-" + flow + ".xml", bytes, Set.of(once), Expect.SAME_BYTES));
                drops.add(write(outgoing, "meme-b-" + flow + ".xml", bytes, Set.of(once), Expect.SAME_BYTES));
            }
            if (i % 10 == 9) {
                drops.add(write(outgoing, "pas-xml-" + i + ".xml", "not XML at all " + i, Set.of(), Expect.NOT_XML));
            }
        }
        return drops;
    }

    private static String number(int flow, int position) {
        return String.format("CL-%03d-%d", flow, position);
    }

    private static Set<String> numbers(int flow, int count) {
        Set<String> numbers = new TreeSet<>();
        for (int k = 1; k <= count; k++) {
            numbers.add(number(flow, k));
        }
        return numbers;
    }

    private static Drop write(Path outgoing, String name, String content, Set<String> numbers, Expect expect) throws IOException {
        return write(outgoing, name, content.getBytes(StandardCharsets.UTF_8), numbers, expect);
    }

    private static Drop write(Path outgoing, String name, byte[] content, Set<String> numbers, Expect expect) throws IOException {
        Path aside = Files.write(outgoing.resolve(name), content);
        return new Drop(name, aside, numbers, expect);
    }

    private void drop(Drop drop) throws IOException {
        Path folder = Files.createDirectories(root.resolve("in").resolve(PARTNER));
        Files.move(drop.aside(), folder.resolve(drop.name()), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Every dropped file kept and acknowledged, nothing left pending or staged, and every flow published in the
     * ledger with no claim left (a flow whose files were all moved when its node died is marked published by the node
     * that takes it over, once the dead node's lease has passed).
     */
    private void awaitAllDecided(List<Drop> drops) throws Exception {
        long deadline = System.currentTimeMillis() + GUARD_MS;
        while (kept().size() < drops.size() || fluxReports().size() < drops.size() || !FolderFiles.under(root.resolve("in")).isEmpty()
                || !FolderFiles.under(root.resolve("work")).isEmpty() || !ledger().equals(List.of(drops.size(), 0, 0))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not every flow was decided: " + kept().size() + " kept, " + fluxReports().size()
                        + " reports of " + drops.size() + "; in/ " + FolderFiles.under(root.resolve("in")) + "; work/ " + FolderFiles.under(root.resolve("work"))
                        + "; ledger " + ledger() + "\n" + nodes[0].tail(40));
            }
            Thread.sleep(200);
        }
    }

    private void check(List<Drop> drops) throws Exception {
        Map<String, List<Path>> keptByName = new HashMap<>();
        Map<String, String> flowByName = new HashMap<>();
        for (Path file : kept()) {
            Matcher kept = KEPT.matcher(file.getFileName().toString());
            assertTrue(kept.matches(), file.toString());
            keptByName.computeIfAbsent(kept.group(2), n -> new ArrayList<>()).add(file);
            flowByName.put(kept.group(2), kept.group(1));
        }
        Map<String, List<Path>> delivered = new TreeMap<>();
        for (Path file : FolderFiles.under(root.resolve("out"))) {
            Matcher number = NUMBER.matcher(head(file));
            assertTrue(number.find(), file.toString());
            delivered.computeIfAbsent(number.group(), n -> new ArrayList<>()).add(file);
        }
        Set<String> fluxFlows = new TreeSet<>();
        for (Path report : fluxReports()) {
            Matcher flux = FLUX.matcher(report.getFileName().toString());
            assertTrue(flux.matches(), report.toString());
            fluxFlows.add(flux.group(1));
        }

        List<Runnable> checks = new ArrayList<>();
        Map<String, String> statusByName = new HashMap<>();
        for (Drop drop : drops) {
            List<Path> kept = keptByName.getOrDefault(drop.name(), List.of());
            assertEquals(1, kept.size(), () -> drop.name() + " is kept once: " + kept);
            String flowId = flowByName.get(drop.name());
            assertTrue(fluxFlows.contains(flowId), () -> drop.name() + " (" + flowId + ") is acknowledged");
            statusByName.put(drop.name(), Acks.status(root.resolve("ack").resolve(PARTNER).resolve(flowId + ".flux.xml")));
        }
        for (Drop drop : drops) {
            String status = statusByName.get(drop.name());
            Path report = root.resolve("ack").resolve(PARTNER).resolve(flowByName.get(drop.name()) + ".flux.xml");
            switch (drop.expect()) {
                case DELIVERED -> {
                    assertEquals("92", status, () -> drop.name() + ": " + Acks.errorDescriptions(report));
                    drop.numbers().forEach(n -> assertEquals(1, delivered.getOrDefault(n, List.of()).size(), () -> n + ": " + delivered.get(n)));
                }
                case ONE_OF_TWO -> {
                    String number = drop.numbers().iterator().next();
                    assertEquals(1, delivered.getOrDefault(number, List.of()).size(), () -> number + " delivered once: " + delivered.get(number));
                    assertTrue(status.equals("92") || status.equals("93") && Acks.errorCodes(report).equals(List.of("I17")),
                            () -> drop.name() + ": " + status + " " + Acks.errorDescriptions(report));
                }
                case SAME_BYTES -> {
                    String number = drop.numbers().iterator().next();
                    assertEquals(1, delivered.getOrDefault(number, List.of()).size(), () -> number + " delivered once: " + delivered.get(number));
                    assertTrue(status.equals("92") || status.equals("93") && Acks.errorCodes(report).equals(List.of("F09")),
                            () -> drop.name() + ": " + status + " " + Acks.errorDescriptions(report));
                }
                case NOT_XML -> assertEquals("93", status, drop.name());
            }
        }
        long pairsDelivered = drops.stream().filter(d -> d.expect() == Expect.ONE_OF_TWO || d.expect() == Expect.SAME_BYTES)
                .filter(d -> statusByName.get(d.name()).equals("92")).count();
        long pairs = drops.stream().filter(d -> d.expect() == Expect.ONE_OF_TWO || d.expect() == Expect.SAME_BYTES).count() / 2;
        Set<String> expected = new TreeSet<>();
        drops.forEach(d -> expected.addAll(d.numbers()));

        int extracts = checkFar37();
        assertAll(
                () -> assertEquals(pairs, pairsDelivered, "one flow of each pair delivered, the other rejected as a duplicate"),
                () -> assertEquals(expected, delivered.keySet(), "every invoice delivered, and nothing else"),
                () -> assertEquals(drops.size(), fluxFlows.size(), "one flow report per dropped file, and no other"),
                () -> assertEquals(List.of(), FolderFiles.under(root.resolve("in")), "nothing left pending"),
                () -> assertEquals(List.of(), FolderFiles.under(root.resolve("work")), "nothing left staged"),
                () -> assertEquals(2, FolderFiles.under(root.resolve("directory").resolve("imported")).size(), "the directory imported once"),
                () -> assertEquals(List.of(), FolderFiles.under(root.resolve("directory").resolve("rejected"))),
                () -> assertTrue(extracts >= 2, "FAR37 fires during the run: " + extracts),
                () -> assertEquals(List.of(drops.size(), 0, 0), ledger(), "each flow once in the ledger, published, no claim left"));
    }

    /** Each extract's sequence once, without gap; each 3-second fire served by one extract at most. */
    private int checkFar37() throws IOException {
        Map<Long, String> bySequence = new TreeMap<>();
        Map<Long, String> byFire = new HashMap<>();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
        for (Path file : FolderFiles.under(root.resolve("far37").resolve(PARTNER))) {
            Matcher extract = EXTRACT.matcher(file.getFileName().toString());
            if (!extract.matches()) {
                continue; // its checksum
            }
            String name = file.getFileName().toString();
            long sequence = Long.parseLong(extract.group(3));
            assertEquals(null, bySequence.put(sequence, name), "sequence " + sequence + " once");
            long fire = LocalDateTime.parse(extract.group(2), time).toEpochSecond(ZoneOffset.UTC) / 3;
            String other = byFire.put(fire, name);
            assertEquals(null, other, () -> "two extracts for one fire: " + other + " and " + name);
        }
        List<Long> sequences = new ArrayList<>(bySequence.keySet());
        for (int i = 0; i < sequences.size(); i++) {
            assertEquals(i + 1, sequences.get(i), "no gap in the sequence: " + bySequence.values());
        }
        return sequences.size();
    }

    /** Flows in the ledger, flows not published, claims left. */
    private List<Integer> ledger() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.user(), "");
             Statement statement = connection.createStatement()) {
            return List.of(count(statement, "SELECT count(*) FROM ledger_flow"),
                    count(statement, "SELECT count(*) FROM ledger_flow WHERE state <> 'PUBLISHED'"),
                    count(statement, "SELECT count(*) FROM flow_claim"));
        }
    }

    private static int count(Statement statement, String sql) throws Exception {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    /** The lines of every node's log that hold {@code text}. */
    private long logLines(String text) throws IOException {
        long count = 0;
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log : logs.filter(f -> f.getFileName().toString().startsWith("node-")).toList()) {
                try (Stream<String> lines = Files.lines(log)) {
                    count += lines.filter(line -> line.contains(text)).count();
                }
            }
        }
        return count;
    }

    /** The first 64 KB of a delivered invoice, where its number is: the large batch's are 2 MB each. */
    private static String head(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
    }

    private List<Path> kept() throws IOException {
        List<Path> kept = new ArrayList<>(FolderFiles.under(root.resolve("archive")));
        kept.addAll(FolderFiles.under(root.resolve("rejected")));
        return kept;
    }

    private List<Path> fluxReports() throws IOException {
        return FolderFiles.under(root.resolve("ack")).stream().filter(f -> f.getFileName().toString().endsWith(".flux.xml")).toList();
    }

}
