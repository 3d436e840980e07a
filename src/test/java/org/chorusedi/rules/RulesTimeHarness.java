package org.chorusedi.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.validation.Syntax;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * How one small invoice's rules time splits, on a warm JVM: the whole check from the staged file, and building the
 * tree alone from the same file (SAX into a Saxon tree, as the check does). Not a test: run by hand
 * (docs/contributors/performance.md, "One parse for the rules").
 *
 * <pre>mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/classpath.txt) org.chorusedi.rules.RulesTimeHarness 2000</pre>
 */
public final class RulesTimeHarness {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path staged = Files.createTempFile("rules-time", ".xml");
        Files.writeString(staged, InvoiceTemplate.toMinistry().withLines(10).ubl());
        BusinessRules rules = BusinessRules.shared();
        DocumentBuilder builder = new Processor(false).newDocumentBuilder();
        XMLReader parser = parser();
        System.out.printf("invoice: UBL, 10 lines, %d bytes; %d rounds after %d of warm-up%n", Files.size(staged), rounds, rounds);
        for (int pass = 0; pass < 2; pass++) {
            long check = 0;
            long tree = 0;
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                rules.check(staged, Syntax.UBL_INVOICE);
                long t1 = System.nanoTime();
                builder.build(new SAXSource(parser, new InputSource(staged.toUri().toString())));
                long t2 = System.nanoTime();
                check += t1 - t0;
                tree += t2 - t1;
            }
            if (pass == 1) {
                System.out.printf("check from the staged file: %.3f ms; building the tree alone: %.3f ms (%.1f %%)%n",
                        check / 1e6 / rounds, tree / 1e6 / rounds, 100.0 * tree / check);
            }
        }
        Files.delete(staged);
    }

    private static XMLReader parser() throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newSAXParser().getXMLReader();
    }
}
