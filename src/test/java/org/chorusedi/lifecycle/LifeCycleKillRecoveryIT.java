package org.chorusedi.lifecycle;

import org.chorusedi.testkit.FolderFiles;
import org.chorusedi.testkit.TestDirectory;
import static org.chorusedi.testkit.LifeCycleFlows.recycling;
import static org.chorusedi.testkit.LifeCycleFlows.status;
import static org.chorusedi.testkit.LifeCycleFlows.statuses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.chorusedi.database.Database;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.support.Acks;
import org.chorusedi.support.EngineProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life cycle survives SIGKILL (issue 10): the engine, in a JVM of its own, is killed while it decides,
 * commits and publishes status flows, recyclings and a validator's approvals of its subcontractor's invoices (A9,
 * issue 23: delivered to their recipient as a recycling is), and restarted. While it is stopped, no invoice is in
 * two outboxes and every outbox file is a whole invoice; at the end, every status is recorded once (none
 * lost, none applied twice), every recycled invoice is in its new outbox only, every life-cycle flow has
 * one report, and every change is forwarded once. The MOE's statements answering the contract holder's works drafts
 * (an invoice flow whose commit changes other invoices) are killed too: each draft answered once, each statement
 * delivered once.
 */
// On H2 only in CI (.ci/run): its engines run on their root's embedded database whatever the pass, so a second run in the
// PostgreSQL pass tested the same thing again (3 to 4 minutes); ClusterKillRecoveryIT kills engines on PostgreSQL.
@Tag("h2-only")
class LifeCycleKillRecoveryIT {

    private static final long SEED = 20261128L;
    private static final int INVOICES = 12;
    private static final int LINES_PER_FLOW = 4;
    private static final String DATE = "2026-11-20";
    private static final long GUARD_MS = 90_000;
    /** A subcontractor of market M-KILL, whose invoices the contract holder (InvoiceTemplate.SUPPLIER) validates. */
    private static final String SUB = "44229377500031";
    /** The MOE of works market M-KILL-T, whose MOA is the city: it answers the contract holder's drafts with its A15. */
    private static final String MOE = "41234567000019";
    /** Where the MOE's statements go: the city's works service, as the market's sheet names it. */
    private static final String WORKS_SERVICE = "SCE-TRAVAUX";

    @TempDir
    Path dir;

    /** A round that kills the engine at a random time after the drop. */
    private static final Pattern TIMED = Pattern.compile("timed");
    /** A round that lets the first stage finish, then kills the engine. */
    private static final Pattern FINISH_STAGE = Pattern.compile("finish");

    /** A life-cycle document to drop, prepared aside. */
    private record Drop(String partner, String name, Path aside) {
    }

