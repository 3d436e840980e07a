package org.chorusedi.intake;

import org.chorusedi.testkit.FolderFiles;
import org.chorusedi.testkit.TestDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.chorusedi.generator.FlowGenerator;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.support.EngineProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety (issue 5): the engine, in a JVM of its own, is killed with SIGKILL at many points while it
 * takes flows (reading, validating, staging, committing, right after a commit the database applied,
 * publishing, recovering at start-up, in the middle of a 300 MB batch) and restarted. After every kill, while it is stopped, each dropped flow is in exactly
 * one place (pending in {@code in/AAA001} or taken into {@code work/}, or kept in the archive or {@code rejected/}) with at most one
 * acknowledgement, exactly one once its original is kept; every file a reader can see in the outboxes is a
 * whole invoice, byte-identical to what a clean run delivers, and delivered once; at most one publication is
 * half done. After a last start that runs until everything is processed, every flow has exactly one
 * acknowledgement, its original kept once, its accepted invoices all in the outbox once each, and
 * {@code work/} is empty.
 *
 * <p>What "byte-identical" means comes from a clean run of the engine on the same flows (hard links), checked
 * itself against the invoices' own bytes where they are known (single files, zip entries). The kill points
 * come from a fixed seed: the schedule is printed first, and what each kill interrupted after it.
 */
// On H2 only in CI (.ci/run): the embedded database dies with the killed engine, the harder case; a PostgreSQL server
// survives it, and the engine's commit protocol is the same code (ClusterKillRecoveryIT kills engines on PostgreSQL).
@Tag("h2-only")
class KillRecoveryIT {

    private static final long SEED = 20261126L;
    /**
     * The crash tests' settings (EngineProcess.start: the rules off), with four flows decided at a time: single files
     * dropped together then reach their commit together and are committed as groups, where some of the kills land.
     */
    private static final List<String> SETTINGS = List.of("-Dchorus.rules.level=off", "-Dchorus.intake.threads=4");
    private static final String PARTNER = "AAA001";
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final Pattern OUTBOX_NAME = Pattern.compile("(AAA001-\\d{8}T\\d{9}-\\d{4})-(\\d{4})\\.xml");
    private static final Pattern ACK_NAME = Pattern.compile("(AAA001-\\d{8}T\\d{9}-\\d{4})\\.(flux|factures)\\.xml");
    private static final Pattern KEPT_NAME = Pattern.compile("(AAA001-\\d{8}T\\d{9}-\\d{4})__(.+)");
    private static final Pattern COMMENT = Pattern.compile("^File (.+?): ");
    private static final String RECOVERY_LINES = "finishing the publication|dropping the unfinished flow";
    /**
     * The commit record of a publication in work/<flow id>/ up to 3855ab1; since the ledger (1a47d6e) it is in the
     * database, and a publication under way is told by an invoice in the outbox before its flow's acknowledgement.
     */
    private static final String UNKNOWN_SIRET = "55203253400646";
    private static final long READY_GUARD_MS = 90_000;
    private static final long FINAL_GUARD_MS = 240_000;

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- flows

    /** What each kind of flow must come to in a clean run. */
    enum Kind {
        UBL("92", false, 1, "xml"), CII("92", false, 1, "xml"), UNKNOWN("93", false, 0, "xml"),
        BATCH96("96", false, 4, "xml"), F03("93", true, 0, "xml"), ZIP("92", false, 3, "zip"),
        MANY("92", false, 300, "xml"), LARGE("92", false, 150, "xml");

        final String status;
        final boolean rejectedWhole;
        final int delivered;
        final String extension;

        Kind(String status, boolean rejectedWhole, int delivered, String extension) {
            this.status = status;
            this.rejectedWhole = rejectedWhole;
            this.delivered = delivered;
            this.extension = extension;
        }
    }

    /** A dropped flow, prepared aside in outgoing/ before anything starts. {@code letter}: a large copy's numbers. */
    private record Flow(int seq, Kind kind, String name, Path aside, String sha256, long size, char letter) {
    }

    /** Every flow's file, written once: the large batch generated once, its copies renumbered. */
    private final class Flows {
        final Path outgoing;
        final List<Flow> all = new ArrayList<>();
        /** Invoices whose delivered bytes are known without the engine: single files and zip entries. */
        final Map<String, byte[]> exactBytes = new HashMap<>();
        private Flow largeOriginal;
        private final char[] copyLetters = {'H', 'J', 'L', 'M'};

        Flows(Path outgoing) throws IOException {
            this.outgoing = Files.createDirectories(outgoing);
        }

        Flow next(Kind kind) throws IOException {
            int seq = all.size() + 1;
            String name = String.format("%02d-%s.%s", seq, kind.name().toLowerCase(), kind.extension);
            Path file = outgoing.resolve(name);
            String prefix = String.format("KR%02d", seq);
            char letter = 0;
            String sha;
            switch (kind) {
                case UBL -> sha = write(file, exact(prefix + "-0001", ministry(prefix + "-0001").ubl()));
                case CII -> sha = write(file, exact(prefix + "-0001", city(prefix + "-0001").cii()));
                case UNKNOWN -> sha = write(file, ministry(prefix + "-0001").withRecipient(UNKNOWN_SIRET).ubl());
                case BATCH96 -> sha = write(file, batch(prefix, List.of(
                        element(ministry(prefix + "-0001").ubl()),
                        element(city(prefix + "-0002").cii()),
                        element(ministry(prefix + "-0003").ubl()).replace(">2026-11-20<", ">20/11/2026<"),
                        element(agency(prefix + "-0004").ubl()),
                        element(hospital(prefix + "-0005").cii()))));
                case F03 -> {
                    String whole = ministry(prefix + "-0001").ubl();
                    sha = write(file, whole.substring(0, whole.length() * 3 / 5));
                }
                case ZIP -> sha = writeZip(file, Map.of(
                        "facture-1.xml", exact(prefix + "-0001", ministry(prefix + "-0001").ubl()),
                        "facture-2.xml", exact(prefix + "-0002", city(prefix + "-0002").cii()),
                        "facture-3.xml", exact(prefix + "-0003", agency(prefix + "-0003").ubl())));
                case MANY -> {
                    List<String> invoices = new ArrayList<>();
                    for (int i = 1; i <= Kind.MANY.delivered; i++) {
                        invoices.add(element(ministry(String.format("%s-%04d", prefix, i)).ubl()));
                    }
                    sha = write(file, batch(prefix, invoices));
                }
                case LARGE -> {
                    if (largeOriginal == null) {
                        // 150 invoices with a 1.5 MB attachment each (about 2 MB of base64): about 300 MB.
                        // FlowGenerator numbers them G-0000001 to G-0000150.
                        letter = 'G';
                        InvoiceTemplate template = InvoiceTemplate.toMinistry().withAttachment("annexe-technique.pdf", 1_500_000);
                        assertEquals(Kind.LARGE.delivered, new FlowGenerator(template, FlowGenerator.Syntaxes.UBL, 0)
                                .writeBatch(file, PARTNER, Kind.LARGE.delivered, 0));
                        sha = sha256(file);
                    } else {
                        // a copy with numbers of its own (H-0000001, ...): other bytes, other invoices
                        letter = copyLetters[(int) all.stream().filter(f -> f.kind() == Kind.LARGE).count() - 1];
                        sha = renumberedCopy(largeOriginal.aside(), file, letter);
                    }
                }
                default -> throw new IllegalStateException(kind.name());
            }
            Flow flow = new Flow(seq, kind, name, file, sha, Files.size(file), letter);
            if (kind == Kind.LARGE && largeOriginal == null) {
                largeOriginal = flow;
            }
            all.add(flow);
            return flow;
        }

