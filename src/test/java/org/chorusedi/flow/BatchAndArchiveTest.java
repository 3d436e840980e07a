package org.chorusedi.flow;

import static org.chorusedi.testkit.Archives.tarGz;
import static org.chorusedi.testkit.Archives.zip;
import static org.chorusedi.testkit.Archives.zipWithSymlink;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.chorusedi.recognition.RecognitionSettings;
import org.chorusedi.config.Configuration;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.directory.Service;
import org.chorusedi.directory.Structure;
import org.chorusedi.generator.FlowGenerator;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.controls.RoutingControls;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.Syntax;
import org.chorusedi.validation.ValidationPipeline;
import org.chorusedi.invoice.InvoiceKeys;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches in our envelope, gzip, tar.gz and zip flows, and embedded attachments, through the
 * evaluator on real files: what is delivered (each invoice staged as a standalone document), what is
 * rejected invoice by invoice (I13 to I16), what rejects the whole flow (F02, F06, F07, F08).
 */
@Tag("h2-only")
class BatchAndArchiveTest {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String BATCH_NS = "urn:chorus-edi:batch:1.0";
    private static final String UBL_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    private static final String CAC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static final String CBC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static final String FLOW_ID = "AAA001-20261126T100000000-0001";
    private static final Pattern LOCATION = Pattern.compile("line (\\d+), column (\\d+)");

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();
    private static final FlowLimits DEFAULTS = limits(Map.of());
    /** The validation threads of every reader of this class (daemon threads). */
    private static final ExecutorService VALIDATORS = ValidationPipeline.newThreadPool();

    /** Knows the ministry and its purchasing service: the template's invoices are deliverable. */
    private static final DirectoryLookup DIRECTORY = new DirectoryLookup() {
        @Override
        public Optional<Structure> structure(String identifier) {
            return InvoiceTemplate.MINISTRY.equals(identifier)
                    ? Optional.of(new Structure(InvoiceTemplate.MINISTRY, "Ministère de l'Exemple", true, true, false, false,
                            false, false, Instant.EPOCH))
                    : Optional.empty();
        }

        @Override
        public Optional<Service> service(String structureIdentifier, String serviceCode) {
            return InvoiceTemplate.MINISTRY.equals(structureIdentifier) && "SCE-ACHATS".equals(serviceCode)
                    ? Optional.of(new Service(InvoiceTemplate.MINISTRY, "SCE-ACHATS", "Service des achats", true, false, Instant.EPOCH))
                    : Optional.empty();
        }
    };

    @TempDir
    Path dir;

    // ================================================================ helpers

    /** The engine's limits (application.properties), with these settings changed. */
    private static FlowLimits limits(Map<String, String> settings) {
        return FlowLimits.read(Configuration.of(settings));
    }

    private FlowOutcome evaluate(Path file, FlowLimits limits) throws IOException {
        return evaluate(file, limits, DepositMode.EDI);
    }

    private FlowOutcome evaluate(Path file, FlowLimits limits, DepositMode mode) throws IOException {
        FlowEvaluator evaluator = new FlowEvaluator(new FlowReader(SchemaCatalog.shared(), limits, VALIDATORS), new RoutingControls(MarketLookup.NONE),
                FlowCheck.NO_RULES, RecognitionSettings.ON, limits.maxFlowBytes());
        Path staging = Files.createTempDirectory(dir, "staging");
        return assertDoesNotThrow(() -> evaluator.evaluate(file, "AAA001", FLOW_ID, DIRECTORY, PartnerLookup.OPEN, staging, mode),
                () -> file.getFileName() + " must be decided, not thrown");
    }

    private FlowOutcome evaluate(Path file) throws IOException {
        return evaluate(file, DEFAULTS);
    }

    private FlowOutcome evaluate(String fileName, byte[] content) throws IOException {
        return evaluate(Files.write(dir.resolve(fileName), content));
    }

    private FlowOutcome evaluate(String fileName, String content) throws IOException {
        return evaluate(fileName, utf8(content));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String invoice(InvoiceTemplate template, String number) {
        return element(template.withNumber(number).ubl());
    }

    private static String cii(InvoiceTemplate template, String number) {
        return element(template.withNumber(number).cii());
    }

    /** A whole document without its XML declaration: the element as it stands in a batch (with its final newline). */
    private static String element(String document) {
        assertTrue(document.startsWith(DECLARATION), "the template writes a UTF-8 declaration");
        return document.substring(DECLARATION.length());
    }

    private static String header(String count) {
        return "<Header><PartnerCode>AAA001</PartnerCode><FlowId>LOT-2026-11</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt>"
                + (count == null ? "" : "<InvoiceCount>" + count + "</InvoiceCount>") + "</Header>\n";
    }

    /** A batch of these invoice elements, its header declaring their count. */
    private static String batch(List<String> invoices) {
        return batch("", Integer.toString(invoices.size()), invoices);
    }

    private static String batch(String rootNamespaces, String count, List<String> invoices) {
        return DECLARATION + "<Batch xmlns=\"" + BATCH_NS + "\"" + rootNamespaces + ">\n" + header(count)
                + String.join("", invoices) + "</Batch>\n";
    }

    /** What a batch invoice is staged as: a declaration, then its element (without what follows its end tag). */
    private static byte[] standalone(String element) {
        return utf8(DECLARATION + element.stripTrailing());
    }

    private static void assertDelivered(FlowOutcome outcome, int invoices) {
        assertFalse(outcome.rejectedAsWhole(), () -> "flow findings: " + outcome.flowFindings());
        assertEquals(invoices, outcome.invoices().size(), () -> "findings: " + outcome.allFindings());
        assertAll(outcome.invoices().stream().map(i -> () -> assertEquals(List.of(), i.findings(), i.invoiceId())));
        assertEquals("92", outcome.status());
    }

    /** The one flow finding of a flow rejected as a whole. */
    private static Finding rejectedAsWhole(FlowOutcome outcome, ReasonCode expected) {
        assertTrue(outcome.rejectedAsWhole(), () -> "should be rejected as a whole, findings: " + outcome.allFindings());
        assertEquals(1, outcome.flowFindings().size(), () -> "flow findings: " + outcome.flowFindings());
        Finding finding = outcome.flowFindings().get(0);
        assertAll(
                () -> assertEquals(expected, finding.code(), finding::description),
                () -> assertEquals(List.of(), outcome.invoices(), "nothing is kept of a flow rejected as a whole"),
                () -> assertEquals(0, outcome.deliveredCount()),
                () -> assertEquals("93", outcome.status()),
                () -> assertTrue(finding.description().startsWith(outcome.fileName()),
                        () -> "the description names the file: " + finding.description()));
        return finding;
    }

    private static List<ReasonCode> codes(InvoiceOutcome invoice) {
        return invoice.findings().stream().map(Finding::code).toList();
    }

    /** The staged file is a document of its own: these exact bytes, and delivered when evaluated alone. */
    /** Every invoice of the batch delivered, each staged as the standalone document it was in the batch. */
    private void assertDeliveredAsStaged(FlowOutcome outcome, List<String> invoices) throws IOException {
        assertDelivered(outcome, invoices.size());
        for (int i = 0; i < invoices.size(); i++) {
            assertStandalone(outcome.invoices().get(i), standalone(invoices.get(i)));
        }
    }

    private void assertStandalone(InvoiceOutcome invoice, byte[] expected) throws IOException {
        Path staged = invoice.invoice().staged();
        assertNotNull(staged, invoice.invoiceId());
        byte[] actual = Files.readAllBytes(staged);
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
                invoice.invoiceId() + ": staged bytes");
        assertArrayEquals(expected, actual, invoice.invoiceId() + ": staged bytes");

        Path alone = Files.copy(staged, Files.createTempDirectory(dir, "alone").resolve("alone.xml"));
        FlowOutcome again = evaluate(alone);
        assertDelivered(again, 1);
        assertEquals(invoice.invoice().keys(), again.invoices().get(0).invoice().keys(), "the same invoice, read alone");
        assertArrayEquals(actual, Files.readAllBytes(again.invoices().get(0).invoice().staged()), "a single invoice is staged as it came");
    }