    @Test
    void statusesRecyclingsAndApprovalsAreNeitherLostNorAppliedTwiceWhateverTheKill() throws Exception {
        Path root = dir.resolve("root");
        Map<String, byte[]> delivered = deliverInvoices(root);
        assertEquals(4 * INVOICES, delivered.size(), "to the city, the ministry, the validator, the MOE");

        // Stage A puts the city's invoices in 04 and the ministry's in 07; stage B, once A is decided,
        // recycles the city's to the ministry and mandates the ministry's (08 after 07: the order matters).
        List<Drop> stageA = new ArrayList<>();
        List<Drop> stageB = new ArrayList<>();
        for (int first = 1; first <= INVOICES; first += LINES_PER_FLOW) {
            stageA.add(statusFlow("VIL001", "a04-" + first, InvoiceTemplate.CITY, "R", first, "04", "Erreur d'acheminement", null));
            stageA.add(statusFlow("MIN001", "a07-" + first, InvoiceTemplate.MINISTRY, "M", first, "07", null, null));
            stageA.add(approvals(first));
            stageA.add(moeStatements(first));
            stageB.add(statusFlow("MIN001", "b08-" + first, InvoiceTemplate.MINISTRY, "M", first, "08", null, "MANDAT"));
        }
        for (int i = 1; i <= INVOICES; i++) {
            stageB.add(prepare("AAA001", String.format("recyclage-R-%02d.xml", i),
                    recycling(InvoiceTemplate.SUPPLIER, number("R", i), DATE, InvoiceTemplate.MINISTRY, "SCE-ACHATS", null)));
        }
        List<Drop> all = new ArrayList<>(stageA);
        all.addAll(stageB);

        // Each round kills the engine at a point of the stage under way: right after a commit the database
        // applied (nothing published yet), right after a flow is published, or at a time after the drop.
        String committed = "flow %s-\\S+ committed";
        String published = "\\(\\S+ from \\S+, %s\\)";
        List<Pattern> rounds = List.of(
                Pattern.compile(committed.formatted("(VIL001|MIN001)")), Pattern.compile(published.formatted("STATUSES")), TIMED,
                Pattern.compile(committed.formatted("VAL001")), Pattern.compile(committed.formatted("MOE001")),
                FINISH_STAGE,
                Pattern.compile(committed.formatted("AAA001")), Pattern.compile(published.formatted("RECYCLING")), TIMED,
                Pattern.compile(committed.formatted("AAA001")), Pattern.compile(committed.formatted("MIN001")), TIMED, TIMED);
        Random random = new Random(SEED);
        boolean stageADropped = false;
        boolean stageBDropped = false;
        int round = 0;
        for (Pattern kill : rounds) {
            round++;
            Pattern killOn = kill == TIMED || kill == FINISH_STAGE ? null : kill;
            EngineProcess engine = EngineProcess.start(root, dir, dir.resolve("round-" + round + ".log"), killOn, random.nextInt(30));
            try {
                engine.awaitReady(GUARD_MS);
                if (!stageADropped) {
                    stageA.forEach(this::drop);
                    stageADropped = true;
                } else if (!stageBDropped && reported(root, stageA)) {
                    stageB.forEach(this::drop);
                    stageBDropped = true;
                }
                if (kill == FINISH_STAGE) {
                    awaitReported(root, stageA, engine);
                }
                long until = System.currentTimeMillis() + (kill == TIMED ? 200 + random.nextInt(2000) : kill == FINISH_STAGE ? 0 : 15_000);
                while (!engine.killed() && System.currentTimeMillis() < until) {
                    Thread.sleep(10);
                }
                engine.kill("round " + round + " ended");
                engine.awaitExit(GUARD_MS);
                System.out.println("round " + round + ": " + engine.killReason());
            } finally {
                engine.kill("test ended");
            }
            assertWhileStopped(root, delivered);
        }
        assertTrue(stageBDropped, "the recyclings were dropped while the engine was being killed");

        EngineProcess last = EngineProcess.start(root, dir, dir.resolve("last.log"), null, 0);
        try {
            assertTrue(last.awaitReady(GUARD_MS), last.tail(40));
            if (!stageADropped) {
                stageA.forEach(this::drop);
            }
            awaitReported(root, stageA, last);
            if (!stageBDropped) {
                stageB.forEach(this::drop);
            }
            awaitReported(root, all, last);
            // A flow is reported once its original is kept; its staging folder goes right after: the engine is
            // stopped once nothing is left in work/ or in/ (as KillRecoveryIT does).
            long deadline = System.currentTimeMillis() + GUARD_MS;
            while (!FolderFiles.under(root.resolve("work")).isEmpty() || !FolderFiles.under(root.resolve("in")).isEmpty()) {
                assertTrue(System.currentTimeMillis() < deadline, () -> "work/ or in/ never emptied\n" + last.tail(60));
                Thread.sleep(50);
            }
            assertTrue(last.stop(GUARD_MS) >= 0);
        } finally {
            last.kill("test ended");
        }

        assertWhileStopped(root, delivered);
        for (Drop drop : all) {
            Path report = report(root, drop).orElseThrow();
            assertEquals("92", Acks.status(report), () -> drop.name() + ": " + Acks.errorDescriptions(report));
            assertEquals(1, kept(root, drop).size(), () -> drop.name() + " kept once");
        }
        assertEquals(List.of(), FolderFiles.under(root.resolve("work")), "nothing is left staged");
        assertEquals(List.of(), FolderFiles.under(root.resolve("in")), "nothing is left pending");
        Path ministry = root.resolve("out").resolve(InvoiceTemplate.MINISTRY).resolve("SCE-ACHATS");
        assertEquals(3 * INVOICES, FolderFiles.under(ministry).size(), "the recycled and approved invoices are in their new outbox, once each");
        assertEquals(List.of(), FolderFiles.under(root.resolve("out").resolve(InvoiceTemplate.CITY).resolve("@none")), "and no longer in their old one");
        assertEquals(INVOICES, FolderFiles.under(root.resolve("out").resolve(InvoiceTemplate.CITY).resolve(WORKS_SERVICE)).size(),
                "the MOE's statements with the MOA, once each");
        assertEquals(INVOICES, FolderFiles.under(root.resolve("out").resolve(MOE)).size(), "the drafts stay with their MOE");
        assertEquals(List.of(), FolderFiles.under(root.resolve("out").resolve(InvoiceTemplate.SUPPLIER)), "nor with their validator");

        int forwarded = 0;
        for (Drop drop : all) {
            String name = kept(root, drop).get(0).getFileName().toString();
            Path statuses = root.resolve("ack").resolve("AAA001").resolve(name.substring(0, name.indexOf("__")) + ".factures.xml");
            forwarded += Acks.values(statuses, "//CPPFactureStatutUnitaire").size();
        }
        assertEquals(7 * INVOICES, forwarded, "04 and 03 for the city's invoices, 07 and 08 for the ministry's, 14 and 03 for the"
                + " approved, 18 for the drafts the MOE answered: each forwarded once");

        try (Database database = Database.open("jdbc:h2:file:" + root.resolve("db").resolve("chorus-edi"), "sa", "")) {
            LedgerQueries ledger = new LedgerQueries(database.dataSource());
            for (int i = 1; i <= INVOICES; i++) {
                InvoiceRow recycled = single(ledger.invoices(number("R", i)));
                assertEquals(List.of("01", "03", "04", "03"), codes(recycled), recycled::toString);
                assertEquals(InvoiceTemplate.MINISTRY, recycled.recipient());
                assertEquals(List.of("01", "03", "07", "08"), codes(single(ledger.invoices(number("M", i)))));
                InvoiceRow approved = single(ledger.invoices(number("V", i)));
                assertEquals(List.of("01", "13", "14", "03"), codes(approved), approved::toString);
                assertEquals(InvoiceTemplate.MINISTRY, approved.recipient());
                InvoiceRow draft = single(ledger.invoices(number("W", i)));
                assertEquals(List.of("01", "16", "18"), codes(draft), draft::toString);
                InvoiceRow statement = single(ledger.invoices(number("E", i)));
                assertEquals(List.of("01", "19"), codes(statement), statement::toString);
                assertEquals(draft.invoiceId(), statement.answers());
            }
        }
    }