        private String exact(String number, String document) {
            exactBytes.put(number, document.getBytes(StandardCharsets.UTF_8));
            return document;
        }
    }

    private static InvoiceTemplate ministry(String number) {
        return InvoiceTemplate.toMinistry().withNumber(number);
    }

    private static InvoiceTemplate city(String number) {
        return ministry(number).withRecipient(InvoiceTemplate.CITY).withServiceCode(null);
    }

    private static InvoiceTemplate agency(String number) {
        return ministry(number).withRecipient(InvoiceTemplate.AGENCY).withServiceCode(null).withEngagement(null);
    }

    private static InvoiceTemplate hospital(String number) {
        return ministry(number).withRecipient(InvoiceTemplate.HOSPITAL).withServiceCode("URGENCES");
    }

    private static String element(String document) {
        assertTrue(document.startsWith(DECLARATION));
        return document.substring(DECLARATION.length());
    }

    private static String batch(String senderFlowId, List<String> invoices) {
        return DECLARATION + "<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n<Header><PartnerCode>" + PARTNER
                + "</PartnerCode><FlowId>" + senderFlowId + "</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt><InvoiceCount>"
                + invoices.size() + "</InvoiceCount></Header>\n" + String.join("", invoices) + "</Batch>\n";
    }

    private static String write(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        return sha256(bytes);
    }

    private static String writeZip(Path file, Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : new TreeSet<>(entries.keySet())) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(entries.get(name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Files.write(file, bytes.toByteArray());
        return sha256(bytes.toByteArray());
    }

    /** Copies the large batch, its invoice numbers G-0000001... becoming letter-0000001...; returns the copy's SHA-256. */
    private static String renumberedCopy(Path from, Path to, char letter) throws IOException {
        MessageDigest digest = digest();
        long replaced = 0;
        try (InputStream in = Files.newInputStream(from);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(to), digest)) {
            byte[] buffer = new byte[1 << 20];
            int carry = 0;
            int read;
            while ((read = in.read(buffer, carry, buffer.length - carry)) > 0) {
                int length = carry + read;
                replaced += renumber(buffer, length, (byte) letter);
                int keep = Math.min(2, length);
                out.write(buffer, 0, length - keep);
                System.arraycopy(buffer, length - keep, buffer, 0, keep);
                carry = keep;
            }
            out.write(buffer, 0, carry);
        }
        assertEquals(Kind.LARGE.delivered, replaced, "invoice numbers renumbered in the copy " + to.getFileName());
        return HexFormat.of().formatHex(digest.digest());
    }

    /** "G-0" becomes letter + "-0": only the invoice numbers hold it (base64 has no '-'). */
    private static int renumber(byte[] bytes, int length, byte letter) {
        int count = 0;
        for (int i = 0; i + 2 < length; i++) {
            if (bytes[i] == 'G' && bytes[i + 1] == '-' && bytes[i + 2] == '0') {
                bytes[i] = letter;
                count++;
            }
        }
        return count;
    }

    // ---------------------------------------------------------------- kill schedule

    enum Trigger { AFTER_DROP, AFTER_LAUNCH, ON_LOG, ON_STAGED, ON_PUBLISHING }

    /**
     * One start and one kill. {@code value}: the delay (AFTER_DROP, AFTER_LAUNCH), the fallback delay after
     * the engine is ready (ON_LOG), the number of invoices staged by one flow (ON_STAGED).
     */
    private record Round(int number, Trigger trigger, List<Flow> drops, long value, String pattern, long afterLineMs) {
        String plan() {
            String dropped = drops.isEmpty() ? "no new flow" : "drop " + drops.stream().map(Flow::name).collect(Collectors.joining(", "));
            return switch (trigger) {
                case AFTER_DROP -> dropped + " once the engine polls; kill " + value + " ms after the drop";
                case AFTER_LAUNCH -> dropped + " while it is stopped; kill " + value + " ms after launch";
                case ON_LOG -> dropped + "; kill " + (afterLineMs > 0 ? afterLineMs + " ms after" : "on") + " the first log line "
                        + "matching /" + pattern + "/ (else " + value + " ms after it polls)";
                case ON_STAGED -> dropped + "; kill once one flow has " + value + " invoice(s) staged in work/";
                case ON_PUBLISHING -> dropped + "; kill as soon as a publication is under way (an invoice in the outbox "
                        + "before its flow's acknowledgement)";
            };
        }
    }

    private static long between(Random random, long from, long to) {
        return from + (long) (random.nextDouble() * (to - from));
    }

