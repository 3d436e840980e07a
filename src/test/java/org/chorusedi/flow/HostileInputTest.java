package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.chorusedi.recognition.RecognitionSettings;
import org.chorusedi.config.Configuration;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.controls.RoutingControls;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.ValidationPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken files fed to the evaluator from a real folder: each is rejected as a whole with
 * its F code and a description that names the file (and the place, where the parser knows it).
 * Nothing is resolved, fetched or expanded; nothing escapes as an exception.
 */
class HostileInputTest {

    private static final long MAX_BYTES = 10L * 1024 * 1024;
    /** The validation threads of every reader of this class (daemon threads). */
    private static final ExecutorService VALIDATORS = ValidationPipeline.newThreadPool();
    private static final Pattern LOCATION = Pattern.compile("line (\\d+), column (\\d+)");

    /** A valid UBL invoice, one element per line, addressed to the ministry of the test directory. */
    private static final String UBL = InvoiceTemplate.toMinistry().ubl();
    private static final String ITEM_NAME = "Ramettes de papier";

    @TempDir
    Path dir;

    /** A local HTTP server that answers anything and counts the connections: a fetch would show here. */
    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private Thread serverThread;

    @BeforeEach
    void startServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serverThread = new Thread(this::serve, "hostile-input-http");
        serverThread.setDaemon(true);
        serverThread.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        serverThread.join();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n<!ENTITY leak \"fetched\">"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private String localUrl(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + "/" + path;
    }

    // ---------------------------------------------------------------- helpers

    private FlowOutcome evaluate(String fileName, byte[] content, long maxBytes) throws IOException {
        Path file = Files.write(dir.resolve(fileName), content);
        FlowEvaluator evaluator = new FlowEvaluator(
                new FlowReader(SchemaCatalog.shared(), FlowLimits.read(Configuration.of(Map.of("chorus.flow.max-bytes", String.valueOf(maxBytes)))), VALIDATORS), new RoutingControls(MarketLookup.NONE), FlowCheck.NO_RULES, RecognitionSettings.ON, maxBytes);
        Path staging = Files.createTempDirectory(dir, "staging");
        return assertDoesNotThrow(() -> evaluator.evaluate(file, "AAA001", "AAA001-0001", DirectoryLookup.EMPTY, PartnerLookup.OPEN, staging),
                () -> fileName + " must be decided, not thrown");
    }