    /** Two batches of invoices, to the city and to the ministry, delivered by a clean run; their outbox bytes by file name. */
    private Map<String, byte[]> deliverInvoices(Path root) throws Exception {
        TestDirectory.copyInto(root.resolve("directory"));
        // The test registry, with the subcontractor's emission and its validator's partner, and the market.
        Path partners = root.resolve("directory").resolve("partenaires.csv");
        Files.writeString(partners, Files.readString(partners).stripTrailing() + "\n"
                + "AAA001,Opérateur de test A,true,EMISSION," + SUB + "\n"
                + "VAL001,Plateforme du titulaire,true,RECEPTION," + InvoiceTemplate.SUPPLIER + "\n"
                + "MOE001,Maîtrise d'œuvre,true,EMISSION," + MOE + "\n", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("directory").resolve("marches.csv"), "numero_marche,role,identifiant,code_service,valideur\n"
                + "M-KILL,MOA," + InvoiceTemplate.MINISTRY + ",SCE-ACHATS,\n"
                + "M-KILL,TITULAIRE," + InvoiceTemplate.SUPPLIER + ",,\n"
                + "M-KILL,SOUS_TRAITANT," + SUB + ",," + InvoiceTemplate.SUPPLIER + "\n"
                + "M-KILL-T,MOA," + InvoiceTemplate.CITY + "," + WORKS_SERVICE + ",\n"
                + "M-KILL-T,MOE," + MOE + ",,\n"
                + "M-KILL-T,TITULAIRE," + InvoiceTemplate.SUPPLIER + ",,\n", StandardCharsets.UTF_8);
        EngineProcess engine = EngineProcess.start(root, dir, dir.resolve("deliveries.log"), null, 0);
        try {
            assertTrue(engine.awaitReady(GUARD_MS), engine.tail(40));
            Drop city = prepare("AAA001", "lot-ville.xml", batch("R", InvoiceTemplate.toMinistry().withRecipient(InvoiceTemplate.CITY)
                    .withServiceCode(null)));
            Drop ministry = prepare("AAA001", "lot-ministere.xml", batch("M", InvoiceTemplate.toMinistry()));
            Drop subcontracted = prepare("AAA001", "lot-sous-traitant.xml", batch("V", InvoiceTemplate.toMinistry().withSupplier(SUB)
                    .withFramework("A9").withContract("M-KILL")));
            Drop drafts = prepare("AAA001", "lot-decomptes.xml", batch("W", works().withFramework("A4")));
            drop(city);
            drop(ministry);
            drop(subcontracted);
            drop(drafts);
            awaitReported(root, List.of(city, ministry, subcontracted, drafts), engine);
            assertEquals(INVOICES, FolderFiles.under(root.resolve("out").resolve(InvoiceTemplate.SUPPLIER)).size(), "with their validator");
            assertTrue(engine.stop(GUARD_MS) >= 0);
        } finally {
            engine.kill("deliveries done");
        }
        Map<String, byte[]> bytes = new HashMap<>();
        for (Path file : FolderFiles.under(root.resolve("out"))) {
            bytes.put(file.getFileName().toString(), Files.readAllBytes(file));
        }
        return bytes;
    }