    private List<Round> schedule(Random random, Flows flows) throws IOException {
        List<Round> rounds = new ArrayList<>();
        class Add {
            void add(Trigger trigger, long value, String pattern, Kind... kinds) throws IOException {
                add(trigger, value, pattern, 0, kinds);
            }

            void add(Trigger trigger, long value, String pattern, long afterLineMs, Kind... kinds) throws IOException {
                List<Flow> drops = new ArrayList<>();
                for (Kind kind : kinds) {
                    drops.add(flows.next(kind));
                }
                rounds.add(new Round(rounds.size() + 1, trigger, drops, value, pattern, afterLineMs));
            }

            /** At start-up, while a committed publication is finished or an unfinished flow dropped. */
            void recovery() throws IOException {
                add(Trigger.ON_LOG, 1500, RECOVERY_LINES, between(random, 0, 8));
            }
        }
        Add r = new Add();
        String published = "\\): status 9\\d";
        // The ledger's DEBUG line once the database applied a commit (the log line's MDC between its logger and "-").
        String committed = "DEBUG .*org\\.chorusedi\\.ledger\\.Ledger .*- flow \\S+ committed$";
        // the very first start: the schema is created, the XSDs compiled, the directory imported
        r.add(Trigger.ON_LOG, 5000, "applying the pending migrations", between(random, 0, 1500));
        r.add(Trigger.AFTER_DROP, between(random, 50, 1500), null, Kind.UBL, Kind.CII);
        r.add(Trigger.AFTER_DROP, between(random, 50, 1500), null, Kind.BATCH96, Kind.ZIP);
        r.add(Trigger.ON_PUBLISHING, 0, null, Kind.MANY);
        r.recovery();
        r.add(Trigger.ON_STAGED, between(random, 5, 145), null, Kind.LARGE);
        r.add(Trigger.AFTER_DROP, between(random, 50, 3000), null, Kind.F03, Kind.UNKNOWN);
        r.add(Trigger.AFTER_LAUNCH, between(random, 300, 7000), null, Kind.UBL);
        r.add(Trigger.ON_LOG, 15_000, published, Kind.CII);
        r.add(Trigger.ON_PUBLISHING, 0, null, Kind.MANY);
        r.recovery();
        r.add(Trigger.AFTER_DROP, between(random, 500, 4000), null, Kind.LARGE, Kind.BATCH96);
        r.add(Trigger.ON_STAGED, between(random, 5, 145), null);
        r.add(Trigger.AFTER_DROP, between(random, 50, 3000), null, Kind.ZIP, Kind.UBL);
        r.add(Trigger.ON_LOG, 25_000, "large\\.xml from " + PARTNER + "\\): status");
        r.add(Trigger.AFTER_LAUNCH, between(random, 300, 7000), null, Kind.F03, Kind.CII);
        r.add(Trigger.ON_PUBLISHING, 0, null, Kind.MANY);
        r.recovery();
        r.add(Trigger.ON_STAGED, between(random, 5, 145), null, Kind.LARGE);
        r.add(Trigger.AFTER_DROP, between(random, 50, 3000), null, Kind.UNKNOWN, Kind.BATCH96);
        r.add(Trigger.AFTER_LAUNCH, between(random, 300, 7000), null);
        r.add(Trigger.ON_LOG, 15_000, published, Kind.ZIP);
        r.add(Trigger.AFTER_DROP, between(random, 50, 3000), null, Kind.UBL, Kind.CII);
        r.add(Trigger.ON_PUBLISHING, 0, null);
        r.add(Trigger.AFTER_DROP, between(random, 50, 3000), null, Kind.BATCH96, Kind.UBL);
        // Between a commit the database applied and the engine's next step (issue 9): the flow is published once.
        r.add(Trigger.ON_LOG, 15_000, committed, Kind.UBL);
        r.add(Trigger.ON_LOG, 15_000, committed, Kind.MANY);
        r.recovery();
        // Inside a group commit (issue 27): single files reaching their commit together are committed in one transaction
        // and published together; killed while the group's flows are checked and written, at its commit, and while it is
        // published. None of them is lost or delivered twice: the group is committed whole or not at all.
        String group = "DEBUG .* - committing \\d+ flows together";
        Kind[] singles = new Kind[12];
        java.util.Arrays.fill(singles, Kind.UBL);
        r.add(Trigger.ON_LOG, 15_000, group, between(random, 0, 3), singles);
        r.add(Trigger.ON_LOG, 15_000, group, between(random, 5, 25), singles);
        r.add(Trigger.ON_LOG, 15_000, group, between(random, 25, 80), singles);
        r.recovery();
        return rounds;
    }

    // ---------------------------------------------------------------- the test

    @Test
    void everyFlowIsAcknowledgedAndDeliveredExactlyOnceWhereverTheEngineIsKilled() throws Exception {
        long began = System.nanoTime();
        Flows flows = new Flows(dir.resolve("outgoing"));
        List<Round> rounds = schedule(new Random(SEED), flows);
        System.out.println("Kill schedule (seed " + SEED + "), " + rounds.size() + " kills then a last run to the end:");
        rounds.forEach(round -> System.out.println(String.format("  %2d. %s", round.number(), round.plan())));
        System.out.println("  prepared " + flows.all.size() + " flows in " + seconds(began));

        Map<String, Expected> expected = referenceRun(flows);
        Map<String, Delivery> byNumber = new HashMap<>();
        expected.values().forEach(e -> byNumber.putAll(e.deliveries()));
        System.out.println("  clean reference run done at " + seconds(began));

        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("directory"));
        Files.createDirectories(root.resolve("in").resolve(PARTNER));
        TestDirectory.copyInto(root.resolve("directory"));
        Checker checker = new Checker(root, expected, byNumber);
        List<Flow> dropped = new ArrayList<>();
        List<String> report = new ArrayList<>();
        Map<String, Integer> phases = new TreeMap<>();
        Set<String> keptBefore = new TreeSet<>();
        Map<String, Integer> halfDone = new TreeMap<>();
        for (Round round : rounds) {
            RoundRun run = runRound(root, round, dropped);
            Scan scan = checker.scan();
            String where = checker.describe(scan, keptBefore, run);
            String line = String.format("  %2d. +%.3f s %s -> %s", round.number(), run.killedAtMs() / 1000.0, run.reason(), where);
            report.add(line);
            System.out.println(line);
            for (String phase : checker.phases(scan, run)) {
                phases.merge(phase, 1, Integer::sum);
            }
            Set<String> unfinished = checker.verify(scan, dropped, false, "after kill " + round.number() + " (" + round.plan() + "; "
                    + run.reason() + ")", run.log(), run.ready() ? halfDone : Map.of());
            halfDone.keySet().retainAll(unfinished);
            for (String flowId : unfinished) {
                halfDone.putIfAbsent(flowId, round.number());
            }
            keptBefore = scan.kept.keySet().stream().collect(Collectors.toCollection(TreeSet::new));
        }