    private static int[] location(String description) {
        Matcher m = LOCATION.matcher(description);
        assertTrue(m.find(), () -> "the description gives line and column: " + description);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** 1-based line of the first occurrence of marker at or after from. */
    private static int lineOf(String text, String marker, int from) {
        int index = text.indexOf(marker, from);
        assertTrue(index >= 0, () -> "marker absent: " + marker);
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }



    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    /** Three single-invoice files, UBL and CII, as an archive's entries (numbers F-A1, F-A2, F-A3). */
    private static Map<String, byte[]> threeInvoices() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("factures/f-a1.xml", utf8(MINISTRY.withNumber("F-A1").ubl()));
        entries.put("factures/f-a2.xml", utf8(MINISTRY.withNumber("F-A2").cii()));
        entries.put("factures/f-a3.xml", utf8(MINISTRY.withNumber("F-A3").ubl()));
        return entries;
    }

    private void assertThreeInvoicesDelivered(FlowOutcome outcome, Map<String, byte[]> entries) throws IOException {
        assertDelivered(outcome, 3);
        List<byte[]> contents = new ArrayList<>(entries.values());
        List<String> numbers = List.of("F-A1", "F-A2", "F-A3");
        List<Syntax> syntaxes = List.of(Syntax.UBL_INVOICE, Syntax.CII_D16B, Syntax.UBL_INVOICE);
        for (int i = 0; i < 3; i++) {
            InvoiceOutcome invoice = outcome.invoices().get(i);
            assertEquals(i + 1, invoice.invoice().index());
            assertEquals(FLOW_ID + "-000" + (i + 1), invoice.invoiceId());
            assertEquals(numbers.get(i), invoice.invoice().keys().number());
            assertEquals(syntaxes.get(i), invoice.invoice().syntax());
            assertStandalone(invoice, contents.get(i));
        }
    }