    /**
     * While the engine is stopped: each invoice in at most one outbox, every outbox file a whole invoice (the
     * bytes it was delivered with), and every invoice in an outbox or staged in work/ to be published there.
     */
    private static void assertWhileStopped(Path root, Map<String, byte[]> delivered) throws IOException {
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Path file : FolderFiles.under(root.resolve("out"))) {
            String name = file.getFileName().toString();
            Path before = seen.put(name, file);
            assertTrue(before == null, () -> name + " is in two outboxes: " + before + " and " + file);
            if (file.getParent().getFileName().toString().equals(WORKS_SERVICE)) {
                // an MOE's statement, delivered during the rounds: whole
                String statement = Files.readString(file);
                assertTrue(statement.contains("<cbc:ProfileID>A15</cbc:ProfileID>") && statement.strip().endsWith("</Invoice>"),
                        () -> file + " is not a whole statement");
                continue;
            }
            assertArrayEquals(delivered.get(name), Files.readAllBytes(file), () -> file + " is not the invoice delivered");
        }
        Set<String> somewhere = new TreeSet<>(seen.keySet());
        Set<String> committed = committedFlows(root);
        for (Path copy : FolderFiles.under(root.resolve("work"))) {
            // An uncommitted flow's staging folder is its own until its commit: a kill may leave a copy half
            // written there, and the restart deletes the folder (the invoice is still in its old outbox).
            if (copy.getFileName().toString().startsWith("recycled-")
                    && committed.contains(root.resolve("work").relativize(copy).getName(0).toString())) {
                byte[] bytes = Files.readAllBytes(copy);
                String invoice = delivered.entrySet().stream().filter(e -> Arrays.equals(e.getValue(), bytes))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                assertTrue(invoice != null, () -> copy + " is not a whole invoice");
                somewhere.add(invoice);
            }
        }
        somewhere.removeIf(name -> !delivered.containsKey(name));
        assertEquals(new TreeSet<>(delivered.keySet()), somewhere, "every invoice is in an outbox, or staged to be: never lost");
    }

    /**
     * The flows the ledger holds a commit of, read while the engine is stopped from a copy of its database: H2 refuses
     * a killed engine's file read-only (its lock file is left), and opening it to write would recover it before the
     * engine does.
     */
    private static Set<String> committedFlows(Path root) throws IOException {
        Path copy = Files.createTempDirectory(root.getParent(), "ledger-").resolve("chorus-edi");
        Files.copy(root.resolve("db").resolve("chorus-edi.mv.db"), copy.resolveSibling("chorus-edi.mv.db"));
        Set<String> flows = new HashSet<>();
        String url = "jdbc:h2:file:" + copy + ";ACCESS_MODE_DATA=r";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet rows = connection.createStatement().executeQuery("SELECT flow_id FROM ledger_flow")) {
            while (rows.next()) {
                flows.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the ledger cannot be read while the engine is stopped", e);
        }
        return flows;
    }

    private Drop statusFlow(String partner, String name, String recipient, String prefix, int first, String code, String reason,
                            String mandate) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = first; i < first + LINES_PER_FLOW && i <= INVOICES; i++) {
            lines.add(status(InvoiceTemplate.SUPPLIER, recipient, number(prefix, i), DATE, code, reason, mandate == null ? null : mandate + "-" + i));
        }
        return prepare(partner, "statuts-" + name + ".xml", statuses(partner, lines.toArray(String[]::new)));
    }

    /** The contract holder's works documents on market M-KILL-T, to the city (its MOA). */
    private static InvoiceTemplate works() {
        return InvoiceTemplate.toMinistry().withRecipient(InvoiceTemplate.CITY).withServiceCode(null).withContract("M-KILL-T");
    }

    /** The MOE's interim statements (A15), each answering a draft (BT-25): an invoice flow that changes other invoices. */
    private Drop moeStatements(int first) throws IOException {
        String declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        int last = Math.min(first + LINES_PER_FLOW - 1, INVOICES);
        StringBuilder batch = new StringBuilder(declaration + "<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n<Header><PartnerCode>MOE001"
                + "</PartnerCode><FlowId>LOT-E-" + first + "</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt><InvoiceCount>"
                + (last - first + 1) + "</InvoiceCount></Header>\n");
        for (int i = first; i <= last; i++) {
            batch.append(works().withFramework("A15").withNumber(number("E", i)).answering(number("W", i)).withLines(2).ubl()
                    .substring(declaration.length()));
        }
        return prepare("MOE001", "etats-a15-" + first + ".xml", batch.append("</Batch>\n").toString());
    }

    /** The validator's approvals (14) of the subcontractor's invoices, from its partner. */
    private Drop approvals(int first) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = first; i < first + LINES_PER_FLOW && i <= INVOICES; i++) {
            lines.add(status(SUB, InvoiceTemplate.SUPPLIER, number("V", i), DATE, "14", null, null));
        }
        return prepare("VAL001", "statuts-a14-" + first + ".xml", statuses("VAL001", lines.toArray(String[]::new)));
    }

    private String batch(String prefix, InvoiceTemplate template) {
        String declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        StringBuilder batch = new StringBuilder(declaration + "<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n<Header><PartnerCode>AAA001"
                + "</PartnerCode><FlowId>LOT-" + prefix + "</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt><InvoiceCount>" + INVOICES
                + "</InvoiceCount></Header>\n");
        for (int i = 1; i <= INVOICES; i++) {
            batch.append(template.withNumber(number(prefix, i)).ubl().substring(declaration.length()));
        }
        return batch.append("</Batch>\n").toString();
    }

    private static String number(String prefix, int i) {
        return String.format("%s-%02d", prefix, i);
    }

    private Drop prepare(String partner, String name, String content) throws IOException {
        Path aside = Files.createDirectories(dir.resolve("outgoing").resolve(partner)).resolve(name);
        Files.writeString(aside, content, StandardCharsets.UTF_8);
        return new Drop(partner, name, aside);
    }

    /** Drops a prepared file as a sender must: copied aside under a .part name, then renamed. */
    private void drop(Drop drop) {
        try {
            Path folder = Files.createDirectories(dir.resolve("root").resolve("in").resolve(drop.partner()));
            Path part = folder.resolve(drop.name() + ".part");
            Files.copy(drop.aside(), part);
            Files.move(part, folder.resolve(drop.name()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean reported(Path root, List<Drop> drops) throws IOException {
        for (Drop drop : drops) {
            if (report(root, drop).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static void awaitReported(Path root, List<Drop> drops, EngineProcess engine) throws Exception {
        long deadline = System.currentTimeMillis() + GUARD_MS;
        while (!reported(root, drops)) {
            assertTrue(System.currentTimeMillis() < deadline, () -> "not all flows were reported in time\n" + engine.tail(60));
            assertTrue(engine.isAlive(), () -> "the engine stopped\n" + engine.tail(60));
            Thread.sleep(50);
        }
    }

    /** A dropped file's flow report, once its original is kept (the last move of its publication). */
    private static Optional<Path> report(Path root, Drop drop) throws IOException {
        List<Path> kept = kept(root, drop);
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        String name = kept.get(0).getFileName().toString();
        Path report = root.resolve("ack").resolve(drop.partner()).resolve(name.substring(0, name.indexOf("__")) + ".flux.xml");
        return Files.exists(report) ? Optional.of(report) : Optional.empty();
    }

    private static List<Path> kept(Path root, Drop drop) throws IOException {
        List<Path> kept = new ArrayList<>();
        for (Path folder : List.of(root.resolve("archive").resolve(drop.partner()), root.resolve("rejected").resolve(drop.partner()))) {
            FolderFiles.under(folder).stream().filter(p -> p.getFileName().toString().endsWith("__" + drop.name())).forEach(kept::add);
        }
        return kept;
    }


    private static InvoiceRow single(List<InvoiceRow> invoices) {
        assertEquals(1, invoices.size(), invoices::toString);
        return invoices.get(0);
    }

    private static List<String> codes(InvoiceRow invoice) {
        return invoice.statusLines().stream().map(line -> line.split(" ")[1]).toList();
    }
}
