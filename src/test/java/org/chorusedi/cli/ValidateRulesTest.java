package org.chorusedi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XsltExecutable;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.rules.BusinessRules;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.support.EngineCommand.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code validate} with the EN 16931 rules: on the CEN examples, rule by rule the verdict of the reference
 * (the same XSLT applied by Saxon directly, without the engine); the levels warn and off.
 */
// Reads files with no database of the pass's own (the root's H2 at most): once, in the H2 pass (.ci/run).
@Tag("h2-only")
class ValidateRulesTest {

    private static final Pattern RULE_LINE = Pattern.compile("<CodeErreur>I20</CodeErreur>\\s*<LibelleErreur>[^<]*</LibelleErreur>\\s*"
            + "<DescriptionErreur>invoice [^<]*? of the flow\\): ([A-Z][A-Za-z0-9-]*): ");
    private static final Pattern WARNING_LINE = Pattern.compile("^EN 16931 invoice .*? of the flow\\): \\[(fatal|warning)\\] ([A-Z][A-Za-z0-9-]*): ",
            Pattern.MULTILINE);
    private static final Processor PROCESSOR = new Processor(false);
    private static XsltExecutable ubl;
    private static XsltExecutable cii;

    @TempDir
    Path folder;

    static Result validate(String... args) {
        return EngineCommand.inProcess(Stream.concat(Stream.of("validate"), Stream.of(args)).toArray(String[]::new));
    }

    static Stream<Path> corpus() throws Exception {
        return ValidateCommandTest.corpus();
    }

    /** Each example: the fatal rules the engine rejects it for, and its warnings, are those of the reference. */
    @ParameterizedTest
    @MethodSource("corpus")
    void everyEn16931ExampleHasTheReferenceVerdictRuleByRule(Path invoice) throws Exception {
        Set<String> fatal = new TreeSet<>();
        Set<String> warnings = new TreeSet<>();
        reference(invoice, fatal, warnings);

        Result result = validate(invoice.toString());

        assertEquals(fatal, ids(RULE_LINE, result.out(), 1), result.out());
        Set<String> warned = new TreeSet<>();
        Matcher m = WARNING_LINE.matcher(result.err());
        while (m.find()) {
            assertEquals("warning", m.group(1), "at level reject a fatal rule is no warning: " + result.err());
            warned.add(m.group(2));
        }
        assertEquals(warnings, warned, result.err());
    }

    @Test
    void atLevelWarnAFailedRuleIsAWarningAndAtLevelOffNothing() throws Exception {
        String broken = InvoiceTemplate.toMinistry().ubl().replace(
                "<cbc:LineExtensionAmount currencyID=\"EUR\">100.00</cbc:LineExtensionAmount>\n    <cbc:TaxExclusiveAmount",
                "<cbc:LineExtensionAmount currencyID=\"EUR\">90.00</cbc:LineExtensionAmount>\n    <cbc:TaxExclusiveAmount");
        Path invoice = Files.writeString(folder.resolve("totals.xml"), broken);

        Result reject = validate(invoice.toString());
        Result warn = validate("-D", "chorus.rules.level=warn", invoice.toString());
        Result byPartner = validate("-D", "chorus.rules.level-by-partner=BBB002:warn", "--partner", "BBB002", invoice.toString());
        Result off = validate("-D", "chorus.rules.level=off", invoice.toString());

        // The header's sum of lines is also the base of the total without VAT: BR-CO-13 fails with it.
        assertEquals(Set.of("BR-CO-10", "BR-CO-13"), ids(RULE_LINE, reject.out(), 1), reject.out());
        for (Result delivered : new Result[] {warn, byPartner}) {
            assertFalse(delivered.out().contains("<CodeErreur>I20</CodeErreur>"), delivered.out());
            assertTrue(delivered.err().contains("[fatal] BR-CO-10: "), delivered.err());
        }
        assertFalse(off.out().contains("<CodeErreur>I20</CodeErreur>"), off.out());
        assertFalse(off.err().contains("BR-CO-10"), off.err());
    }

    @Test
    void aLevelThatIsNoneOfTheThreeStopsTheCommandNamingTheKey() throws Exception {
        Path invoice = InvoiceTemplate.toMinistry().writeUbl(folder.resolve("invoice.xml"));

        Result result = validate("-D", "chorus.rules.level-by-partner=AAA001:never", invoice.toString());

        assertEquals(2, result.status());
        assertTrue(result.err().contains("chorus.rules.level-by-partner"), result.err());
    }

    private static Set<String> ids(Pattern pattern, String text, int group) {
        Set<String> ids = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            ids.add(m.group(group));
        }
        return ids;
    }

    /** The reference: the artefact's XSLT applied to the whole file by Saxon, its SVRL read with XPath. */
    private static void reference(Path invoice, Set<String> fatal, Set<String> warnings) throws Exception {
        Processor processor = PROCESSOR;
        synchronized (ValidateRulesTest.class) {
            if (ubl == null) {
                String folder = "external/schematron/" + BusinessRules.ARTEFACTS_VERSION + "/";
                ubl = processor.newXsltCompiler().compile(new StreamSource(
                        ValidateRulesTest.class.getClassLoader().getResource(folder + "ubl/EN16931-UBL-validation.xslt").toExternalForm()));
                cii = processor.newXsltCompiler().compile(new StreamSource(
                        ValidateRulesTest.class.getClassLoader().getResource(folder + "cii/EN16931-CII-validation.xslt").toExternalForm()));
            }
        }
        boolean isCii = Files.readString(invoice).contains("CrossIndustryInvoice");
        XdmDestination svrl = new XdmDestination();
        (isCii ? cii : ubl).load30().transform(new StreamSource(invoice.toFile()), svrl);
        var compiler = processor.newXPathCompiler();
        compiler.declareNamespace("svrl", "http://purl.oclc.org/dsdl/svrl");
        for (XdmItem failed : compiler.evaluate("//svrl:failed-assert", svrl.getXdmNode())) {
            String id = compiler.evaluateSingle("string(@id)", failed).getStringValue();
            boolean isWarning = "warning".equals(compiler.evaluateSingle("string(@flag)", failed).getStringValue());
            (isWarning ? warnings : fatal).add(id);
        }
    }
}
