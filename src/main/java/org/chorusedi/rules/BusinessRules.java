package org.chorusedi.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.lib.Feature;
import net.sf.saxon.s9api.BuildingContentHandler;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SAXDestination;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import org.chorusedi.validation.CompiledOnce;
import org.chorusedi.validation.Quoted;
import org.chorusedi.validation.Syntax;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The EN 16931 business rules: the CEN/TC 434 validation artefacts (Schematron compiled to XSLT) for UBL
 * and CII, read from the phive-rules-en16931 jar and compiled once per JVM by Saxon-HE. Thread-safe: each
 * check has its invoice's tree (built from the first pass, or from the staged file) and runs a transformer of its own. Nothing is fetched from the network.
 */
public final class BusinessRules {

    /** The newest CEN artefacts phive-rules-en16931 3.2.10 carries. */
    public static final String ARTEFACTS_VERSION = "1.3.13";
    private static final String FOLDER = "external/schematron/" + ARTEFACTS_VERSION + "/";
    private static final String SVRL = "http://purl.oclc.org/dsdl/svrl";
    private static final String UBL_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static final String CII_RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    /** What the rules see of an attachment's base64, as the XSD does: they check its attributes, never its content. */
    private static final char[] ATTACHMENT_STAND_IN = "AAAA".toCharArray();
    /** The artefacts' paths name every step by namespace: {@code *:Invoice[namespace-uri()='...'][1]}. */
    private static final Pattern NAMESPACE_TEST = Pattern.compile("\\*:|\\[namespace-uri\\(\\)='[^']*'\\]");

    /** The rule id of an invoice the artefacts stopped on. */
    private static final String STOPPED = "EN16931-ERROR";

    /**
     * The stylesheets' and the trees' Saxon configuration, apart from the stylesheets: the first pass builds trees with
     * it without compiling them (an invoice too large for the rules never has them compiled, tens of MB of heap).
     */
    private static final Processor PROCESSOR = newProcessor();

    private final XsltExecutable ubl;
    private final XsltExecutable cii;
    /** A factory is not thread-safe: each rules thread keeps a parser of its own, reused invoice after invoice. */
    private final ThreadLocal<XMLReader> parsers = ThreadLocal.withInitial(BusinessRules::newParser);

    private BusinessRules() {
        XsltCompiler compiler = PROCESSOR.newXsltCompiler();
        this.ubl = compile(compiler, FOLDER + "ubl/EN16931-UBL-validation.xslt");
        this.cii = compile(compiler, FOLDER + "cii/EN16931-CII-validation.xslt");
    }

    /** The staged invoice passed the engine's hardened parser already; this one is locked down all the same. */
    private static Processor newProcessor() {
        Processor processor = new Processor(false);
        // The stylesheets and the invoices come from the jar and the staging folder: nothing else is read.
        processor.setConfigurationProperty(Feature.ALLOWED_PROTOCOLS, "jar,file");
        return processor;
    }

