package org.chorusedi.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import net.sf.saxon.s9api.XdmNode;
import org.chorusedi.config.Configuration;
import org.chorusedi.controls.RoutingControls;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.flow.DepositMode;
import org.chorusedi.flow.FlowEvaluator;
import org.chorusedi.flow.FlowLimits;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.FlowRead;
import org.chorusedi.flow.FlowReader;
import org.chorusedi.flow.InvoiceRead;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.recognition.RecognitionSettings;
import org.chorusedi.testkit.Archives;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.ValidationPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree the first pass builds of each invoice for the EN 16931 rules is the one its staged file gives (comments,
 * namespaces in scope, attachments' stand-in and all), and the rules say the same of it; it is built only while its
 * share of the rules' heap is free, and every share is given back whatever becomes of the flow.
 */
class FirstPassTreeTest {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String BATCH_NS = "urn:chorus-edi:batch:1.0";
    private static final String CAC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static final String CBC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    /** The public EN 16931 examples (/work/shared/corpus/README.md), when this clone has them beside it. */
    private static final Path CORPUS = Path.of("/work/shared/corpus");
    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();
    private static final FlowLimits LIMITS = FlowLimits.read(Configuration.of(Map.of()));
    private static final ExecutorService VALIDATORS = ValidationPipeline.newThreadPool();
    private static final ExecutorService RULES_THREADS = RulesControl.newThreadPool();
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @AfterAll
    static void stopThreads() {
        RULES_THREADS.shutdownNow();
    }

    private FlowRead read(RulesHeap heap, String name, byte[] content) throws IOException {
        Path file = Files.write(dir.resolve(name), content);
        Path staging = Files.createTempDirectory(dir, "staging");
        return new FlowReader(SchemaCatalog.shared(), LIMITS, VALIDATORS)
                .read(file, name, staging, DepositMode.EDI, false, new InvoiceTrees(heap));
    }

    /** Each invoice's tree from the first pass against the one its staged file gives; the rules' failures of both. */
    private static List<RuleFailure> assertSameTreeAndVerdict(InvoiceRead invoice) throws Exception {
        XdmNode fromPass = invoice.tree().use();
        assertNotNull(fromPass, () -> invoice.staged() + ": its tree was built");
        try {
            XdmNode fromFile = BusinessRules.shared().parse(invoice.staged());
            assertEquals(fromFile.toString(), fromPass.toString(), () -> invoice.staged() + ": the same tree");
            List<RuleFailure> failures = BusinessRules.shared().check(fromFile, invoice.syntax());
            assertEquals(failures, BusinessRules.shared().check(fromPass, invoice.syntax()), () -> invoice.staged() + ": the same verdict");
            assertEquals(failures, BusinessRules.shared().check(invoice.staged(), invoice.syntax()), "as the staged file is checked");
            return failures;
        } finally {
            invoice.tree().release();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** No seller name (BT-27), which the XSD lets go: BR-06. */
    private static String noSellerName(String ubl) {
        String name = "<cac:PartyLegalEntity><cbc:RegistrationName>Fournitures Durand SAS</cbc:RegistrationName></cac:PartyLegalEntity>";
        assertTrue(ubl.contains(name));
        return ubl.replace(name, "");
    }

    @Test
    void theProjectsInvoicesHaveTheTreeAndTheVerdictOfTheirStagedFile() throws Exception {
        RulesHeap heap = new RulesHeap(1024 * MIB);
        String ubl = MINISTRY.withNumber("F-1").withLines(10).ubl();
        Map<String, String> invoices = new LinkedHashMap<>();
        invoices.put("ubl.xml", ubl);
        invoices.put("cii.xml", MINISTRY.withNumber("F-2").withLines(10).cii());
        invoices.put("no-seller-name.xml", noSellerName(ubl));
        invoices.put("attachment-ubl.xml", MINISTRY.withNumber("F-3").withAttachment("devis.pdf", 3000).ubl());
        invoices.put("attachment-cii.xml", MINISTRY.withNumber("F-4").withAttachment("devis.pdf", 3000).cii());
        // Comments and processing instructions before, inside and after the root, one inside an attachment.
        String marked = MINISTRY.withNumber("F-5").withAttachment("devis.pdf", 300).ubl()
                .replace(DECLARATION, DECLARATION + "<!-- before --><?chorus before?>\n")
                .replaceFirst("<cbc:ID>", "<!-- inside --><cbc:ID><?chorus inside?>")
                .replaceFirst("(<cbc:EmbeddedDocumentBinaryObject[^>]*>)", "$1<!-- in the attachment -->") + "<!-- after -->\n";
        invoices.put("comments.xml", marked);

        for (Map.Entry<String, String> invoice : invoices.entrySet()) {
            FlowRead read = read(heap, invoice.getKey(), utf8(invoice.getValue()));
            assertEquals(List.of(), read.flowFindings(), invoice::getKey);
            List<RuleFailure> failures = assertSameTreeAndVerdict(read.invoices().get(0));
            assertEquals(invoice.getKey().equals("no-seller-name.xml"), failures.stream().anyMatch(f -> f.id().equals("BR-06")),
                    invoice.getKey() + ": " + failures);
        }
        assertTrue(Files.readString(dir.resolve("comments.xml")).contains("<!-- in the attachment -->"));
        assertEquals(heap.share(), heap.free(), "every share given back");
    }

    @Test
    void theInvoicesOfABatchWhoseRootDeclaresTheirNamespacesHaveTheTreeOfTheirStagedFile() throws Exception {
        RulesHeap heap = new RulesHeap(1024 * MIB);
        String ownDeclarations = " xmlns:cac=\"" + CAC_NS + "\" xmlns:cbc=\"" + CBC_NS + "\"";
        String full = MINISTRY.withNumber("F-B1").ubl().substring(DECLARATION.length());
        String inheriting = noSellerName(MINISTRY.withNumber("F-B2").ubl().substring(DECLARATION.length())).replace(ownDeclarations, "");
        String cii = MINISTRY.withNumber("F-B3").withAttachment("devis.pdf", 2000).cii().substring(DECLARATION.length());
        String batch = DECLARATION + "<Batch xmlns=\"" + BATCH_NS + "\"" + ownDeclarations + " xmlns:x=\"urn:example:unused\">\n"
                + "<Header><PartnerCode>AAA001</PartnerCode><FlowId>LOT-1</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt>"
                + "<InvoiceCount>3</InvoiceCount></Header>\n<!-- between -->" + full + inheriting + cii + "</Batch>\n";

        FlowRead read = read(heap, "batch.xml", utf8(batch));

        assertEquals(List.of(), read.flowFindings());
        assertEquals(3, read.invoices().size());
        List<List<RuleFailure>> failures = new ArrayList<>();
        for (InvoiceRead invoice : read.invoices()) {
            failures.add(assertSameTreeAndVerdict(invoice));
        }
        assertEquals(List.of(false, true, false), failures.stream().map(f -> f.stream().anyMatch(r -> r.id().equals("BR-06"))).toList());
        assertEquals(heap.share(), heap.free());
    }

    @Test
    void thePublicEn16931ExamplesHaveTheTreeAndTheVerdictOfTheirStagedFile() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "skipped: no public EN 16931 examples at " + CORPUS + " (see its README: a clone has none)");
        RulesHeap heap = new RulesHeap(1024 * MIB);
        List<Path> examples;
        try (Stream<Path> files = Files.walk(CORPUS)) {
            examples = files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }
        assertFalse(examples.isEmpty());
        for (Path example : examples) {
            FlowRead read = read(heap, example.getFileName().toString(), Files.readAllBytes(example));
            assertEquals(List.of(), read.flowFindings(), example::toString);
            // They pass the rules: the trees compared (all 62 carry comments, one an attachment) are what tells.
            assertSameTreeAndVerdict(read.invoices().get(0));
        }
        assertEquals(heap.share(), heap.free());
    }

    @Test
    void withoutItsShareFreeAnInvoiceHasNoTreeAndIsCheckedFromItsStagedFile() throws Exception {
        RulesHeap heap = new RulesHeap(1024 * MIB);
        RulesControl rules = new RulesControl(RuleLevel.REJECT, Map.of(), RULES_THREADS, heap);
        String invoice = noSellerName(MINISTRY.withNumber("F-S1").ubl());

        // Read while a check holds the whole share: no tree can grow.
        FlowRead read = heap.check(heap.share(), () -> read(heap, "no-share.xml", utf8(invoice)));

        InvoiceRead only = read.invoices().get(0);
        assertNull(only.tree().use(), "no tree was built");
        List<RulesControl.Verdict> verdicts = rules.check("AAA001", List.of(new RulesControl.Invoice("invoice 1", only.syntax(),
                only.staged(), only.ownBytes(), only.treeNodes(), only.tree())));
        assertEquals(List.of(ReasonCode.I20), verdicts.get(0).rejections().stream().map(f -> f.code()).toList());
        assertTrue(verdicts.get(0).rejections().get(0).description().contains("BR-06"), verdicts::toString);
        assertEquals(heap.share(), heap.free());
    }

    /** The second parse is spared to small invoices: a large one is parsed after the first pass, its heap not held during it. */
    @Test
    void anInvoiceOfMoreThanAQuarterOfAMillionCharactersOfTextHasNoTreeFromTheFirstPass() throws Exception {
        RulesHeap heap = new RulesHeap(1024 * MIB);
        RulesControl rules = new RulesControl(RuleLevel.REJECT, Map.of(), RULES_THREADS, heap);
        String ubl = MINISTRY.withNumber("F-L1").ubl();
        assertTrue(ubl.contains("</cbc:InvoiceTypeCode>"));
        String large = ubl.replaceFirst("</cbc:InvoiceTypeCode>", "</cbc:InvoiceTypeCode>"
                + ("<cbc:Note>" + "x".repeat(100_000) + "</cbc:Note>").repeat(3));

        FlowRead read = read(heap, "large.xml", utf8(large));

        assertEquals(List.of(), read.flowFindings());
        InvoiceRead only = read.invoices().get(0);
        assertEquals(heap.share(), heap.free(), "no share held once the tree outgrew the first pass's bound");
        assertNull(only.tree().use(), "no tree was kept");
        List<RulesControl.Verdict> verdicts = rules.check("AAA001", List.of(new RulesControl.Invoice("invoice 1", only.syntax(),
                only.staged(), only.ownBytes(), only.treeNodes(), only.tree())));
        assertEquals(List.of(), verdicts.get(0).rejections(), "checked from its staged file");
    }

    @Test
    void noTreeIsBuiltAheadInAHeapUnder128Megabytes() {
        assertSame(InvoiceTrees.NONE, new RulesControl(RuleLevel.REJECT, Map.of(), RULES_THREADS, new RulesHeap(127 * MIB)).treesFor("AAA001"));
        assertNotSame(InvoiceTrees.NONE, new RulesControl(RuleLevel.REJECT, Map.of(), RULES_THREADS, new RulesHeap(128 * MIB)).treesFor("AAA001"));
    }

    @Test
    void aCheckThatWouldWaitTakesBackTheTreesNotYetChecked() throws Exception {
        RulesHeap heap = new RulesHeap(1024 * MIB);
        FlowRead read = read(heap, "held.xml", utf8(MINISTRY.withNumber("F-W1").ubl()));
        assertTrue(heap.free() < heap.share(), "its tree holds its share");

        // Would wait forever on a tree whose check has not started: takes its share back instead.
        assertEquals("checked", heap.check(heap.share(), () -> "checked"));

        assertNull(read.invoices().get(0).tree().use(), "its tree was dropped");
        assertEquals(heap.share(), heap.free());
    }

    @Test
    void aBatchLargerThanTheShareHasTreesForSomeInvoicesOnlyAndTheSameVerdicts() throws Exception {
        RulesHeap heap = new RulesHeap(4 * MIB);
        RulesControl rules = new RulesControl(RuleLevel.REJECT, Map.of(), RULES_THREADS, heap);
        StringBuilder batch = new StringBuilder(DECLARATION + "<Batch xmlns=\"" + BATCH_NS + "\">\n<Header><PartnerCode>AAA001</PartnerCode>"
                + "<FlowId>LOT-2</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt><InvoiceCount>60</InvoiceCount></Header>\n");
        for (int i = 1; i <= 60; i++) {
            String ubl = MINISTRY.withNumber("F-L" + i).withLines(10).ubl();
            batch.append((i % 2 == 0 ? noSellerName(ubl) : ubl).substring(DECLARATION.length()));
        }
        batch.append("</Batch>\n");

        FlowRead read = read(heap, "large-batch.xml", utf8(batch.toString()));

        assertTrue(heap.free() >= 0);
        long withTrees = read.invoices().stream().filter(i -> i.tree().held()).count();
        assertTrue(withTrees > 0 && withTrees < 60, withTrees + " trees of 60 invoices");
        List<RulesControl.Verdict> verdicts = rules.check("AAA001", read.invoices().stream()
                .map(i -> new RulesControl.Invoice("invoice " + i.index(), i.syntax(), i.staged(), i.ownBytes(), i.treeNodes(), i.tree()))
                .toList());
        for (int i = 0; i < 60; i++) {
            assertEquals(i % 2 == 1, verdicts.get(i).rejections().stream().anyMatch(f -> f.description().contains("BR-06")), "invoice " + (i + 1));
        }
        assertEquals(heap.share(), heap.free());
    }

    @Test
    void noTreeIsBuiltWhenThePartnersRulesAreOff() throws Exception {
        RulesControl rules = new RulesControl(RuleLevel.REJECT, Map.of("BBB002", RuleLevel.OFF), RULES_THREADS, new RulesHeap(1024 * MIB));
        assertEquals(InvoiceTrees.NONE, rules.treesFor("BBB002"));
        FlowRead read;
        try (InvoiceTrees none = rules.treesFor("BBB002")) {
            Path file = Files.writeString(dir.resolve("off.xml"), MINISTRY.withNumber("F-O1").ubl());
            read = new FlowReader(SchemaCatalog.shared(), LIMITS, VALIDATORS)
                    .read(file, "off.xml", Files.createTempDirectory(dir, "staging"), DepositMode.EDI, false, none);
        }
        assertNull(read.invoices().get(0).tree());
    }

    private FlowEvaluator evaluator(RulesHeap heap) {
        return new FlowEvaluator(new FlowReader(SchemaCatalog.shared(), LIMITS, VALIDATORS), new RoutingControls(MarketLookup.NONE),
                new RulesControl(RuleLevel.REJECT, Map.of(), RULES_THREADS, heap), RecognitionSettings.ON, LIMITS.maxFlowBytes());
    }

    @Test
    void noShareIsLeftHeldByAnArchiveRejectedAsAWholeOnItsSecondEntry() throws Exception {
        RulesHeap heap = new RulesHeap(1024 * MIB);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("first.xml", utf8(MINISTRY.withNumber("F-A1").ubl()));
        entries.put("order.xml", utf8("<?xml version=\"1.0\"?>\n<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>\n"));
        Path zip = Files.write(dir.resolve("two.zip"), Archives.zip(entries));

        FlowOutcome outcome = evaluator(heap).evaluate(zip, "AAA001", "AAA001-0001", DirectoryLookup.EMPTY, PartnerLookup.OPEN,
                Files.createTempDirectory(dir, "staging"));

        assertTrue(outcome.rejectedAsWhole());
        assertEquals(ReasonCode.F08, outcome.flowFindings().get(0).code());
        assertEquals(heap.share(), heap.free(), "the first entry's tree gave its share back");
    }

    @Test
    void noShareIsLeftHeldAfterAFlowFails() throws Exception {
        RulesHeap heap = new RulesHeap(1024 * MIB);
        Path file = Files.writeString(dir.resolve("fails.xml"), MINISTRY.withNumber("F-X1").withAttachment("big.pdf", 2 * MIB).ubl());
        // Staged past what is kept in memory, into a folder that is not there: the disk's failure, thrown.
        Path noFolder = dir.resolve("no-such-folder");

        assertThrows(IOException.class, () -> evaluator(heap).evaluate(file, "AAA001", "AAA001-0002", DirectoryLookup.EMPTY,
                PartnerLookup.OPEN, noFolder));

        assertEquals(heap.share(), heap.free());
    }
}