    /** Writes a UBL document of any size (its attachment streamed) to a file. */
    private Path writeUbl(String fileName, InvoiceTemplate template) throws IOException {
        Path file = dir.resolve(fileName);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(DECLARATION);
            template.writeUbl(out);
        }
        return file;
    }

    // ================================================================ batches: delivered invoice by invoice

    @Test
    void aBatchOfMixedUblAndCiiInvoicesIsDeliveredEachAsAStandaloneDocument() throws Exception {
        List<String> invoices = List.of(invoice(MINISTRY, "F-B1"), cii(MINISTRY, "F-B2"), invoice(MINISTRY, "F-B3"),
                cii(MINISTRY.withLines(3), "F-B4"), invoice(MINISTRY.withLines(2), "F-B5"));

        FlowOutcome outcome = evaluate("batch.xml", batch(invoices));

        assertDelivered(outcome, 5);
        List<Syntax> syntaxes = List.of(Syntax.UBL_INVOICE, Syntax.CII_D16B, Syntax.UBL_INVOICE, Syntax.CII_D16B, Syntax.UBL_INVOICE);
        for (int i = 0; i < invoices.size(); i++) {
            InvoiceOutcome invoice = outcome.invoices().get(i);
            assertEquals(i + 1, invoice.invoice().index());
            assertEquals(FLOW_ID + "-000" + (i + 1), invoice.invoiceId());
            assertEquals("F-B" + (i + 1), invoice.invoice().keys().number());
            assertEquals(syntaxes.get(i), invoice.invoice().syntax());
            assertEquals(InvoiceTemplate.MINISTRY, invoice.invoice().keys().recipientId());
            assertEquals("SCE-ACHATS", invoice.invoice().keys().serviceCode());
            assertEquals("Ministère de l'Exemple", invoice.recipientName());
            assertEquals("Service des achats", invoice.serviceName());
            assertStandalone(invoice, standalone(invoices.get(i)));
        }
    }

    @Test
    void theInvoicesOfABatchShareTheKeyValuesTheyHaveInCommonEachKeptOnce() throws Exception {
        // A flow of 100,000 invoices holds their keys until it is decided: a value read again is the one kept.
        FlowOutcome outcome = evaluate("batch.xml", batch(List.of(invoice(MINISTRY, "F-S1"), cii(MINISTRY, "F-S2"), invoice(MINISTRY, "F-S3"))));

        assertDelivered(outcome, 3);
        InvoiceKeys first = outcome.invoices().get(0).invoice().keys();
        for (InvoiceOutcome invoice : outcome.invoices().subList(1, 3)) {
            InvoiceKeys keys = invoice.invoice().keys();
            assertAll(invoice.invoiceId(),
                    () -> assertSame(first.recipientId(), keys.recipientId()),
                    () -> assertSame(first.serviceCode(), keys.serviceCode()),
                    () -> assertSame(first.supplierId(), keys.supplierId()),
                    () -> assertSame(first.supplierName(), keys.supplierName()),
                    () -> assertNotEquals(first.number(), keys.number()));
        }
    }

    @Test
    void anInvoiceInheritsTheNamespaceDeclarationsOfTheBatchRootThatItUses() throws Exception {
        String ownDeclarations = " xmlns:cac=\"" + CAC_NS + "\" xmlns:cbc=\"" + CBC_NS + "\"";
        String full = invoice(MINISTRY, "F-N1");
        assertTrue(full.contains(ownDeclarations), "the template declares cac and cbc itself");
        String withoutPrefixes = invoice(MINISTRY, "F-N2").replace(ownDeclarations, "");
        String rootNamespaces = " xmlns:cac=\"" + CAC_NS + "\" xmlns:cbc=\"" + CBC_NS + "\"";

        FlowOutcome outcome = evaluate("inherited.xml", batch(rootNamespaces, "3",
                List.of(full, withoutPrefixes, cii(MINISTRY, "F-N3"))));

        assertDelivered(outcome, 3);
        // declares cac and cbc itself: nothing is added (a second declaration would not even be well-formed)
        assertStandalone(outcome.invoices().get(0), standalone(full));
        // uses cac and cbc declared on the root only: they are copied onto its start tag, right after its name
        assertStandalone(outcome.invoices().get(1),
                standalone(withoutPrefixes.replaceFirst("^<Invoice", "<Invoice" + rootNamespaces)));
        // the CII invoice does not use them, but inherits what is in scope: the same declarations, after its name
        String ciiElement = cii(MINISTRY, "F-N3");
        assertStandalone(outcome.invoices().get(2),
                standalone(ciiElement.replaceFirst("^<rsm:CrossIndustryInvoice", "<rsm:CrossIndustryInvoice" + rootNamespaces)));
    }

    @Test
    void anInvoiceDeclaringNoNamespaceAtAllInheritsTheDefaultOneFromAPrefixedBatchRoot() throws Exception {
        String bare = invoice(MINISTRY, "F-N4").replace(" xmlns=\"" + UBL_NS + "\" xmlns:cac=\"" + CAC_NS + "\" xmlns:cbc=\"" + CBC_NS + "\"", "");
        assertTrue(bare.startsWith("<Invoice>\n"), bare.substring(0, 40));
        String inScope = " xmlns=\"" + UBL_NS + "\" xmlns:cac=\"" + CAC_NS + "\" xmlns:cbc=\"" + CBC_NS + "\"";
        String xml = DECLARATION + "<b:Batch xmlns:b=\"" + BATCH_NS + "\"" + inScope + ">\n"
                + header("1").replace("<", "<b:").replace("<b:/", "</b:") + bare + "</b:Batch>\n";

        FlowOutcome outcome = evaluate("prefixed-batch.xml", xml);

        assertDelivered(outcome, 1);
        // the batch prefix is in scope too: harmless, and kept, so that the copy needs no knowledge of what the invoice uses
        byte[] staged = Files.readAllBytes(outcome.invoices().get(0).invoice().staged());
        String text = new String(staged, StandardCharsets.UTF_8);
        assertTrue(text.startsWith(DECLARATION + "<Invoice "), text.substring(0, 120));
        for (String declaration : List.of("xmlns=\"" + UBL_NS + "\"", "xmlns:cac=\"" + CAC_NS + "\"", "xmlns:cbc=\"" + CBC_NS + "\"")) {
            assertTrue(text.substring(0, text.indexOf('>', DECLARATION.length())).contains(declaration), declaration);
        }
        assertTrue(text.endsWith(bare.substring("<Invoice>".length()).stripTrailing()), "the rest of the invoice as it came");
        assertStandalone(outcome.invoices().get(0), staged);
    }

    @Test
    void invoiceBytesAreCutExactlyWhateverComesBetweenThem() throws Exception {
        // non-ASCII text (2, 3 and 4 bytes a character), a BOM, CRLF line ends, comments and processing instructions
        String accents = "Ramettes de papier";
        List<String> invoices = List.of(
                invoice(MINISTRY, "F-U1").replace(accents, "Ramettes \u00e9t\u00e9 \u20ac \uD834\uDD1E"),
                cii(MINISTRY, "F-U2").replace(accents, "\u00c9cole \u00e0 \u00e9quiper \uD83D\uDE00"),
                invoice(MINISTRY, "F-U3").replace("\n", "\r\n"),
                invoice(MINISTRY, "F-U4"));
        String between = "<!-- lot \u00e9t\u00e9 \uD83D\uDE00 --><?chorus trace=\"\u00e9\"?>\r\n";
        String xml = "\uFEFF" + DECLARATION + "<Batch xmlns=\"" + BATCH_NS + "\">\r\n" + header("4")
                + between + String.join(between, invoices) + between + "</Batch>\r\n";

        FlowOutcome outcome = evaluate("exact-cuts.xml", xml);

        assertDelivered(outcome, 4);
        for (int i = 0; i < invoices.size(); i++) {
            InvoiceOutcome invoice = outcome.invoices().get(i);
            assertEquals("F-U" + (i + 1), invoice.invoice().keys().number());
            assertStandalone(invoice, standalone(invoices.get(i)));
        }
    }

    @Test
    void aLargeInvoiceInABatchIsStagedWholeBetweenSmallOnes() throws Exception {
        // far larger than what the reader keeps behind its position (256 KiB)
        InvoiceTemplate big = MINISTRY.withNumber("F-L2").withAttachment("annexe.pdf", 2_000_000).withLines(200);
        List<String> invoices = List.of(invoice(MINISTRY, "F-L1"), element(big.ubl()), invoice(MINISTRY, "F-L3"));

        FlowOutcome outcome = evaluate("large-in-batch.xml", batch(invoices));

        assertDeliveredAsStaged(outcome, invoices);
    }

    @Test
    void anInvoiceWhoseStartTagIsLargerThanWhatTheReaderKeepsBehindIsStillDecided() throws Exception {
        // namespace declarations are allowed on any element and never break the schema: five of 60 KB make a 300 KB start tag
        StringBuilder declarations = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            declarations.append(" xmlns:x").append(i).append("=\"urn:example:").append(String.valueOf(i).repeat(60_000)).append('"');
        }
        String wide = invoice(MINISTRY, "F-W2").replaceFirst("^<Invoice", "<Invoice" + declarations);
        List<String> invoices = List.of(invoice(MINISTRY, "F-W1"), wide, invoice(MINISTRY, "F-W3"));
        assertDelivered(evaluate("wide-alone.xml", DECLARATION + wide), 1);

        FlowOutcome outcome = evaluate("wide-start-tag.xml", batch(invoices));

        assertDeliveredAsStaged(outcome, invoices);
    }

    // ================================================================ batches: partial integration

    @Test
    void aBatchWhoseThirdInvoiceFailsItsSchemaDeliversTheOthersWithI16AtTheLineInTheFlow() throws Exception {
        List<String> invoices = new ArrayList<>(List.of(invoice(MINISTRY, "F-S1"), cii(MINISTRY, "F-S2"),
                invoice(MINISTRY, "F-S3").replace(">2026-11-20<", ">20/11/2026<"), cii(MINISTRY, "F-S4"), invoice(MINISTRY, "F-S5")));
        String xml = batch(invoices);

        FlowOutcome outcome = evaluate("third-invalid.xml", xml);

        assertFalse(outcome.rejectedAsWhole(), () -> "flow findings: " + outcome.flowFindings());
        assertEquals("96", outcome.status());
        assertEquals(5, outcome.invoices().size());
        assertEquals(4, outcome.deliveredCount());
        InvoiceOutcome third = outcome.invoices().get(2);
        assertEquals(List.of(ReasonCode.I16), codes(third));
        String description = third.findings().get(0).description();
        assertTrue(description.startsWith("invoice 3 of the batch (line " + lineOf(xml, "<Invoice", xml.indexOf("F-S2")) + "): "), description);
        int[] at = location(description.substring(description.indexOf("): ") + 3));
        assertEquals(lineOf(xml, ">20/11/2026<", 0), at[0], description);
        assertTrue(at[1] > 1, description);
        assertTrue(description.contains("20/11/2026"), description);
        assertEquals("F-S3", third.invoice().keys().number(), "the keys are read even so");
        for (int i : new int[] {0, 1, 3, 4}) {
            InvoiceOutcome invoice = outcome.invoices().get(i);
            assertEquals(List.of(), invoice.findings(), invoice.invoiceId());
            assertEquals(FLOW_ID + "-000" + (i + 1), invoice.invoiceId(), "positions are kept, the rejected one included");
            assertStandalone(invoice, standalone(invoices.get(i)));
        }
    }

    @Test
    void aBatchWhoseInvoicesAllFailIsDecidedInvoiceByInvoiceNotAsAWhole() throws Exception {
        FlowOutcome outcome = evaluate("all-invalid.xml", batch(List.of(
                invoice(MINISTRY, "F-X1").replace(">2026-11-20<", ">20/11/2026<"),
                cii(MINISTRY, "F-X2").replace("</ram:TypeCode>", "</ram:TypeCode><ram:Unknown>x</ram:Unknown>"))));

        assertFalse(outcome.rejectedAsWhole(), () -> "flow findings: " + outcome.flowFindings());
        assertEquals("93", outcome.status());
        assertEquals(List.of(ReasonCode.I16), codes(outcome.invoices().get(0)));
        assertEquals(List.of(ReasonCode.I16), codes(outcome.invoices().get(1)));
    }

    @Test
    void aBatchMadeByTheGeneratorWithEveryThirdInvoiceInvalidIs96() throws Exception {
        Path file = dir.resolve("generated.xml");
        int written = new FlowGenerator(MINISTRY, FlowGenerator.Syntaxes.MIXED, 3).writeBatch(file, "AAA001", 9, 0);
        assertEquals(9, written);

        FlowOutcome outcome = evaluate(file);

        assertEquals("96", outcome.status(), () -> "findings: " + outcome.allFindings());
        for (InvoiceOutcome invoice : outcome.invoices()) {
            boolean invalid = invoice.invoice().index() % 3 == 0;
            // the generator breaks a CII invoice by renaming its TypeCode: the type code is then missing too (I11)
            List<ReasonCode> expected = !invalid ? List.of()
                    : invoice.invoice().syntax() == Syntax.CII_D16B ? List.of(ReasonCode.I16, ReasonCode.I11) : List.of(ReasonCode.I16);
            assertEquals(expected, codes(invoice), invoice.invoiceId());
        }
    }

    // ================================================================ batches: envelope errors reject the whole flow

    @Test
    void aHeaderWithoutInvoiceCountIsF06AndNothingIsDelivered() throws Exception {
        String xml = batch("", null, List.of(invoice(MINISTRY, "F-E1"), cii(MINISTRY, "F-E2")));

        Finding finding = rejectedAsWhole(evaluate("no-count.xml", xml), ReasonCode.F06);

        assertTrue(finding.description().startsWith("no-count.xml: the batch envelope: line " + lineOf(xml, "</Header>", 0) + ", column "),
                finding::description);
        assertTrue(finding.description().contains("InvoiceCount"), finding::description);
    }

    @Test
    void anUnknownElementBetweenInvoicesIsF06AtItsLineAndNothingIsDelivered() throws Exception {
        String xml = batch(List.of(invoice(MINISTRY, "F-E3"), "<Note>entre deux factures</Note>\n", cii(MINISTRY, "F-E4")))
                .replace("<InvoiceCount>3</InvoiceCount>", "<InvoiceCount>2</InvoiceCount>");

        Finding finding = rejectedAsWhole(evaluate("unknown-element.xml", xml), ReasonCode.F06);

        int[] at = location(finding.description());
        assertEquals(lineOf(xml, "<Note>", 0), at[0], finding::description);
        assertTrue(finding.description().contains("Note"), finding::description);
    }

    @Test
    void aForeignElementAfterTheLastInvoiceIsF06() throws Exception {
        String xml = batch(List.of(invoice(MINISTRY, "F-E5"), "<x:Extra xmlns:x=\"urn:example:x\"><x:a>1</x:a></x:Extra>\n"))
                .replace("<InvoiceCount>2</InvoiceCount>", "<InvoiceCount>1</InvoiceCount>");

        Finding finding = rejectedAsWhole(evaluate("extra-after.xml", xml), ReasonCode.F06);

        assertEquals(lineOf(xml, "<x:Extra", 0), location(finding.description())[0], finding::description);
    }

    @Test
    void aBatchWithAHeaderAndNoInvoiceIsF06() throws Exception {
        rejectedAsWhole(evaluate("empty-batch.xml", batch("", "1", List.of())), ReasonCode.F06);
    }

    @Test
    void aBatchNotInUtf8IsF05() throws Exception {
        String xml = batch(List.of(invoice(MINISTRY, "F-E6"))).replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");

        Finding finding = rejectedAsWhole(evaluate("latin1-batch.xml", xml.getBytes(StandardCharsets.ISO_8859_1)), ReasonCode.F05);

        assertTrue(finding.description().contains("UTF-8"), finding::description);
    }

    // ================================================================ F07: invoice count

    @Test
    void aBatchOf600InvoicesIsF07() throws Exception {
        Path file = dir.resolve("600.xml");
        assertEquals(600, new FlowGenerator(MINISTRY, FlowGenerator.Syntaxes.MIXED, 0).writeBatch(file, "AAA001", 600, 0));

        Finding finding = rejectedAsWhole(evaluate(file), ReasonCode.F07);

        assertEquals("600.xml: more than 500 invoices", finding.description());
    }

    @Test
    void theInvoiceLimitIsInclusive() throws Exception {
        FlowLimits fiveAtMost = limits(Map.of("chorus.flow.max-invoices", "5"));
        List<String> five = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            five.add(i % 2 == 0 ? cii(MINISTRY, "F-C" + i) : invoice(MINISTRY, "F-C" + i));
        }
        List<String> six = new ArrayList<>(five);
        six.add(invoice(MINISTRY, "F-C6"));

        assertDelivered(evaluate(Files.write(dir.resolve("five.xml"), utf8(batch(five))), fiveAtMost), 5);
        Finding finding = rejectedAsWhole(evaluate(Files.write(dir.resolve("six.xml"), utf8(batch(six))), fiveAtMost), ReasonCode.F07);
        assertEquals("six.xml: more than 5 invoices", finding.description());
    }

    @Test
    void theInvoiceLimitHoldsForArchivesToo() throws Exception {
        FlowLimits twoAtMost = limits(Map.of("chorus.flow.max-invoices", "2"));

        FlowOutcome outcome = evaluate(Files.write(dir.resolve("three.zip"), zip(threeInvoices())), twoAtMost);

        Finding finding = rejectedAsWhole(outcome, ReasonCode.F07);
        assertTrue(finding.description().contains("more than 2 invoices"), finding::description);
    }

    @Test
    void aHeaderDeclaringThreeInvoicesForTwoIsF07() throws Exception {
        String xml = batch("", "3", List.of(invoice(MINISTRY, "F-D1"), cii(MINISTRY, "F-D2")));

        Finding finding = rejectedAsWhole(evaluate("declared-3.xml", xml), ReasonCode.F07);

        assertEquals("declared-3.xml: the header declares 3 invoices, the batch holds 2", finding.description());
    }

    @Test
    void aHeaderDeclaringOneInvoiceForTwoIsF07() throws Exception {
        String xml = batch("", "1", List.of(invoice(MINISTRY, "F-D3"), cii(MINISTRY, "F-D4")));

        Finding finding = rejectedAsWhole(evaluate("declared-1.xml", xml), ReasonCode.F07);

        assertEquals("declared-1.xml: the header declares 1 invoices, the batch holds 2", finding.description());
    }

    @Test
    void theDeclaredCountIsComparedAsTheNumberItIs() throws Exception {
        // "03" and " 3 " are the xs:positiveInteger 3: the header declares exactly what the batch holds
        assertAll(Stream.of("3", " 3 ", "03", "+3").map(declared -> () -> {
            String xml = batch("", declared, List.of(invoice(MINISTRY, "F-D5"), cii(MINISTRY, "F-D6"), invoice(MINISTRY, "F-D7")));
            FlowOutcome outcome = evaluate("declared-" + List.of("3", " 3 ", "03", "+3").indexOf(declared) + ".xml", xml);
            assertEquals("92", outcome.status(), () -> "InvoiceCount '" + declared + "': " + outcome.allFindings());
        }));
    }

    // ================================================================ archives and gzip: delivered

    @Test
    void aTarGzOfThreeInvoicesDeliversOneInvoicePerEntry() throws Exception {
        Map<String, byte[]> entries = threeInvoices();

        assertThreeInvoicesDelivered(evaluate("lot.tar.gz", tarGz(entries)), entries);
    }

    @Test
    void aZipOfThreeInvoicesDeliversOneInvoicePerEntry() throws Exception {
        Map<String, byte[]> entries = threeInvoices();

        assertThreeInvoicesDelivered(evaluate("lot.zip", zip(entries)), entries);
    }

    @Test
    void directoryEntriesOfAnArchiveAreSkipped() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("factures/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("factures/f.xml"));
            out.write(utf8(MINISTRY.ubl()));
            out.closeEntry();
        }

        FlowOutcome outcome = evaluate("with-folder.zip", bytes.toByteArray());

        assertDelivered(outcome, 1);
        assertStandalone(outcome.invoices().get(0), utf8(MINISTRY.ubl()));
    }

    @Test
    void anArchiveEntryFailingItsSchemaIsI16NamingTheEntryAndTheOthersAreDelivered() throws Exception {
        Map<String, byte[]> entries = threeInvoices();
        String bad = MINISTRY.withNumber("F-A2").ubl().replace(">2026-11-20<", ">20/11/2026<");
        entries.put("factures/f-a2.xml", utf8(bad));

        FlowOutcome outcome = evaluate("one-bad.zip", zip(entries));

        assertEquals("96", outcome.status(), () -> "findings: " + outcome.allFindings());
        InvoiceOutcome second = outcome.invoices().get(1);
        assertEquals(List.of(ReasonCode.I16), codes(second));
        String description = second.findings().get(0).description();
        assertTrue(description.startsWith("invoice 2 (entry one-bad.zip!factures/f-a2.xml): "), description);
        assertEquals(lineOf(bad, ">20/11/2026<", 0), location(description)[0], description);
        assertEquals(List.of(), outcome.invoices().get(0).findings());
        assertEquals(List.of(), outcome.invoices().get(2).findings());
    }

    @Test
    void aGzippedSingleInvoiceIsDeliveredAsItsDecompressedBytes() throws Exception {
        byte[] invoice = utf8(MINISTRY.withNumber("F-G1").cii());

        FlowOutcome outcome = evaluate("facture.xml.gz", gzip(invoice));

        assertDelivered(outcome, 1);
        assertEquals("F-G1", outcome.invoices().get(0).invoice().keys().number());
        assertStandalone(outcome.invoices().get(0), invoice);
    }

    @Test
    void aGzippedBatchIsDeliveredInvoiceByInvoice() throws Exception {
        List<String> invoices = List.of(invoice(MINISTRY, "F-G2"), cii(MINISTRY, "F-G3"), invoice(MINISTRY, "F-G4"));

        FlowOutcome outcome = evaluate("lot.xml.gz", gzip(utf8(batch(invoices))));

        assertDeliveredAsStaged(outcome, invoices);
    }

    @Test
    void aGzippedBatchWithAnInvalidInvoiceIs96() throws Exception {
        FlowOutcome outcome = evaluate("lot-96.xml.gz", gzip(utf8(batch(List.of(
                invoice(MINISTRY, "F-G5").replace(">2026-11-20<", ">20/11/2026<"), cii(MINISTRY, "F-G6"))))));

        assertEquals("96", outcome.status(), () -> "findings: " + outcome.allFindings());
        assertEquals(List.of(ReasonCode.I16), codes(outcome.invoices().get(0)));
    }

    // ================================================================ F08: unsafe or corrupt archives

    private Finding f08(String fileName, byte[] content) throws IOException {
        return rejectedAsWhole(evaluate(fileName, content), ReasonCode.F08);
    }

    private static Map<String, byte[]> entries(String name, byte[] content) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("ok.xml", utf8(MINISTRY.withNumber("F-OK").ubl()));
        entries.put(name, content);
        return entries;
    }

    @Test
    void aZipSlipEntryIsF08() throws Exception {
        Finding finding = f08("slip.zip", zip(entries("../evil.xml", utf8(MINISTRY.ubl()))));

        assertEquals("slip.zip: entry '../evil.xml': path goes up ('..')", finding.description());
    }

    @Test
    void aZipSlipEntryHiddenInsideThePathIsF08() throws Exception {
        f08("slip-inner.zip", zip(entries("factures/../../evil.xml", utf8(MINISTRY.ubl()))));
        f08("slip-backslash.zip", zip(entries("factures\\..\\..\\evil.xml", utf8(MINISTRY.ubl()))));
    }

    @Test
    void aTarSlipEntryIsF08() throws Exception {
        Finding finding = f08("slip.tar.gz", tarGz(entries("../evil.xml", utf8(MINISTRY.ubl()))));

        assertEquals("slip.tar.gz: entry '../evil.xml': path goes up ('..')", finding.description());
    }

    @Test
    void anAbsoluteEntryIsF08() throws Exception {
        Finding zipFinding = f08("absolute.zip", zip(entries("/etc/x.xml", utf8(MINISTRY.ubl()))));
        Finding tarFinding = f08("absolute.tar.gz", tarGz(entries("/etc/x.xml", utf8(MINISTRY.ubl()))));
        Finding windowsFinding = f08("absolute-windows.zip", zip(entries("C:\\Windows\\x.xml", utf8(MINISTRY.ubl()))));

        assertEquals("absolute.zip: entry '/etc/x.xml': absolute path", zipFinding.description());
        assertEquals("absolute.tar.gz: entry '/etc/x.xml': absolute path", tarFinding.description());
        assertTrue(windowsFinding.description().endsWith("absolute path"), windowsFinding::description);
    }

    @Test
    void aSymlinkEntryInATarIsF08() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            byte[] ok = utf8(MINISTRY.ubl());
            TarArchiveEntry first = new TarArchiveEntry("ok.xml");
            first.setSize(ok.length);
            out.putArchiveEntry(first);
            out.write(ok);
            out.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("facture.xml", TarConstants.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
        }

        Finding finding = f08("symlink.tar.gz", bytes.toByteArray());

        assertEquals("symlink.tar.gz: entry 'facture.xml': links and special files are refused", finding.description());
    }

    /** A tar.gz whose one entry has this type, carries these bytes (a valid invoice: only its type is wrong). */
    private static byte[] tarGzWithEntryOfType(byte type, String linkName, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            TarArchiveEntry entry = new TarArchiveEntry("facture.xml", type);
            if (linkName != null) {
                entry.setLinkName(linkName);
            }
            entry.setSize(content.length);
            out.putArchiveEntry(entry);
            out.write(content);
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void aHardLinkEntryInATarIsF08() throws Exception {
        Finding finding = f08("hardlink.tar.gz", tarGzWithEntryOfType(TarConstants.LF_LINK, "ok.xml", new byte[0]));

        assertEquals("hardlink.tar.gz: entry 'facture.xml': links and special files are refused", finding.description());
    }

    @Test
    void aDeviceOrFifoEntryInATarIsF08EvenWhenItCarriesAnInvoice() throws Exception {
        byte[] invoice = utf8(MINISTRY.ubl());
        assertAll(Stream.of(TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO).map(type -> () -> {
            String name = "special-" + (char) type.byteValue() + ".tar.gz";
            FlowOutcome outcome = evaluate(name, tarGzWithEntryOfType(type, null, invoice));
            assertEquals(List.of(new Finding(ReasonCode.F08, name + ": entry 'facture.xml': links and special files are refused")),
                    outcome.flowFindings(), () -> "type '" + (char) type.byteValue() + "', delivered: " + outcome.deliveredCount());
        }));
    }

    @Test
    void aSymlinkEntryInAZipIsF08() throws Exception {
        Finding finding = f08("symlink.zip", zipWithSymlink("facture.xml", "/etc/passwd"));

        assertTrue(finding.description().contains("links are refused"), finding::description);
    }

    @Test
    void aZipInsideAZipIsF08() throws Exception {
        byte[] inner = zip(threeInvoices());

        Finding byName = f08("nested.zip", zip(entries("inner.zip", inner)));
        Finding byContent = f08("nested-disguised.zip", zip(entries("inner.xml", inner)));

        assertEquals("nested.zip: entry 'inner.zip': nested archive", byName.description());
        assertEquals("nested-disguised.zip: entry 'inner.xml': nested archive", byContent.description());
    }

    @Test
    void aGzipInsideATarGzIsF08() throws Exception {
        Finding finding = f08("nested.tar.gz", tarGz(entries("facture.xml", gzip(utf8(MINISTRY.ubl())))));

        assertEquals("nested.tar.gz: entry 'facture.xml': nested archive", finding.description());
    }

    @Test
    void aGzipInsideAGzipIsF08() throws Exception {
        f08("double.xml.gz", gzip(gzip(utf8(MINISTRY.ubl()))));
    }

    @Test
    void aTruncatedTarGzIsF08() throws Exception {
        byte[] whole = tarGz(threeInvoices());
        assertDelivered(evaluate("whole.tar.gz", whole), 3);

        Finding finding = f08("truncated.tar.gz", Arrays.copyOf(whole, whole.length / 2));

        assertTrue(finding.description().startsWith("truncated.tar.gz: corrupt or truncated"), finding::description);
    }

    @Test
    void aTarGzCutAnywhereIsF08() throws Exception {
        byte[] whole = tarGz(threeInvoices());
        for (int cut : new int[] {10, 100, whole.length / 3, whole.length - 20, whole.length - 4, whole.length - 1}) {
            Finding finding = f08("cut-" + cut + ".tar.gz", Arrays.copyOf(whole, cut));
            assertTrue(finding.description().contains("corrupt or truncated"), () -> cut + ": " + finding.description());
        }
    }

    @Test
    void aTruncatedZipIsF08() throws Exception {
        byte[] whole = zip(threeInvoices());

        Finding finding = f08("truncated.zip", Arrays.copyOf(whole, whole.length / 2));

        assertTrue(finding.description().startsWith("truncated.zip: corrupt or truncated archive"), finding::description);
    }

    @Test
    void aZipCutRightAfterAnEntryIsF08NotAShorterArchive() throws Exception {
        // the first entry whole (header, data, data descriptor); the other entries and the central directory missing
        byte[] whole = zip(threeInvoices());
        int secondEntry = indexOf(whole, new byte[] {'P', 'K', 3, 4}, 4);
        assertTrue(secondEntry > 0);

        f08("cut-after-entry.zip", Arrays.copyOf(whole, secondEntry));
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aZipHoldingOnlyAFolderIsF08() throws Exception {
        Finding finding = f08("empty.zip", zipWithFolderOnly());

        assertEquals("empty.zip: the archive holds no file", finding.description());
    }

    private static byte[] zipWithFolderOnly() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("factures/"));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void anArchiveEntryThatIsABatchIsF08() throws Exception {
        byte[] batch = utf8(batch(List.of(invoice(MINISTRY, "F-Z1"), cii(MINISTRY, "F-Z2"))));

        Finding zipFinding = f08("batch-in.zip", zip(entries("lot.xml", batch)));
        Finding tarFinding = f08("batch-in.tar.gz", tarGz(entries("lot.xml", batch)));

        for (Finding finding : List.of(zipFinding, tarFinding)) {
            assertTrue(finding.description().contains("!lot.xml: root element {urn:chorus-edi:batch:1.0}Batch is not a single"),
                    finding::description);
        }
    }

    @Test
    void anArchiveEntryWithAnUnknownRootIsF08() throws Exception {
        Finding finding = f08("order-in.zip", zip(entries("order.xml",
                utf8("<?xml version=\"1.0\"?>\n<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>\n"))));

        assertTrue(finding.description().contains("{urn:oasis:names:specification:ubl:schema:xsd:Order-2}Order"), finding::description);
    }

    // ================================================================ decompression bombs and F02

    /** An invoice element holding only this many bytes of white space (compresses about 1000 to 1), gzipped or zipped. */
    private Path xmlBomb(Path file, long spaces, boolean zipped) throws IOException {
        byte[] head = utf8(DECLARATION + "<Invoice xmlns=\"" + UBL_NS + "\">\n");
        byte[] blanks = new byte[1 << 20];
        Arrays.fill(blanks, (byte) ' ');
        try (OutputStream file0 = Files.newOutputStream(file)) {
            OutputStream out;
            ZipOutputStream zip = null;
            if (zipped) {
                zip = new ZipOutputStream(file0);
                zip.putNextEntry(new ZipEntry("bomb.xml"));
                out = zip;
            } else {
                out = new GZIPOutputStream(file0, 1 << 16);
            }
            out.write(head);
            for (long written = 0; written < spaces; written += blanks.length) {
                out.write(blanks);
            }
            out.write(utf8("</Invoice>\n"));
            if (zip != null) {
                zip.closeEntry();
            }
            out.close();
        }
        return file;
    }

    /** What the evaluations of this test staged, in bytes. */
    private long stagedBytes() throws IOException {
        long total = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().startsWith("staging")).toList()) {
                total += Files.size(p);
            }
        }
        return total;
    }

    @Test
    void aGzipBombIsF08AfterReadingLittleOfIt() throws Exception {
        Path bomb = xmlBomb(dir.resolve("bomb.xml.gz"), 200L << 20, false);
        assertTrue(Files.size(bomb) < 400_000, "about 1000 to 1: " + Files.size(bomb));

        FlowOutcome outcome = evaluate(bomb);

        Finding finding = rejectedAsWhole(outcome, ReasonCode.F08);
        assertEquals("bomb.xml.gz: compression ratio over 100 (decompression bomb, chorus.archive.max-compression-ratio)", finding.description());
        assertTrue(stagedBytes() < 20_000_000, "stopped early, not after 200 MB: " + stagedBytes());
    }

    @Test
    void aGzipOfZerosIsRejectedAtItsFirstBytesWithoutDecompressingIt() throws Exception {
        Path bomb = dir.resolve("zeros.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                out.write(zeros);
            }
        }
        assertTrue(Files.size(bomb) < 400_000, "about 1000 to 1: " + Files.size(bomb));

        FlowOutcome outcome = evaluate(bomb);

        // The ratio is judged past the first 10 MB only; zeros are refused as XML long before (see the report).
        Finding finding = rejectedAsWhole(outcome, ReasonCode.F03);
        assertEquals("zeros.gz: line 1, column 1: Illegal character (NULL, unicode 0) encountered: not valid in any content",
                finding.description());
        assertTrue(stagedBytes() < 1_000_000, "stopped at once: " + stagedBytes());
    }

    @Test
    void aZipBombEntryIsF08() throws Exception {
        Path bomb = xmlBomb(dir.resolve("bomb.zip"), 200L << 20, true);

        FlowOutcome outcome = evaluate(bomb);

        Finding finding = rejectedAsWhole(outcome, ReasonCode.F08);
        assertEquals("bomb.zip: compression ratio over 100 (decompression bomb, chorus.archive.max-compression-ratio)", finding.description());
        // A zip entry's compressed size is known from its header: it is judged at 100 times that, about 20 MB.
        assertTrue(stagedBytes() < 25_000_000, "stopped early: " + stagedBytes());
    }

    @Test
    void aZipOfManyEntriesEachUnderTenMegabytesButTogetherABombIsF08() throws Exception {
        // four valid invoices, each padded with 9 MB of white space: 36 MB out of about 40 KB, a ratio near 1000
        byte[] blanks = new byte[9_000_000];
        Arrays.fill(blanks, (byte) ' ');
        Path file = dir.resolve("many-small-bombs.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 1; i <= 4; i++) {
                String ubl = MINISTRY.withNumber("F-P" + i).ubl();
                int cut = ubl.indexOf("  <cbc:CustomizationID>");
                out.putNextEntry(new ZipEntry("f" + i + ".xml"));
                out.write(utf8(ubl.substring(0, cut)));
                out.write(blanks);
                out.write(utf8(ubl.substring(cut)));
                out.closeEntry();
            }
        }
        assertTrue(Files.size(file) < 200_000, "compressed: " + Files.size(file));

        Finding finding = rejectedAsWhole(evaluate(file), ReasonCode.F08);

        assertTrue(finding.description().contains("decompression bomb"), finding::description);
    }

    @Test
    void aGzippedFlowOverTheSizeLimitOnceDecompressedIsF02() throws Exception {
        byte[] invoice = utf8(MINISTRY.withLines(100).ubl());
        byte[] compressed = gzip(invoice);
        FlowLimits small = limits(Map.of("chorus.flow.max-bytes", "20000"));
        assertTrue(compressed.length < 20_000 && invoice.length > 20_000, compressed.length + " / " + invoice.length);

        Finding finding = rejectedAsWhole(evaluate(Files.write(dir.resolve("big.xml.gz"), compressed), small), ReasonCode.F02);

        assertEquals("big.xml.gz: decompressed, over the limit of 20000 bytes", finding.description());
    }

    /** Three invoices of about 7 KB each, as entries. */
    private static Map<String, byte[]> threeMediumInvoices() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            entries.put("f" + i + ".xml", utf8(MINISTRY.withNumber("F-Q" + i).withLines(15).ubl()));
        }
        return entries;
    }

    private static long totalBytes(Map<String, byte[]> entries) {
        return entries.values().stream().mapToLong(b -> b.length).sum();
    }

    @Test
    void anArchiveOverTheSizeLimitOnceDecompressedIsF02EvenWhenEachEntryIsUnder() throws Exception {
        Map<String, byte[]> entries = threeMediumInvoices();
        long limit = totalBytes(entries) - 100;
        FlowLimits small = limits(Map.of("chorus.flow.max-bytes", String.valueOf(limit)));
        byte[] zipped = zip(entries);
        byte[] tarred = tarGz(entries);
        assertTrue(zipped.length < limit && tarred.length < limit && entries.values().stream().allMatch(b -> b.length < limit / 2));

        for (Map.Entry<String, byte[]> archive : Map.of("over.zip", zipped, "over.tar.gz", tarred).entrySet()) {
            Finding finding = rejectedAsWhole(evaluate(Files.write(dir.resolve(archive.getKey()), archive.getValue()), small), ReasonCode.F02);
            assertTrue(finding.description().startsWith(archive.getKey() + ": decompressed, over the limit of "), finding::description);
        }
    }

    @Test
    void anArchiveOfExactlyTheSizeLimitOnceDecompressedIsRead() throws Exception {
        Map<String, byte[]> entries = threeMediumInvoices();
        FlowLimits exact = limits(Map.of("chorus.flow.max-bytes", String.valueOf(totalBytes(entries))));

        assertDelivered(evaluate(Files.write(dir.resolve("exact.zip"), zip(entries)), exact), 3);
        assertDelivered(evaluate(Files.write(dir.resolve("exact.tar.gz"), tarGz(entries)), exact), 3);
    }

    @Test
    void theF02DescriptionOfAnArchiveQuotesTheFlowLimit() throws Exception {
        Map<String, byte[]> entries = threeMediumInvoices();
        long limit = totalBytes(entries) - 100;

        Finding finding = rejectedAsWhole(evaluate(Files.write(dir.resolve("over.zip"), zip(entries)),
                limits(Map.of("chorus.flow.max-bytes", String.valueOf(limit)))), ReasonCode.F02);

        // what the sender can act on is the configured limit, not what was left of it for the last entry
        assertEquals("over.zip: decompressed, over the limit of " + limit + " bytes", finding.description());
    }

    // ================================================================ attachments: I13, I14, I16

    private static final String PDF_OK = "facture-annexe.pdf";

    private FlowOutcome singleUbl(String fileName, InvoiceTemplate template) throws IOException {
        return evaluate(writeUbl(fileName, template));
    }

    private Path singleUblFile(String fileName, InvoiceTemplate template) throws IOException {
        return writeUbl(fileName, template);
    }

    /** Decided as a flow deposited over the API, under its limits (docs/partners/limits.md, "Limits by deposit mode"). */
    private FlowOutcome overApi(Path file) throws IOException {
        return evaluate(file, DEFAULTS, DepositMode.API);
    }

    @Test
    void droppedIntoADropDirectoryAnAttachmentOf11MegabytesIsDelivered() throws Exception {
        assertDelivered(singleUbl("edi-pj-11mb.xml", MINISTRY.withAttachment(PDF_OK, 11_000_000)), 1);
    }

    @Test
    void overTheApiABatchOver30MegabytesIsF02AndDroppedItIsDelivered() throws Exception {
        List<String> invoices = List.of(
                invoice(MINISTRY.withAttachment(PDF_OK, 8_000_000), "F-B30-1"),
                invoice(MINISTRY.withAttachment(PDF_OK, 8_000_000), "F-B30-2"),
                invoice(MINISTRY.withAttachment(PDF_OK, 8_000_000), "F-B30-3"));
        Path batch = Files.write(dir.resolve("lot-32mb.xml"), utf8(batch(invoices)));
        assertTrue(Files.size(batch) > 30_000_000L, () -> "over 30 MB: " + batch);

        FlowOutcome api = overApi(batch);
        assertEquals(List.of(ReasonCode.F02), api.flowFindings().stream().map(Finding::code).toList(), api.flowFindings()::toString);
        assertTrue(api.flowFindings().get(0).description().contains("an XML batch deposited over the API has at most 30000000 bytes"),
                api.flowFindings()::toString);
        assertEquals("92", evaluate(batch).status());
    }

    /** A single-invoice flow whose only problem is its attachment: that one code, status 93, not rejected as a whole. */
    private static Finding onlyInvoiceFinding(FlowOutcome outcome, ReasonCode expected) {
        assertFalse(outcome.rejectedAsWhole(), () -> "flow findings: " + outcome.flowFindings());
        assertEquals(1, outcome.invoices().size());
        InvoiceOutcome invoice = outcome.invoices().get(0);
        assertEquals(List.of(expected), codes(invoice), () -> "findings: " + invoice.findings());
        assertEquals("93", outcome.status());
        return invoice.findings().get(0);
    }

    @Test
    void anAttachmentNameOf51CharactersIsI13And50IsFine() throws Exception {
        String fifty = "a".repeat(46) + ".pdf";
        String fiftyOne = "a".repeat(47) + ".pdf";
        assertEquals(50, fifty.length());
        assertEquals(51, fiftyOne.length());

        assertDelivered(singleUbl("name-50.xml", MINISTRY.withAttachment(fifty, 1000)), 1);
        Finding finding = onlyInvoiceFinding(singleUbl("name-51.xml", MINISTRY.withAttachment(fiftyOne, 1000)), ReasonCode.I13);

        assertTrue(finding.description().contains("'" + fiftyOne + "' has 51 characters, at most 50"), finding::description);
        String xml = Files.readString(dir.resolve("name-51.xml"));
        assertEquals(lineOf(xml, "<cbc:EmbeddedDocumentBinaryObject", 0), location(finding.description())[0], finding::description);
    }

    @Test
    void anExeAttachmentIsI13() throws Exception {
        Finding finding = onlyInvoiceFinding(singleUbl("exe.xml", MINISTRY.withAttachment("setup.exe", 1000)), ReasonCode.I13);

        assertTrue(finding.description().contains("extension '.exe' of 'setup.exe' is not allowed"), finding::description);
    }

    @Test
    void extensionsAreComparedWithoutCase() throws Exception {
        assertDelivered(singleUbl("upper-pdf.xml", MINISTRY.withAttachment("SCAN.PDF", 1000)), 1);
        assertDelivered(singleUbl("mixed-xlsx.xml", MINISTRY.withAttachment("Releve.XlSx", 1000)), 1);
        onlyInvoiceFinding(singleUbl("upper-exe.xml", MINISTRY.withAttachment("SETUP.EXE", 1000)), ReasonCode.I13);
    }

    @Test
    void anAttachmentNameWithoutExtensionIsI13() throws Exception {
        for (String name : List.of("facture", "facture.", ".pdf")) {
            Finding finding = onlyInvoiceFinding(singleUbl("no-ext-" + name.replace(".", "_") + ".xml",
                    MINISTRY.withAttachment(name, 1000)), ReasonCode.I13);
            assertTrue(finding.description().contains("has no extension"), finding::description);
        }
    }

    @Test
    void anAttachmentNameWithPathTraversalIsI13() throws Exception {
        List<String> names = List.of("../../x.pdf", "..\\..\\x.pdf", "/etc/x.pdf", "..");
        for (String name : names) {
            Finding finding = onlyInvoiceFinding(singleUbl("path-" + names.indexOf(name) + ".xml",
                    MINISTRY.withAttachment(name, 1000)), ReasonCode.I13);
            assertTrue(finding.description().contains("is a path, not a file name"), finding::description);
        }
    }

    @Test
    void anAttachmentWithoutFileNameIsI13() throws Exception {
        String xml = MINISTRY.withAttachment(PDF_OK, 1000).ubl().replace(" filename=\"" + PDF_OK + "\"", "");

        Finding finding = onlyInvoiceFinding(evaluate("no-name.xml", xml), ReasonCode.I13);

        assertTrue(finding.description().contains("no file name"), finding::description);
    }

    @Test
    void anEmptyAttachmentIsI14() throws Exception {
        Finding finding = onlyInvoiceFinding(singleUbl("empty-pj.xml", MINISTRY.withAttachment(PDF_OK, 0)), ReasonCode.I14);

        assertTrue(finding.description().endsWith("empty"), finding::description);
    }

    @Test
    void overTheApiAnAttachmentOf11MegabytesIsI14And10MegabytesIsFine() throws Exception {
        assertDelivered(overApi(singleUblFile("pj-10mb.xml", MINISTRY.withAttachment(PDF_OK, 10_000_000))), 1);
        Finding over = onlyInvoiceFinding(overApi(singleUblFile("pj-10mb-1.xml", MINISTRY.withAttachment(PDF_OK, 10_000_001))),
                ReasonCode.I14);
        Finding eleven = onlyInvoiceFinding(overApi(singleUblFile("pj-11mb.xml", MINISTRY.withAttachment(PDF_OK, 11_000_000))),
                ReasonCode.I14);

        assertTrue(over.description().contains("10000001 bytes once decoded, over 10000000"), over::description);
        assertTrue(eleven.description().contains("11000000 bytes once decoded, over 10000000"), eleven::description);
    }

    @Test
    void severalAttachmentProblemsOfOneInvoiceAreEachReported() throws Exception {
        String one = MINISTRY.withAttachment("setup.exe", 0).ubl();
        int start = one.indexOf("  <cac:AdditionalDocumentReference>");
        int end = one.indexOf("  <cac:AccountingSupplierParty>");
        String second = one.substring(start, end).replace("setup.exe", "a".repeat(60) + ".pdf").replace("PJ-1", "PJ-2");
        String xml = one.substring(0, end) + second + one.substring(end);

        FlowOutcome outcome = evaluate("two-pj.xml", xml);

        // the first: a forbidden extension, and empty; the second: a name too long, and empty too
        assertEquals(List.of(ReasonCode.I13, ReasonCode.I14, ReasonCode.I13, ReasonCode.I14), codes(outcome.invoices().get(0)));
    }

    /** A UBL invoice whose attachment text is replaced. */
    private static String withAttachmentText(String document, String text) {
        int open = document.indexOf('>', document.indexOf("<cbc:EmbeddedDocumentBinaryObject")) + 1;
        int close = document.indexOf("</cbc:EmbeddedDocumentBinaryObject>");
        return document.substring(0, open) + text + document.substring(close);
    }

    @Test
    void invalidBase64IsI16InABatchAndInASingleFile() throws Exception {
        String base = invoice(MINISTRY.withAttachment(PDF_OK, 30), "F-64");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("star", withAttachmentText(base, "QUJD*REVG"));
        bad.put("length", withAttachmentText(base, "QUJDREV"));
        bad.put("padding-inside", withAttachmentText(base, "QQ==QUJD"));
        bad.put("triple-padding", withAttachmentText(base, "Q==="));
        for (Map.Entry<String, String> variant : bad.entrySet()) {
            String xml = batch(List.of(invoice(MINISTRY, "F-OK1"), variant.getValue(), cii(MINISTRY, "F-OK2")));
            FlowOutcome outcome = evaluate("b64-" + variant.getKey() + ".xml", xml);
            assertEquals("96", outcome.status(), () -> variant.getKey() + ": " + outcome.allFindings());
            assertEquals(List.of(ReasonCode.I16), codes(outcome.invoices().get(1)), variant.getKey());
            String description = outcome.invoices().get(1).findings().get(0).description();
            assertTrue(description.contains("not valid base64"), description);
            assertEquals(lineOf(xml, "<cbc:EmbeddedDocumentBinaryObject", 0), location(description.substring(description.indexOf("): ") + 3))[0],
                    description);

            // alone, the invoice is rejected for it all the same (the flow is not: it is the attachment that is bad)
            Finding single = onlyInvoiceFinding(evaluate("single-b64-" + variant.getKey() + ".xml", DECLARATION + variant.getValue()),
                    ReasonCode.I16);
            assertTrue(single.description().contains("not valid base64"), single::description);
        }
        // white space anywhere and padding at the end are base64
        assertDelivered(evaluate("b64-ok.xml", DECLARATION + withAttachmentText(base, "\n QUJD\r\n\tREVG Rw= = \n")), 1);
    }

    @Test
    void attachmentsAreCheckedInCiiToo() throws Exception {
        Path longName = dir.resolve("cii-51.xml");
        Files.writeString(longName, MINISTRY.withAttachment("b".repeat(47) + ".pdf", 500).cii());
        Path fifty = dir.resolve("cii-50.xml");
        Files.writeString(fifty, MINISTRY.withAttachment("b".repeat(46) + ".pdf", 500).cii());
        Path exe = dir.resolve("cii-exe.xml");
        Files.writeString(exe, MINISTRY.withAttachment("virus.exe", 500).cii());
        Path traversal = dir.resolve("cii-path.xml");
        Files.writeString(traversal, MINISTRY.withAttachment("../../x.pdf", 500).cii());
        Path empty = dir.resolve("cii-empty.xml");
        Files.writeString(empty, MINISTRY.withAttachment(PDF_OK, 0).cii());
        Path eleven = dir.resolve("cii-11mb.xml");
        try (Writer out = Files.newBufferedWriter(eleven, StandardCharsets.UTF_8)) {
            out.write(DECLARATION);
            MINISTRY.withAttachment(PDF_OK, 11_000_000).writeCii(out);
        }

        assertDelivered(evaluate(fifty), 1);
        Finding finding = onlyInvoiceFinding(evaluate(longName), ReasonCode.I13);
        onlyInvoiceFinding(evaluate(exe), ReasonCode.I13);
        onlyInvoiceFinding(evaluate(traversal), ReasonCode.I13);
        onlyInvoiceFinding(evaluate(empty), ReasonCode.I14);
        onlyInvoiceFinding(overApi(eleven), ReasonCode.I14);
        String xml = Files.readString(longName);
        assertEquals(lineOf(xml, "<ram:AttachmentBinaryObject", 0), location(finding.description())[0], finding::description);

        String ciiElement = cii(MINISTRY.withAttachment(PDF_OK, 30), "F-C64");
        int open = ciiElement.indexOf('>', ciiElement.indexOf("<ram:AttachmentBinaryObject")) + 1;
        String badCii = ciiElement.substring(0, open) + "QUJD*REVG" + ciiElement.substring(ciiElement.indexOf("</ram:AttachmentBinaryObject>"));
        FlowOutcome batch = evaluate("cii-b64.xml", batch(List.of(badCii, invoice(MINISTRY, "F-OK3"))));
        assertEquals("96", batch.status(), () -> "findings: " + batch.allFindings());
        assertEquals(List.of(ReasonCode.I16), codes(batch.invoices().get(0)));
    }

    @Test
    void attachmentProblemsInABatchRejectOnlyTheirInvoice() throws Exception {
        List<String> invoices = List.of(
                invoice(MINISTRY.withAttachment(PDF_OK, 2000), "F-J1"),
                invoice(MINISTRY.withAttachment("setup.exe", 2000), "F-J2"),
                cii(MINISTRY.withAttachment(PDF_OK, 0), "F-J3"),
                cii(MINISTRY.withAttachment(PDF_OK, 2000), "F-J4"));

        FlowOutcome outcome = evaluate("pj-batch.xml", batch(invoices));

        assertEquals("96", outcome.status(), () -> "findings: " + outcome.allFindings());
        assertEquals(List.of(), codes(outcome.invoices().get(0)));
        assertEquals(List.of(ReasonCode.I13), codes(outcome.invoices().get(1)));
        assertEquals(List.of(ReasonCode.I14), codes(outcome.invoices().get(2)));
        assertEquals(List.of(), codes(outcome.invoices().get(3)));
        assertTrue(outcome.invoices().get(1).findings().get(0).description().startsWith("invoice 2 of the batch (line "),
                () -> outcome.invoices().get(1).findings().get(0).description());
        assertStandalone(outcome.invoices().get(0), standalone(invoices.get(0)));
        assertStandalone(outcome.invoices().get(3), standalone(invoices.get(3)));
    }
}