    private static XMLReader newParser() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be locked down", e);
        }
    }

    private static final CompiledOnce<BusinessRules> SHARED = new CompiledOnce<>(BusinessRules::new);

    /** The rules of this JVM, compiled on first use (a few seconds), or ahead of it (the engine's start). */
    public static BusinessRules shared() {
        return SHARED.get();
    }

    private static XsltExecutable compile(XsltCompiler compiler, String resource) {
        URL url = BusinessRules.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("EN 16931 artefact missing from the class path: " + resource);
        }
        try (InputStream in = url.openStream()) {
            return compiler.compile(new StreamSource(in, url.toExternalForm()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (SaxonApiException e) {
            throw new IllegalStateException("cannot compile " + resource, e);
        }
    }

    /**
     * The rules one invoice fails, one entry per rule (its first place, how many), in the artefacts' order.
     *
     * @param staged the invoice alone, as staged after it passed its schema
     */
    public List<RuleFailure> check(Path staged, Syntax syntax) throws IOException {
        XdmNode tree;
        try {
            tree = parse(staged);
        } catch (SaxonApiException e) {
            return stopped(e);
        }
        return check(tree, syntax);
    }

    /** The tree the rules check of the invoice staged there: its attachments' base64 four characters. */
    XdmNode parse(Path staged) throws IOException, SaxonApiException {
        try {
            return PROCESSOR.newDocumentBuilder().build(
                    new SAXSource(new AttachmentStandIn(parsers.get()), new InputSource(staged.toUri().toString())));
        } catch (SaxonApiException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** The same, on a tree of the invoice: from its staged file, or from the first pass (see {@link InvoiceTree}). */
    List<RuleFailure> check(XdmNode tree, Syntax syntax) throws IOException {
        SvrlFailures failures = new SvrlFailures();
        try {
            Xslt30Transformer transformer = (syntax.isUbl() ? ubl : cii).load30();
            transformer.setGlobalContextItem(tree);
            transformer.applyTemplates(tree, new SAXDestination(failures));
        } catch (SaxonApiException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            return stopped(e);
        }
        return failures.list();
    }

    /** A dynamic error of the artefacts on what a sender wrote: the invoice cannot be checked. */
    private static List<RuleFailure> stopped(SaxonApiException e) {
        return List.of(new RuleFailure(STOPPED, true, "the rules stopped on this invoice: "
                + Quoted.capped(String.valueOf(e.getMessage())), "/", 1));
    }

    /** Builds a tree the rules can check, the one {@link #parse} would build of the file staged there. */
    static BuildingContentHandler treeBuilder(Path staged) {
        DocumentBuilder builder = PROCESSOR.newDocumentBuilder();
        builder.setBaseURI(staged.toUri());
        try {
            return builder.newBuildingContentHandler();
        } catch (SaxonApiException e) {
            throw new IllegalStateException("Saxon cannot build a tree", e);
        }
    }

    /** Hands an attachment's base64 over as a four-character stand-in: the tree stays small. */
    private static final class AttachmentStandIn extends XMLFilterImpl {
        private int attachmentDepth;
        private int depth;

        AttachmentStandIn(XMLReader parent) {
            super(parent);
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
            depth++;
            super.startElement(uri, local, qName, atts);
            if (attachmentDepth == 0 && (("EmbeddedDocumentBinaryObject".equals(local) && UBL_CBC.equals(uri))
                    || ("AttachmentBinaryObject".equals(local) && CII_RAM.equals(uri)))) {
                attachmentDepth = depth;
                super.characters(ATTACHMENT_STAND_IN, 0, ATTACHMENT_STAND_IN.length);
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) throws SAXException {
            if (depth == attachmentDepth) {
                attachmentDepth = 0;
            }
            depth--;
            super.endElement(uri, local, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (attachmentDepth == 0) {
                super.characters(ch, start, length);
            }
        }
    }

    /** The failed asserts of the SVRL report as it is produced: no report tree is built. */
    private static final class SvrlFailures extends DefaultHandler {
        private final Map<String, RuleFailure> byId = new LinkedHashMap<>();
        private String id;
        private boolean fatal;
        private String location;
        private StringBuilder text;

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) {
            if (SVRL.equals(uri) && "failed-assert".equals(local)) {
                id = String.valueOf(atts.getValue("id"));
                fatal = !"warning".equals(atts.getValue("flag"));
                location = NAMESPACE_TEST.matcher(String.valueOf(atts.getValue("location"))).replaceAll("");
            } else if (id != null && SVRL.equals(uri) && "text".equals(local)) {
                text = new StringBuilder();
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null && text.length() < 2000) {
                text.append(ch, start, Math.min(length, 2000 - text.length()));
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            if (SVRL.equals(uri) && "text".equals(local) && text != null) {
                String message = text.toString().strip().replaceFirst("^\\[" + Pattern.quote(id) + "\\]-", "");
                byId.merge(id, new RuleFailure(id, fatal, Quoted.capped(message), Quoted.capped(location), 1),
                        (first, next) -> new RuleFailure(first.id(), first.fatal(), first.message(), first.location(), first.places() + 1));
                text = null;
            } else if (SVRL.equals(uri) && "failed-assert".equals(local)) {
                id = null;
            }
        }

        List<RuleFailure> list() {
            return new ArrayList<>(byId.values());
        }
    }
}