        long finalStart = System.nanoTime();
        String finalLog = runToTheEnd(root, dropped, checker, "final run");
        Scan last = checker.scan();
        checker.verify(last, dropped, true, "after the final run", finalLog, halfDone);
        System.out.println("Kills by what they interrupted: " + phases);
        System.out.println("Final run took " + seconds(finalStart) + "; whole test " + seconds(began) + "; "
                + dropped.size() + " flows, " + last.outbox.size() + " invoices delivered");
        assertTrue(rounds.size() >= 20);
    }

    private static String seconds(long since) {
        return String.format("%.1f s", (System.nanoTime() - since) / 1e9);
    }

    // ---------------------------------------------------------------- reference run

    /** What one dropped flow comes to in a clean run. */
    private record Expected(Flow flow, String status, List<String> codes, Map<String, Delivery> deliveries) {
    }

    /** One delivered invoice: its flow, its position, its outbox folder (relative to the root), its bytes' hash. */
    private record Delivery(String number, String flowName, int index, String folder, String sha256) {
    }

    /** Runs a clean engine on links to the same flows (the large batch once), without kills. */
    private Map<String, Expected> referenceRun(Flows flows) throws Exception {
        Path root = dir.resolve("reference");
        Path in = Files.createDirectories(root.resolve("in").resolve(PARTNER));
        Files.createDirectories(root.resolve("directory"));
        TestDirectory.copyInto(root.resolve("directory"));
        List<Flow> linked = flows.all.stream().filter(f -> f.kind() != Kind.LARGE || f.letter() == 'G').toList();
        for (Flow flow : linked) {
            Path aside = in.resolve("." + flow.name());
            try {
                Files.createLink(aside, flow.aside());
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(flow.aside(), aside);
            }
            Files.move(aside, in.resolve(flow.name()), StandardCopyOption.ATOMIC_MOVE);
        }
        Checker reference = new Checker(root, Map.of(), Map.of());
        runToTheEnd(root, linked, reference, "reference run");
        Scan scan = reference.scan();

        Map<String, Expected> expected = new LinkedHashMap<>();
        Map<String, List<OutboxFile>> outboxByFlowId = scan.outbox.stream().collect(Collectors.groupingBy(OutboxFile::flowId));
        for (Flow flow : linked) {
            List<Kept> kept = scan.kept.getOrDefault(flow.name(), List.of());
            assertEquals(1, kept.size(), "reference run: " + flow.name() + " kept once: " + kept);
            String flowId = kept.get(0).flowId();
            AckFile ack = scan.flux.get(flowId);
            assertTrue(ack != null, "reference run: " + flow.name() + " acknowledged");
            assertEquals(flow.kind().status, ack.status(), "reference run: status of " + flow.name() + " " + ack.codes());
            assertEquals(flow.kind().rejectedWhole, kept.get(0).rejected(), "reference run: " + flow.name() + " in rejected/");
            Map<String, Delivery> deliveries = new TreeMap<>();
            for (OutboxFile file : outboxByFlowId.getOrDefault(flowId, List.of())) {
                wellFormed(file.path());
                byte[] known = flows.exactBytes.get(file.number());
                if (known != null) {
                    assertTrue(java.util.Arrays.equals(known, Files.readAllBytes(file.path())),
                            "reference run: " + file.path() + " is the invoice's own bytes");
                }
                deliveries.put(file.number(), new Delivery(file.number(), flow.name(), file.index(), file.folder(), file.sha256()));
            }
            assertEquals(flow.kind().delivered, deliveries.size(), "reference run: invoices delivered from " + flow.name());
            if (flow.kind().delivered > 0) {
                assertEquals(new TreeSet<>(deliveries.keySet()), new TreeSet<>(Acks.values(scan.factures.get(flowId),
                        "//CPPFactureStatutUnitaire/DonneesStatut/IdFacture")), "reference run: invoice statuses of " + flow.name());
            }
            List<String> codes = ack.codes().stream().sorted().toList();
            switch (flow.kind()) {
                case UNKNOWN -> assertEquals(List.of("I03"), codes, "reference run: " + flow.name());
                case BATCH96 -> assertEquals(List.of("I16"), codes, "reference run: " + flow.name());
                case F03 -> assertEquals(List.of("F03"), codes, "reference run: " + flow.name());
                default -> assertEquals(List.of(), codes, "reference run: " + flow.name());
            }
            expected.put(flow.name(), new Expected(flow, ack.status(), codes, deliveries));
        }
        // The large batch's copies: the same invoices but for their numbers.
        Expected original = expected.get(flows.largeOriginal.name());
        for (Flow copy : flows.all.stream().filter(f -> f.kind() == Kind.LARGE && f.letter() != 'G').toList()) {
            Map<String, Delivery> deliveries = new TreeMap<>();
            for (OutboxFile file : scan.outbox.stream().filter(f -> original.deliveries().containsKey(f.number())).toList()) {
                byte[] bytes = Files.readAllBytes(file.path());
                renumber(bytes, bytes.length, (byte) copy.letter());
                String number = copy.letter() + file.number().substring(1);
                deliveries.put(number, new Delivery(number, copy.name(), file.index(), file.folder(), sha256(bytes)));
            }
            expected.put(copy.name(), new Expected(copy, original.status(), original.codes(), deliveries));
        }
        assertEquals(flows.all.size(), expected.size());
        return expected;
    }

    // ---------------------------------------------------------------- running the engine

    private record RoundRun(long killedAtMs, String reason, boolean ready, String log) {
    }

    private void drop(Path root, Flow flow, List<Flow> dropped) throws IOException {
        // written aside (outgoing/, same file system), then renamed into the drop directory
        Files.move(flow.aside(), root.resolve("in").resolve(PARTNER).resolve(flow.name()), StandardCopyOption.ATOMIC_MOVE);
        dropped.add(flow);
    }

    private RoundRun runRound(Path root, Round round, List<Flow> dropped) throws Exception {
        Pattern killOn = round.trigger() == Trigger.ON_LOG ? Pattern.compile(round.pattern()) : null;
        if (round.trigger() == Trigger.AFTER_LAUNCH) {
            for (Flow flow : round.drops()) {
                drop(root, flow, dropped);
            }
        }
        Path logFile = dir.resolve(String.format("round-%02d.log", round.number()));
        EngineProcess engine = EngineProcess.start(root, dir, logFile, killOn, round.afterLineMs(), SETTINGS);
        try {
            boolean ready = false;
            if (round.trigger() == Trigger.AFTER_LAUNCH) {
                sleepWhile(engine, round.value(), () -> true);
                engine.kill(round.value() + " ms after launch");
            } else {
                ready = engine.awaitReady(READY_GUARD_MS);
                if (!ready && !engine.killed()) {
                    fail("round " + round.number() + ": the engine did not start within " + READY_GUARD_MS + " ms\n" + engine.tail(60));
                }
                for (Flow flow : round.drops()) {
                    drop(root, flow, dropped);
                }
                Path work = root.resolve("work");
                Path ministryOutbox = root.resolve("out").resolve(InvoiceTemplate.MINISTRY).resolve("SCE-ACHATS");
                switch (round.trigger()) {
                    case AFTER_DROP -> {
                        sleepWhile(engine, round.value(), () -> true);
                        engine.kill(round.value() + " ms after the drop");
                    }
                    case ON_LOG -> {
                        sleepWhile(engine, round.value(), () -> !engine.killed());
                        engine.kill("no line matching /" + round.pattern() + "/ within " + round.value() + " ms (fallback)");
                    }
                    case ON_STAGED -> {
                        String[] seen = new String[1];
                        sleepWhile(engine, 60_000, 3_000_000, () -> {
                            seen[0] = flowWithStaged(work, (int) round.value());
                            return seen[0] == null;
                        });
                        engine.kill(seen[0] != null ? round.value() + " invoices staged in work/" + seen[0]
                                : "nothing staged " + round.value() + " invoices within 60 s (fallback)");
                    }
                    case ON_PUBLISHING -> {
                        OutboxWatch watch = new OutboxWatch(root, ministryOutbox);
                        String[] seen = new String[1];
                        sleepWhile(engine, 60_000, 1_000_000, () -> {
                            seen[0] = watch.halfPublished();
                            return seen[0] == null;
                        });
                        engine.kill(seen[0] != null ? "publication under way: " + seen[0] : "no publication within 60 s (fallback)");
                    }
                    default -> throw new IllegalStateException();
                }
            }
            int status = engine.awaitExit(60_000);
            assertTrue(status != -1, "round " + round.number() + ": the killed engine did not end");
            String log = engine.tail(40);
            assertTrue(engine.lines().stream().noneMatch(l -> l.contains("OutOfMemoryError")),
                    "round " + round.number() + ": the engine ran out of memory\n" + log);
            return new RoundRun(engine.killedAtMs(), engine.killReason(), ready || engine.isReady(), log);
        } finally {
            if (engine.isAlive()) {
                engine.kill("test ended");
                engine.awaitExit(30_000);
            }
        }
    }

    /**
     * Sleeps up to {@code ms}, polling every half millisecond while {@code condition} holds; fails if the
     * engine ends by itself meanwhile (it must only end when killed).
     */
    private static void sleepWhile(EngineProcess engine, long ms, BooleanSupplier condition) throws InterruptedException {
        sleepWhile(engine, ms, 500_000, condition);
    }

    private static void sleepWhile(EngineProcess engine, long ms, int pollNanos, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < deadline && condition.getAsBoolean()) {
            if (!engine.isAlive()) {
                if (!engine.killed()) {
                    fail("the engine ended by itself (it must only end when killed)\n" + engine.tail(60));
                }
                return;
            }
            Thread.sleep(pollNanos / 1_000_000, pollNanos % 1_000_000);
        }
    }

    /** Starts the engine and lets it run until every dropped flow is kept and nothing is left in work/ or in/, then stops it. */
    private String runToTheEnd(Path root, List<Flow> flows, Checker checker, String what) throws Exception {
        EngineProcess engine = EngineProcess.start(root, dir, dir.resolve(what.replace(' ', '-') + ".log"), null, 0, SETTINGS);
        try {
            long deadline = System.nanoTime() + FINAL_GUARD_MS * 1_000_000;
            while (true) {
                if (!engine.isAlive()) {
                    fail(what + ": the engine ended by itself\n" + engine.tail(60));
                }
                if (checker.allDone(flows)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    fail(what + ": not everything was processed within " + FINAL_GUARD_MS + " ms; pending "
                            + checker.pendingNames() + "\n" + engine.tail(60));
                }
                Thread.sleep(100);
            }
            engine.stop(30_000);
            assertTrue(engine.lines().stream().noneMatch(l -> l.contains("OutOfMemoryError")), what + ": out of memory\n" + engine.tail(60));
            return engine.tail(40);
        } finally {
            if (engine.isAlive()) {
                engine.kill("test ended");
                engine.awaitExit(30_000);
            }
        }
    }

    /** A flow id in work/ with at least {@code count} invoice files staged, or null. */
    private static String flowWithStaged(Path work, int count) {
        try (Stream<Path> flows = Files.list(work)) {
            for (Path flow : flows.toList()) {
                try (Stream<Path> files = Files.list(flow)) {
                    if (files.filter(f -> f.getFileName().toString().startsWith("invoice-")).count() >= count) {
                        return flow.getFileName().toString();
                    }
                } catch (IOException | UncheckedIOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // not there yet
        }
        return null;
    }

    /**
     * Watches an outbox for an invoice whose flow is not acknowledged yet: a publication half done, told
     * without knowing how the engine records its commits. Lists the folder only when its date changes.
     */
    private static final class OutboxWatch {
        private final Path root;
        private final Path outbox;
        private final Set<String> seen = new TreeSet<>();
        private long modified = Long.MIN_VALUE;

        OutboxWatch(Path root, Path outbox) {
            this.root = root;
            this.outbox = outbox;
            names().forEach(seen::add);
        }

        String halfPublished() {
            long now;
            try {
                now = Files.getLastModifiedTime(outbox).to(java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (IOException e) {
                return null;
            }
            if (now == modified) {
                return null;
            }
            modified = now;
            for (String name : names()) {
                if (seen.add(name)) {
                    Matcher m = OUTBOX_NAME.matcher(name);
                    if (m.matches() && !Files.exists(root.resolve("ack").resolve(PARTNER).resolve(m.group(1) + ".flux.xml"))) {
                        return "invoice " + name + " in the outbox, its flow not acknowledged yet";
                    }
                }
            }
            return null;
        }

        private List<String> names() {
            try (Stream<Path> files = Files.list(outbox)) {
                return files.map(p -> p.getFileName().toString()).toList();
            } catch (IOException | UncheckedIOException e) {
                return List.of();
            }
        }
    }

    private static int count(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- what is on disk

    private record Kept(String flowId, boolean rejected, Path path) {
    }

    private record AckFile(String flowId, Path path, String status, List<String> codes, String fileName) {
    }

    private record OutboxFile(Path path, String flowId, int index, String folder, String sha256, String number) {
    }

    private record WorkFolder(String id, int files) {
    }

    /** The root as the stopped engine left it. */
    private static final class Scan {
        final Map<String, List<Kept>> kept = new TreeMap<>();
        final Set<String> pending = new TreeSet<>();
        final List<String> inLeftovers = new ArrayList<>();
        final Map<String, AckFile> flux = new TreeMap<>();
        final Map<String, Path> factures = new TreeMap<>();
        final List<OutboxFile> outbox = new ArrayList<>();
        final Map<String, WorkFolder> work = new TreeMap<>();
        final List<String> workLeftovers = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
    }

    private final class Checker {
        final Path root;
        final Map<String, Expected> expected;
        final Map<String, Delivery> byNumber;
        /** Outbox files never change once in place: each is read once. */
        final Map<Path, OutboxFile> outboxCache = new HashMap<>();
        final Map<Path, AckFile> ackCache = new HashMap<>();

        Checker(Path root, Map<String, Expected> expected, Map<String, Delivery> byNumber) {
            this.root = root;
            this.expected = expected;
            this.byNumber = byNumber;
        }

        Scan scan() throws IOException {
            Scan scan = new Scan();
            Path in = root.resolve("in").resolve(PARTNER);
            for (Path file : FolderFiles.under(in)) {
                String name = in.relativize(file).toString();
                scan.inLeftovers.add(name);
                if (!name.endsWith(".camelLock") && !name.startsWith(".")) {
                    scan.pending.add(name);
                }
            }
            for (String folder : List.of("archive", "rejected")) {
                for (Path file : FolderFiles.under(root.resolve(folder))) {
                    Matcher m = KEPT_NAME.matcher(file.getFileName().toString());
                    if (!m.matches()) {
                        scan.problems.add("a file in " + folder + "/ not named <flow id>__<original name>: " + root.relativize(file));
                        continue;
                    }
                    scan.kept.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(new Kept(m.group(1), folder.equals("rejected"), file));
                }
            }
            for (Path file : FolderFiles.under(root.resolve("ack"))) {
                Matcher m = ACK_NAME.matcher(file.getFileName().toString());
                if (!m.matches() || !file.getParent().equals(root.resolve("ack").resolve(PARTNER))) {
                    scan.problems.add("a file in ack/ that is no acknowledgement (half written?): " + root.relativize(file));
                } else if (m.group(2).equals("factures")) {
                    wellFormedOrProblem(file, scan);
                    scan.factures.put(m.group(1), file);
                } else {
                    AckFile ack = ackCache.get(file);
                    if (ack == null) {
                        try {
                            String comment = Acks.value(file, "//CPPFluxStatutUnitaire/DonneesStatut/Commentaire");
                            Matcher c = COMMENT.matcher(comment);
                            ack = new AckFile(m.group(1), file, Acks.status(file), Acks.errorCodes(file).stream().sorted().toList(),
                                    c.find() ? c.group(1) : null);
                            String idFlux = Acks.value(file, "//CPPFluxStatutUnitaire/DonneesStatut/IdFlux");
                            if (!idFlux.equals(m.group(1))) {
                                scan.problems.add("acknowledgement " + file.getFileName() + " says IdFlux " + idFlux);
                            }
                            if (ack.fileName() == null) {
                                scan.problems.add("cannot tell which file acknowledgement " + file.getFileName()
                                        + " is for: Commentaire '" + comment + "'");
                            }
                            ackCache.put(file, ack);
                        } catch (RuntimeException e) {
                            scan.problems.add("acknowledgement " + root.relativize(file) + " is not a whole XML document: " + e);
                            continue;
                        }
                    }
                    scan.flux.put(ack.flowId(), ack);
                }
            }
            for (Path file : FolderFiles.under(root.resolve("out"))) {
                Matcher m = OUTBOX_NAME.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    scan.problems.add("a file in an outbox that is no invoice id (half written?): " + root.relativize(file));
                    continue;
                }
                OutboxFile known = outboxCache.get(file);
                if (known == null) {
                    known = new OutboxFile(file, m.group(1), Integer.parseInt(m.group(2)),
                            root.relativize(file.getParent()).toString(), sha256(file), invoiceNumber(file));
                    outboxCache.put(file, known);
                }
                scan.outbox.add(known);
            }
            Path work = root.resolve("work");
            if (Files.isDirectory(work)) {
                try (Stream<Path> flows = Files.list(work)) {
                    for (Path flow : flows.sorted().toList()) {
                        scan.workLeftovers.add(flow.getFileName().toString());
                        if (Files.isDirectory(flow)) {
                            scan.work.put(flow.getFileName().toString(), new WorkFolder(flow.getFileName().toString(), FolderFiles.under(flow).size()));
                            // A file the engine took (renamed into work/<flow id>/original/) is still pending.
                            for (Path taken : FolderFiles.under(flow.resolve("original"))) {
                                if (!scan.pending.add(taken.getFileName().toString())) {
                                    scan.problems.add(taken.getFileName() + " is both in in/" + PARTNER + " and taken in " + root.relativize(taken));
                                }
                            }
                        }
                    }
                }
            }
            return scan;
        }

        boolean allDone(List<Flow> flows) throws IOException {
            Path in = root.resolve("in").resolve(PARTNER);
            boolean pending = FolderFiles.under(in).stream().anyMatch(p -> !p.getFileName().toString().endsWith(".camelLock"));
            if (pending || !FolderFiles.under(root.resolve("work")).isEmpty()) {
                return false;
            }
            Set<String> kept = new TreeSet<>();
            for (String folder : List.of("archive", "rejected")) {
                for (Path file : FolderFiles.under(root.resolve(folder))) {
                    Matcher m = KEPT_NAME.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        kept.add(m.group(2));
                    }
                }
            }
            return flows.stream().allMatch(f -> kept.contains(f.name()));
        }

        List<String> pendingNames() throws IOException {
            Path in = root.resolve("in").resolve(PARTNER);
            return FolderFiles.under(in).stream().map(p -> in.relativize(p).toString()).toList();
        }

        /**
         * Every invariant; the final check also wants everything finished and nothing left over.
         *
         * @param halfDoneBefore flows half published at an earlier kill (with the kill's number), which the
         *                       start-up since (it reached polling, so its recovery ran) had to finish
         * @return the flows half published now
         */
        Set<String> verify(Scan scan, List<Flow> dropped, boolean last, String when, String log,
                           Map<String, Integer> halfDoneBefore) throws IOException {
            List<String> problems = new ArrayList<>(scan.problems);
            Set<String> names = dropped.stream().map(Flow::name).collect(Collectors.toCollection(TreeSet::new));
            Map<String, List<AckFile>> acksByName = new TreeMap<>();
            for (AckFile ack : scan.flux.values()) {
                if (ack.fileName() != null) {
                    acksByName.computeIfAbsent(ack.fileName(), k -> new ArrayList<>()).add(ack);
                    if (!names.contains(ack.fileName())) {
                        problems.add("acknowledgement " + ack.flowId() + " is for " + ack.fileName() + ", never dropped");
                    }
                }
            }
            for (String name : scan.kept.keySet()) {
                if (!names.contains(name)) {
                    problems.add("kept a file never dropped: " + scan.kept.get(name));
                }
            }
            Set<String> keptIds = new TreeSet<>();
            Map<String, String> keptIdByName = new TreeMap<>();
            for (Flow flow : dropped) {
                String name = flow.name();
                List<Kept> kept = scan.kept.getOrDefault(name, List.of());
                boolean pending = scan.pending.contains(name);
                List<AckFile> acks = acksByName.getOrDefault(name, List.of());
                int places = kept.size() + (pending ? 1 : 0);
                if (places == 0) {
                    problems.add(name + " is lost: not pending in in/" + PARTNER + " nor taken in work/, not in archive/ nor in rejected/");
                } else if (places > 1) {
                    problems.add(name + " is in " + places + " places: " + (pending ? "pending (in in/" + PARTNER + " or work/), " : "")
                            + kept.stream().map(k -> root.relativize(k.path()).toString()).toList());
                }
                if (acks.size() > 1) {
                    problems.add(name + " has " + acks.size() + " flow acknowledgements: "
                            + acks.stream().map(AckFile::flowId).toList());
                }
                if (last && pending) {
                    problems.add(name + " is still pending in in/" + PARTNER + " after the final run");
                }
                if (kept.size() != 1 || pending) {
                    continue;
                }
                Kept k = kept.get(0);
                keptIds.add(k.flowId());
                keptIdByName.put(name, k.flowId());
                Expected e = expected.get(name);
                if (k.rejected() != flow.kind().rejectedWhole) {
                    problems.add(name + " kept in " + (k.rejected() ? "rejected/" : "archive/") + ", expected in "
                            + (flow.kind().rejectedWhole ? "rejected/" : "archive/"));
                }
                try {
                    if (Files.size(k.path()) != flow.size() || (last && !sha256(k.path()).equals(flow.sha256()))) {
                        problems.add(name + ": the kept original " + root.relativize(k.path()) + " is not the dropped file");
                    }
                } catch (NoSuchFileException ex) {
                    problems.add(name + ": " + ex);
                }
                if (acks.size() != 1 || !acks.get(0).flowId().equals(k.flowId())) {
                    problems.add(name + " is kept as flow " + k.flowId() + " but its flow acknowledgements are "
                            + acks.stream().map(AckFile::flowId).toList() + " (exactly one, " + k.flowId() + ".flux.xml, expected)");
                    continue;
                }
                AckFile ack = acks.get(0);
                if (!ack.status().equals(e.status()) || !ack.codes().equals(e.codes())) {
                    problems.add(name + ": status " + ack.status() + " " + ack.codes() + ", a clean run says " + e.status() + " " + e.codes());
                }
                Path factures = scan.factures.get(k.flowId());
                if (e.deliveries().isEmpty() != (factures == null)) {
                    problems.add(name + ": invoice statuses " + (factures == null ? "missing" : "present") + " for flow " + k.flowId()
                            + ", " + e.deliveries().size() + " invoice(s) delivered in a clean run");
                } else if (factures != null) {
                    Set<String> stated = new TreeSet<>(Acks.values(factures, "//CPPFactureStatutUnitaire/DonneesStatut/IdFacture"));
                    if (!stated.equals(e.deliveries().keySet())) {
                        problems.add(name + ": " + factures.getFileName() + " states " + summary(stated) + ", a clean run delivers "
                                + summary(e.deliveries().keySet()));
                    }
                }
            }
            Map<String, OutboxFile> byInvoice = new TreeMap<>();
            Map<String, Set<String>> outboxNumbersByFlowId = new TreeMap<>();
            Set<String> inProgress = new TreeSet<>();
            Map<String, String> nameOfFlowId = new TreeMap<>();
            for (OutboxFile file : scan.outbox) {
                String path = root.relativize(file.path()).toString();
                Delivery d = file.number() == null ? null : byNumber.get(file.number());
                if (d == null) {
                    problems.add("outbox file " + path + " is no whole invoice of a dropped flow (invoice number "
                            + file.number() + ")");
                    continue;
                }
                OutboxFile twice = byInvoice.putIfAbsent(file.number(), file);
                if (twice != null) {
                    problems.add("invoice " + file.number() + " of " + d.flowName() + " is delivered twice: "
                            + root.relativize(twice.path()) + " and " + path);
                }
                if (file.index() != d.index() || !file.folder().equals(d.folder()) || !file.sha256().equals(d.sha256())) {
                    problems.add("outbox file " + path + " (invoice " + file.number() + " of " + d.flowName()
                            + ") is not the invoice a clean run delivers: " + d.folder() + "/<flow id>-" + String.format("%04d", d.index())
                            + ".xml, " + (file.sha256().equals(d.sha256()) ? "same bytes" : "other bytes (truncated or altered)"));
                }
                outboxNumbersByFlowId.computeIfAbsent(file.flowId(), k -> new TreeSet<>()).add(file.number());
                nameOfFlowId.put(file.flowId(), d.flowName());
                String keptId = keptIdByName.get(d.flowName());
                if (keptId != null && !keptId.equals(file.flowId())) {
                    problems.add("outbox file " + path + " belongs to flow " + file.flowId() + ", but " + d.flowName()
                            + " was processed as flow " + keptId + ": an earlier attempt's invoice");
                }
                if (!keptIds.contains(file.flowId())) {
                    inProgress.add(file.flowId());
                }
            }
            for (AckFile ack : scan.flux.values()) {
                if (ack.fileName() != null) {
                    String other = nameOfFlowId.putIfAbsent(ack.flowId(), ack.fileName());
                    if (other != null && !other.equals(ack.fileName())) {
                        problems.add("flow " + ack.flowId() + " acknowledges " + ack.fileName() + " but delivers invoices of " + other);
                    }
                }
                if (!keptIds.contains(ack.flowId())) {
                    inProgress.add(ack.flowId());
                }
            }
            for (String flowId : scan.factures.keySet()) {
                if (!keptIds.contains(flowId)) {
                    inProgress.add(flowId);
                }
                if (!scan.flux.containsKey(flowId) && keptIds.contains(flowId)) {
                    problems.add("invoice statuses " + flowId + ".factures.xml without a flow report");
                }
            }
            for (Map.Entry<String, String> entry : keptIdByName.entrySet()) {
                Expected e = expected.get(entry.getKey());
                Set<String> delivered = outboxNumbersByFlowId.getOrDefault(entry.getValue(), Set.of());
                if (!delivered.equals(e.deliveries().keySet())) {
                    Set<String> missing = new TreeSet<>(e.deliveries().keySet());
                    missing.removeAll(delivered);
                    problems.add(entry.getKey() + " is kept (flow " + entry.getValue() + ") but " + missing.size() + " of its "
                            + e.deliveries().size() + " invoices are not in the outbox under that flow: " + summary(missing));
                }
            }
            for (String flowId : inProgress) {
                if (halfDoneBefore.containsKey(flowId)) {
                    long inOutbox = scan.outbox.stream().filter(f -> f.flowId().equals(flowId)).count();
                    problems.add("flow " + flowId + " (" + nameOfFlowId.get(flowId) + ") was half published at kill "
                            + halfDoneBefore.get(flowId) + " and still is (" + inOutbox + " invoice(s) in the outbox, "
                            + (scan.flux.containsKey(flowId) ? "acknowledged" : "no acknowledgement") + ", original pending) "
                            + "although the engine has started up since: its committed publication was not finished at start-up");
                }
            }
            if (inProgress.size() > 1) {
                problems.add(inProgress.size() + " publications half done at once (one at a time expected): " + inProgress
                        + " " + inProgress.stream().map(nameOfFlowId::get).toList());
            }
            for (String flowId : inProgress) {
                String name = nameOfFlowId.get(flowId);
                if (last) {
                    problems.add("flow " + flowId + " (" + name + ") has published files but its original is not kept under that id");
                } else if (name == null || !scan.pending.contains(name)) {
                    problems.add("flow " + flowId + " (" + name + ") has published files, its original is not pending and not kept "
                            + "under that id");
                }
            }
            if (last) {
                if (!scan.workLeftovers.isEmpty()) {
                    problems.add("left over in work/: " + scan.workLeftovers);
                }
                if (!scan.inLeftovers.isEmpty()) {
                    problems.add("left over in in/" + PARTNER + ": " + scan.inLeftovers);
                }
                if (scan.flux.size() != dropped.size()) {
                    problems.add(scan.flux.size() + " flow acknowledgements for " + dropped.size() + " dropped flows");
                }
                int invoices = dropped.stream().mapToInt(f -> expected.get(f.name()).deliveries().size()).sum();
                if (scan.outbox.size() != invoices) {
                    problems.add(scan.outbox.size() + " outbox files for " + invoices + " invoices accepted in a clean run");
                }
            }
            if (!problems.isEmpty()) {
                fail(problems.size() + " broken invariant(s) " + when + ":\n  - " + String.join("\n  - ", problems)
                        + "\n--- engine log (tail)\n" + log);
            }
            return inProgress;
        }

        /** Where a kill fell, as the root tells it. */
        String describe(Scan scan, Set<String> keptBefore, RoundRun run) {
            List<String> parts = new ArrayList<>();
            if (!run.ready()) {
                parts.add("during start-up");
            }
            Set<String> published = scan.outbox.stream().map(OutboxFile::flowId).collect(Collectors.toCollection(TreeSet::new));
            published.addAll(scan.flux.keySet());
            for (WorkFolder w : scan.work.values()) {
                String name = scan.flux.containsKey(w.id()) ? scan.flux.get(w.id()).fileName() : null;
                boolean publishing = published.contains(w.id());
                parts.add((publishing ? "committed, publishing " : "staging ") + w.id().substring(PARTNER.length() + 1)
                        + (name != null ? " (" + name + ")" : "") + ": " + w.files() + " file(s) in work/");
            }
            Map<String, Long> outboxByFlowId = scan.outbox.stream().collect(Collectors.groupingBy(OutboxFile::flowId, Collectors.counting()));
            Set<String> kept = scan.kept.values().stream().flatMap(List::stream).map(Kept::flowId).collect(Collectors.toSet());
            for (Map.Entry<String, Long> entry : outboxByFlowId.entrySet()) {
                if (!kept.contains(entry.getKey())) {
                    String name = scan.outbox.stream().filter(f -> f.flowId().equals(entry.getKey())).map(f -> byNumber.get(f.number()))
                            .filter(d -> d != null).map(Delivery::flowName).findFirst().orElse("?");
                    parts.add("half published: " + name + " " + entry.getValue() + "/"
                            + (expected.containsKey(name) ? expected.get(name).deliveries().size() : "?")
                            + " invoice(s) in the outbox, " + (scan.flux.containsKey(entry.getKey()) ? "acknowledged" : "no ack yet")
                            + ", original pending");
                }
            }
            for (AckFile ack : scan.flux.values()) {
                if (!kept.contains(ack.flowId()) && !outboxByFlowId.containsKey(ack.flowId())) {
                    parts.add("half published: " + ack.fileName() + " acknowledged, original pending");
                }
            }
            List<String> finished = scan.kept.keySet().stream().filter(n -> !keptBefore.contains(n)).toList();
            parts.add("finished this round: " + (finished.isEmpty() ? "none" : String.join(", ", finished)));
            parts.add("pending: " + scan.pending.size());
            return String.join("; ", parts);
        }

        List<String> phases(Scan scan, RoundRun run) {
            List<String> phases = new ArrayList<>();
            if (!run.ready()) {
                phases.add("start-up/recovery");
            }
            Set<String> kept = scan.kept.values().stream().flatMap(List::stream).map(Kept::flowId).collect(Collectors.toSet());
            Set<String> published = scan.outbox.stream().map(OutboxFile::flowId).collect(Collectors.toCollection(TreeSet::new));
            published.addAll(scan.flux.keySet());
            boolean publishing = published.stream().anyMatch(id -> !kept.contains(id));
            if (publishing) {
                phases.add("committing/publishing");
            }
            if (scan.work.values().stream().anyMatch(w -> !published.contains(w.id()))) {
                phases.add("reading/validating/staging");
            }
            if (phases.isEmpty()) {
                phases.add("between flows");
            }
            return phases;
        }
    }

    private static String summary(Set<String> numbers) {
        List<String> list = new ArrayList<>(numbers);
        return list.size() <= 6 ? list.toString() : list.subList(0, 6) + " and " + (list.size() - 6) + " more";
    }

    // ---------------------------------------------------------------- XML and bytes

    /** The invoice number of an invoice document (UBL cbc:ID, CII ExchangedDocument/ram:ID); null if none or not XML. */
    private static String invoiceNumber(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = XML.createXMLStreamReader(in);
            Deque<String> open = new ArrayDeque<>();
            String root = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (open.isEmpty()) {
                        root = name;
                    } else if (name.equals("ID")) {
                        boolean ubl = (root.equals("Invoice") || root.equals("CreditNote")) && open.size() == 1;
                        boolean cii = root.equals("CrossIndustryInvoice") && open.size() == 2 && open.peek().equals("ExchangedDocument");
                        if (ubl || cii) {
                            return reader.getElementText();
                        }
                    }
                    open.push(name);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    open.pop();
                }
            }
            return null;
        } catch (IOException | XMLStreamException e) {
            return null;
        }
    }

    private static void wellFormed(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = XML.createXMLStreamReader(in);
            while (reader.hasNext()) {
                reader.next();
            }
        } catch (XMLStreamException e) {
            fail(file + " is not well-formed: " + e.getMessage());
        }
    }

    private static void wellFormedOrProblem(Path file, Scan scan) {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = XML.createXMLStreamReader(in);
            while (reader.hasNext()) {
                reader.next();
            }
        } catch (IOException | XMLStreamException e) {
            scan.problems.add(file.getFileName() + " is not a whole XML document: " + e.getMessage());
        }
    }


    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