    private FlowOutcome evaluate(String fileName, byte[] content) throws IOException {
        return evaluate(fileName, content, MAX_BYTES);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The one flow finding of a flow rejected as a whole, after the checks every such rejection shares. */
    private static Finding rejectedAsWhole(FlowOutcome outcome, ReasonCode expected, String fileName) {
        assertTrue(outcome.rejectedAsWhole(), () -> fileName + " should be rejected as a whole, findings: " + outcome.allFindings());
        assertEquals(1, outcome.flowFindings().size(), () -> "flow findings: " + outcome.flowFindings());
        Finding finding = outcome.flowFindings().get(0);
        assertAll(
                () -> assertEquals(expected, finding.code(), () -> "description: " + finding.description()),
                () -> assertTrue(outcome.invoices().isEmpty(), "no invoice is kept from a flow rejected as a whole"),
                () -> assertEquals("93", outcome.status()),
                () -> assertEquals(fileName, outcome.fileName()),
                () -> assertTrue(finding.description().startsWith(fileName + ": "),
                        () -> "the description names the file: " + finding.description()));
        return finding;
    }

    /** The "line N, column M" of a description, as {N, M}. */
    private static int[] location(Finding finding) {
        Matcher m = LOCATION.matcher(finding.description());
        assertTrue(m.find(), () -> "the description gives line and column: " + finding.description());
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** 1-based line of the first occurrence of marker. */
    private static int lineOf(String text, String marker) {
        int index = text.indexOf(marker);
        assertTrue(index >= 0, () -> "marker absent: " + marker);
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    /** 1-based column of the first occurrence of marker. */
    private static int columnOf(String text, String marker) {
        int index = text.indexOf(marker);
        return index - text.lastIndexOf('\n', index - 1);
    }

    private static String withDoctype(String doctype, String invoice) {
        return invoice.replaceFirst("\n<Invoice ", "\n" + doctype.replace("$", "\\$") + "\n<Invoice ");
    }

    // ---------------------------------------------------------------- F04: DOCTYPE, entities, XInclude

    static Stream<Arguments> forbiddenConstructs() {
        String billionLaughs = """
                <!DOCTYPE Invoice [
                  <!ENTITY lol "lol">
                  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
                ]>""";
        String quadraticEntity = "<!DOCTYPE Invoice [<!ENTITY big \"" + "A".repeat(100_000) + "\">]>";
        String quadraticRefs = "&big;".repeat(20_000);
        return Stream.of(
                Arguments.of("xxe-file.xml", (Function<HostileInputTest, String>) t -> withDoctype(
                        "<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                        UBL.replace(ITEM_NAME, "&xxe;"))),
                Arguments.of("xxe-http.xml", (Function<HostileInputTest, String>) t -> withDoctype(
                        "<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"" + t.localUrl("entity") + "\">]>",
                        UBL.replace(ITEM_NAME, "&xxe;"))),
                Arguments.of("billion-laughs.xml", (Function<HostileInputTest, String>) t -> withDoctype(
                        billionLaughs, UBL.replace(ITEM_NAME, "&lol9;"))),
                Arguments.of("quadratic-blowup.xml", (Function<HostileInputTest, String>) t -> withDoctype(
                        quadraticEntity, UBL.replace(ITEM_NAME, quadraticRefs))),
                Arguments.of("external-dtd.xml", (Function<HostileInputTest, String>) t -> withDoctype(
                        "<!DOCTYPE Invoice SYSTEM \"http://example.invalid/x.dtd\">", UBL)),
                Arguments.of("external-dtd-local.xml", (Function<HostileInputTest, String>) t -> withDoctype(
                        "<!DOCTYPE Invoice SYSTEM \"" + t.localUrl("x.dtd") + "\">", UBL)),
                Arguments.of("parameter-entities.xml", (Function<HostileInputTest, String>) t -> withDoctype(
                        "<!DOCTYPE Invoice [<!ENTITY % remote SYSTEM \"" + t.localUrl("p.dtd") + "\"> %remote; "
                                + "<!ENTITY % file SYSTEM \"file:///etc/passwd\"> %file;]>",
                        UBL.replace(ITEM_NAME, "&leak;"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forbiddenConstructs")
    void aDoctypeIsRejectedWhereItStandsWithoutResolvingAnything(String fileName, Function<HostileInputTest, String> content)
            throws Exception {
        String xml = content.apply(this);

        Finding finding = rejectedAsWhole(evaluate(fileName, utf8(xml)), ReasonCode.F04, fileName);

        // the DOCTYPE is on line 2, right after the XML declaration
        int[] at = location(finding);
        assertEquals(2, at[0], finding::description);
        assertEquals(1, at[1], finding::description);
        assertEquals(0, connections.get(), "nothing is fetched over the network");
        assertFalse(finding.description().contains("root:"), "no file content in the description");
        assertFalse(finding.description().contains("fetched"), "no fetched content in the description");
    }

    @Test
    void anXIncludeElementInsideAnOtherwiseNormalInvoiceIsRejected() throws Exception {
        String include = "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/>";
        String xml = UBL.replace("<cbc:IssueDate>", include + "<cbc:IssueDate>");

        Finding finding = rejectedAsWhole(evaluate("xinclude.xml", utf8(xml)), ReasonCode.F04, "xinclude.xml");

        int[] at = location(finding);
        assertEquals(lineOf(xml, "<xi:include"), at[0], finding::description);
        assertEquals(columnOf(xml, "<xi:include"), at[1], finding::description);
        assertTrue(finding.description().contains("XInclude"), finding::description);
        assertFalse(finding.description().contains("root:"), finding::description);
    }

    @Test
    void theContentOfAnExternalEntityNeverReachesTheDescription() throws Exception {
        String secret = "TOP-SECRET-" + new Random(7).nextLong();
        Path secretFile = Files.writeString(dir.resolve("secret.txt"), secret);
        String uri = secretFile.toUri().toString();
        List<String> attacks = List.of(
                withDoctype("<!DOCTYPE Invoice [<!ENTITY s SYSTEM \"" + uri + "\">]>", UBL.replace(ITEM_NAME, "&s;")),
                withDoctype("<!DOCTYPE Invoice [<!ENTITY s SYSTEM \"" + uri + "\">]>",
                        UBL.replace("unitCode=\"C62\"", "unitCode=\"&s;\"")),
                withDoctype("<!DOCTYPE Invoice [<!ENTITY % s SYSTEM \"" + uri + "\"> %s;]>", UBL));
        for (int i = 0; i < attacks.size(); i++) {
            String fileName = "xxe-secret-" + i + ".xml";
            FlowOutcome outcome = evaluate(fileName, utf8(attacks.get(i)));
            assertTrue(outcome.rejectedAsWhole(), fileName);
            for (Finding finding : outcome.allFindings()) {
                assertFalse(finding.description().contains(secret), () -> fileName + ": " + finding.description());
            }
        }
    }

    @Test
    void schemaLocationHintsInTheInstanceAreNeverFetched() throws Exception {
        String hints = " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 " + localUrl("invoice.xsd")
                + " urn:example:other " + localUrl("other.xsd") + "\"";
        String xml = UBL.replace("<Invoice ", "<Invoice" + hints + " ")
                .replace("<cbc:IssueDate>", "<o:Note xmlns:o=\"urn:example:other\" xsi:noNamespaceSchemaLocation=\""
                        + localUrl("none.xsd") + "\">x</o:Note><cbc:IssueDate>");

        FlowOutcome outcome = evaluate("schema-location.xml", utf8(xml));

        assertEquals(0, connections.get(), "nothing is fetched over the network");
        // the foreign element is not in the UBL schema: a schema error, not a lookup
        Finding finding = rejectedAsWhole(outcome, ReasonCode.F06, "schema-location.xml");
        assertEquals(lineOf(xml, "<o:Note"), location(finding)[0], finding::description);
    }

    // ---------------------------------------------------------------- F01, F02: size

    @Test
    void anEmptyFileIsF01() throws Exception {
        Finding finding = rejectedAsWhole(evaluate("empty.xml", new byte[0]), ReasonCode.F01, "empty.xml");
        assertEquals("empty.xml: the file is empty", finding.description());
    }

    @Test
    void aFileOverTheLimitIsF02WithoutBeingRead() throws Exception {
        byte[] bytes = utf8(UBL);

        Finding finding = rejectedAsWhole(evaluate("big.xml", bytes, 1024), ReasonCode.F02, "big.xml");

        assertEquals("big.xml: " + bytes.length + " bytes, over the limit of 1024 bytes", finding.description());
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws Exception {
        byte[] bytes = utf8(UBL);

        FlowOutcome outcome = evaluate("exact.xml", bytes, bytes.length);

        assertFalse(outcome.rejectedAsWhole(), () -> "findings: " + outcome.flowFindings());
    }

    // ---------------------------------------------------------------- F03: not well-formed

    @Test
    void anUndeclaredEntityInTextWithoutDoctypeIsF03() throws Exception {
        String xml = UBL.replace(ITEM_NAME, "Ramettes &eacute; papier");

        Finding finding = rejectedAsWhole(evaluate("undeclared-entity.xml", utf8(xml)), ReasonCode.F03, "undeclared-entity.xml");

        assertEquals(lineOf(xml, "&eacute;"), location(finding)[0], finding::description);
    }

    @Test
    void anUndeclaredEntityInAnAttributeWithoutDoctypeIsF03() throws Exception {
        String xml = UBL.replace("unitCode=\"C62\"", "unitCode=\"&eacute;\"");

        Finding finding = rejectedAsWhole(evaluate("undeclared-entity-attribute.xml", utf8(xml)), ReasonCode.F03,
                "undeclared-entity-attribute.xml");

        assertEquals(lineOf(xml, "&eacute;"), location(finding)[0], finding::description);
    }

    static Stream<Arguments> malformedText() {
        return Stream.of(
                Arguments.of("bare-ampersand.xml", "Ramettes & papier"),
                Arguments.of("illegal-character-reference.xml", "Ramettes &#1; papier"),
                Arguments.of("unterminated-reference.xml", "Ramettes &amp papier"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedText")
    void malformedTextContentIsF03AtItsLine(String fileName, String itemName) throws Exception {
        String xml = UBL.replace(ITEM_NAME, itemName);

        Finding finding = rejectedAsWhole(evaluate(fileName, utf8(xml)), ReasonCode.F03, fileName);

        assertEquals(lineOf(xml, itemName), location(finding)[0], finding::description);
    }

    @Test
    void aTruncatedInvoiceIsF03AtTheEndOfWhatArrived() throws Exception {
        String xml = UBL.substring(0, UBL.indexOf(ITEM_NAME) + 5);

        Finding finding = rejectedAsWhole(evaluate("truncated.xml", utf8(xml)), ReasonCode.F03, "truncated.xml");

        int[] at = location(finding);
        int lastLine = (int) xml.chars().filter(c -> c == '\n').count() + 1;
        int lastLineLength = xml.length() - xml.lastIndexOf('\n') - 1;
        assertEquals(lastLine, at[0], finding::description);
        assertTrue(at[1] >= 1 && at[1] <= lastLineLength + 1, finding::description);
    }

    @Test
    void binaryNoiseIsF03() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(20_261_120L).nextBytes(noise);

        rejectedAsWhole(evaluate("noise.xml", noise), ReasonCode.F03, "noise.xml");
    }

    @Test
    void aZipArchiveNamedXmlIsReadAsTheZipItIs() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("invoice.xml"));
            out.write(utf8(UBL));
            out.closeEntry();
        }

        // The shape of a flow is told by its bytes, never by its name.
        FlowOutcome outcome = evaluate("archive.xml", zip.toByteArray());
        assertFalse(outcome.rejectedAsWhole(), () -> "findings: " + outcome.allFindings());
        assertEquals(1, outcome.invoices().size());
    }

    @Test
    void trailingGarbageAfterTheRootIsF03AtItsLine() throws Exception {
        String xml = UBL + "garbage";

        Finding finding = rejectedAsWhole(evaluate("trailing.xml", utf8(xml)), ReasonCode.F03, "trailing.xml");

        assertEquals(lineOf(xml, "garbage"), location(finding)[0], finding::description);
    }

    @Test
    void aSecondRootElementIsF03() throws Exception {
        rejectedAsWhole(evaluate("two-roots.xml", utf8(UBL + UBL.substring(UBL.indexOf("<Invoice")))),
                ReasonCode.F03, "two-roots.xml");
    }

    @Test
    void deepNestingHitsTheDepthLimitInsteadOfTheStack() throws Exception {
        int depth = 100_000;
        String head = UBL.substring(0, UBL.indexOf("<cbc:CustomizationID>"));
        StringBuilder xml = new StringBuilder(head.length() + depth * 7 + 16).append(head);
        xml.append("<a>".repeat(depth)).append("</a>".repeat(depth)).append("</Invoice>\n");

        rejectedAsWhole(evaluate("deep.xml", utf8(xml.toString())), ReasonCode.F03, "deep.xml");
    }

    @Test
    void invalidUtf8BytesInAUtf8DocumentAreF03() throws Exception {
        byte[] bytes = utf8(UBL.replace(ITEM_NAME, "Ramettes XY papier"));
        int at = UBL.replace(ITEM_NAME, "Ramettes XY papier").indexOf("XY"); // ASCII before it: char index = byte index
        bytes[at] = (byte) 0xC3; // a lead byte...
        bytes[at + 1] = (byte) 0x28; // ...followed by no continuation byte

        rejectedAsWhole(evaluate("bad-utf8.xml", bytes), ReasonCode.F03, "bad-utf8.xml");
    }

    @Test
    void latin1BytesUnderAUtf8DeclarationAreF03() throws Exception {
        byte[] bytes = UBL.replace(ITEM_NAME, "Ramettes de papier \u00e9t\u00e9").getBytes(StandardCharsets.ISO_8859_1);

        rejectedAsWhole(evaluate("lying-utf8.xml", bytes), ReasonCode.F03, "lying-utf8.xml");
    }

    // ---------------------------------------------------------------- oversized names and attributes

    static Stream<Arguments> oversized() {
        StringBuilder manyAttributes = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            manyAttributes.append(" a").append(i).append("=\"v\"");
        }
        String longName = "n".repeat(100_000);
        return Stream.of(
                Arguments.of("long-element-name.xml", UBL.replace("<cbc:IssueDate>", "<" + longName + "/><cbc:IssueDate>")),
                Arguments.of("long-root-name.xml", "<?xml version=\"1.0\"?>\n<" + longName + "/>\n"),
                Arguments.of("long-attribute.xml", UBL.replace("unitCode=\"C62\"", "unitCode=\"" + "v".repeat(1_000_000) + "\"")),
                Arguments.of("many-attributes.xml", UBL.replace("<cbc:IssueDate>", "<cbc:IssueDate" + manyAttributes + ">")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void oversizedNamesAndAttributesAreACleanFlowRejection(String fileName, String xml) throws Exception {
        FlowOutcome outcome = evaluate(fileName, utf8(xml));

        assertTrue(outcome.rejectedAsWhole(), () -> "findings: " + outcome.allFindings());
        assertEquals(1, outcome.flowFindings().size());
        Finding finding = outcome.flowFindings().get(0);
        assertEquals(ReasonCode.Nature.FLUX, finding.code().nature(), finding.code()::name);
        assertTrue(finding.description().startsWith(fileName + ": "), () -> finding.description().substring(0, Math.min(200, finding.description().length())));
        assertTrue(outcome.invoices().isEmpty());
    }

    // ---------------------------------------------------------------- encodings that must be accepted

    private static void assertAcceptedAsTheMinistryInvoice(FlowOutcome outcome) {
        assertFalse(outcome.rejectedAsWhole(), () -> "flow findings: " + outcome.flowFindings());
        assertEquals(1, outcome.invoices().size());
        InvoiceKeys keys = outcome.invoices().get(0).invoice().keys();
        assertEquals("F2026-0001", keys.number());
        assertEquals(InvoiceTemplate.MINISTRY, keys.recipientId());
        assertEquals("SCE-ACHATS", keys.serviceCode());
        // the empty directory knows nobody: the invoice reaches the routing controls and stops there
        assertEquals(List.of(ReasonCode.I03), outcome.invoices().get(0).findings().stream().map(Finding::code).toList());
    }

    @Test
    void aUtf16InvoiceWithByteOrderMarkIsAccepted() throws Exception {
        String xml = UBL.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_16); // big-endian, with its BOM
        assertEquals((byte) 0xFE, bytes[0]);
        assertEquals((byte) 0xFF, bytes[1]);

        assertAcceptedAsTheMinistryInvoice(evaluate("utf16-bom.xml", bytes));
    }

    @Test
    void aUtf16LittleEndianInvoiceWithByteOrderMarkIsAccepted() throws Exception {
        String xml = UBL.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        byte[] body = xml.getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);

        assertAcceptedAsTheMinistryInvoice(evaluate("utf16le-bom.xml", bytes));
    }

    @Test
    void aUtf16LittleEndianInvoiceWithoutByteOrderMarkIsAcceptedOrCleanlyF03() throws Exception {
        String xml = UBL.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");

        FlowOutcome outcome = evaluate("utf16le-no-bom.xml", xml.getBytes(StandardCharsets.UTF_16LE));

        if (outcome.rejectedAsWhole()) {
            rejectedAsWhole(outcome, ReasonCode.F03, "utf16le-no-bom.xml");
        } else {
            assertAcceptedAsTheMinistryInvoice(outcome);
        }
    }

    @Test
    void aLatin1DeclarationOverUtf8BytesIsDecodedAsDeclared() throws Exception {
        String name = "Fournitures \u00c9t\u00e9 \u20ac SAS";
        String xml = UBL.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"").replace("Fournitures Durand SAS", name);

        FlowOutcome outcome = evaluate("lying-latin1.xml", utf8(xml));

        assertAcceptedAsTheMinistryInvoice(outcome);
        // every byte is a Latin-1 character: the declaration is believed, the name comes out as mojibake
        assertEquals(new String(utf8(name), StandardCharsets.ISO_8859_1), outcome.invoices().get(0).invoice().keys().supplierName());
    }

    // ---------------------------------------------------------------- F05, F06

    @Test
    void anUnknownRootIsF05NamingTheRoot() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"
                       xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
                  <cbc:ID>PO-1</cbc:ID>
                </Order>
                """;

        Finding finding = rejectedAsWhole(evaluate("order.xml", utf8(xml)), ReasonCode.F05, "order.xml");

        assertTrue(finding.description().contains("{urn:oasis:names:specification:ubl:schema:xsd:Order-2}Order"),
                finding::description);
    }

    @Test
    void anInvoiceWithAnInvalidDateIsF06AtTheDate() throws Exception {
        String xml = UBL.replace("<cbc:IssueDate>2026-11-20</cbc:IssueDate>", "<cbc:IssueDate>2026-13-45</cbc:IssueDate>");

        Finding finding = rejectedAsWhole(evaluate("bad-date.xml", utf8(xml)), ReasonCode.F06, "bad-date.xml");

        int[] at = location(finding);
        assertEquals(lineOf(xml, "<cbc:IssueDate>"), at[0], finding::description);
        int start = columnOf(xml, "<cbc:IssueDate>");
        int end = columnOf(xml, "</cbc:IssueDate>") + "</cbc:IssueDate>".length();
        assertTrue(at[1] >= start && at[1] <= end, finding::description);
        assertTrue(finding.description().contains("2026-13-45"), finding::description);
    }

    @Test
    void theSampleInvoiceItselfIsAccepted() throws Exception {
        // the baseline every hostile variant above is derived from
        assertAcceptedAsTheMinistryInvoice(evaluate("baseline.xml", utf8(UBL)));
    }
}
