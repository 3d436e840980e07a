package org.chorusedi.dume;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.ValidatorHandler;
import org.chorusedi.validation.DocumentLimits;
import org.chorusedi.validation.Quoted;
import org.chorusedi.validation.SecureXml;
import org.chorusedi.validation.XmlLimitExceeded;
import org.chorusedi.validation.XmlLimits;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Reads a DUME (docs/operators/dume.md): at most {@link #MAX_BYTES}, through the engine's hardened parser
 * (SecureXml: no DTD, no entity, limits on names, text and depth), validated against the schemas of its UBL
 * version (2.2 or 2.3, DumeSchema) in the same single pass that builds its tree, then read into a {@link Dume}. A DUME that is not one, or not
 * valid, is refused with every reason found, each at its place.
 */
public final class DumeReader {

    /** Far above a real DUME (a few hundred KB; the public EXTENDED response, 1.2 MB), and what a tree of it may cost. */
    public static final long MAX_BYTES = 8L * 1024 * 1024;
    /** Elements at most: what the tree of a hostile file of many tiny elements may cost (the public EXTENDED response has about 26,000). */
    static final int MAX_ELEMENTS = 200_000;
    /** Schema errors listed at most: past them the list says how many more. */
    static final int MAX_PROBLEMS = 50;

    static final String REQUEST = "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2";
    static final String RESPONSE = "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2";

    /** A DUME read, or the reasons it is refused; {@code tooLarge}: refused for its size alone, the rest left unread. */
    public record Reading(Optional<Dume> dume, List<DumeProblem> problems, boolean tooLarge) {
        static Reading refused(List<DumeProblem> problems) {
            return new Reading(Optional.empty(), List.copyOf(problems), false);
        }

        static Reading refused(DumeProblem problem) {
            return refused(List.of(problem));
        }
    }

    private final XmlLimits limits;

    public DumeReader(XmlLimits limits) {
        this.limits = limits;
    }

    public Reading read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            return new Reading(Optional.empty(), List.of(tooLarge(size)), true);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    /** Reads at most {@link #MAX_BYTES} of {@code in}: a longer one is refused without reading further. */
    public Reading read(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            return new Reading(Optional.empty(), List.of(tooLarge(bytes.length)), true);
        }
        return parse(bytes, name);
    }

    /** Why a DUME of this size is refused; a size under 0: announced longer than the limit, not read. */
    public static DumeProblem tooLarge(long size) {
        return new DumeProblem(0, 0, (size > MAX_BYTES + 1 ? "the file is " + size + " bytes, " : "the file is ")
                + "over the " + MAX_BYTES + " bytes (8 MB) a DUME may be");
    }

    private Reading parse(byte[] bytes, String name) {
        List<DumeProblem> problems = new ArrayList<>();
        XMLStreamReader reader = null;
        DumeElement root = null;
        try {
            String version = ublVersion(bytes, name);
            if (!DumeSchema.VERSIONS.contains(version)) {
                return Reading.refused(new DumeProblem(0, 0, "UBL " + Quoted.capped(version) + " (cbc:UBLVersionID): a DUME is"
                        + " read as UBL 2.2 (the ESPD model 2.x, the French DUME's) or UBL 2.3 (the ESPD models 3 and 4)"));
            }
            reader = SecureXml.open(new ByteArrayInputStream(bytes), name, limits);
            DocumentLimits documentLimits = new DocumentLimits(limits, reader);
            ValidatorHandler validator = DumeSchema.of(version).newValidatorHandler();
            SchemaErrors errors = new SchemaErrors(problems);
            validator.setErrorHandler(errors);
            XMLStreamReader located = reader;
            validator.setDocumentLocator(new StreamLocator(located));
            validator.startDocument();
            Deque<DumeElement> open = new ArrayDeque<>();
            int elements = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        documentLimits.startElement();
                        if (++elements > MAX_ELEMENTS) {
                            return Reading.refused(at(reader.getLocation(), "more than " + MAX_ELEMENTS + " elements: far more"
                                    + " than a DUME holds"));
                        }
                        if (root == null && !isDume(reader)) {
                            return Reading.refused(at(reader.getLocation(), "not a DUME: its root element is {"
                                    + Quoted.capped(String.valueOf(reader.getNamespaceURI())) + "}" + Quoted.capped(reader.getLocalName())
                                    + ", not a QualificationApplicationRequest or QualificationApplicationResponse of UBL"));
                        }
                        DumeElement element = start(reader, validator);
                        if (root == null) {
                            root = element;
                        } else {
                            open.peek().add(element);
                        }
                        open.push(element);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            documentLimits.text(reader.getTextLength());
                            validator.characters(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                            open.peek().appendText(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        documentLimits.endElement();
                        end(reader, validator);
                        open.pop();
                    }
                    case XMLStreamConstants.PROCESSING_INSTRUCTION -> documentLimits.processingInstruction();
                    case XMLStreamConstants.DTD -> {
                        return Reading.refused(at(reader.getLocation(), "a DOCTYPE is not accepted: a DUME has none"));
                    }
                    default -> {
                        // comments and the end of the document: nothing to keep
                    }
                }
                if (errors.count > MAX_PROBLEMS) {
                    break;
                }
            }
            if (errors.count <= MAX_PROBLEMS) {
                validator.endDocument();
            }
            if (errors.count > MAX_PROBLEMS) {
                problems.add(new DumeProblem(0, 0, "more than " + MAX_PROBLEMS + " schema errors: the first " + MAX_PROBLEMS
                        + " are listed"));
            }
        } catch (XMLStreamException e) {
            problems.add(parserProblem(e));
        } catch (XmlLimitExceeded e) {
            problems.add(new DumeProblem(e.line(), e.column(), e.getMessage()));
        } catch (SAXException e) {
            // a schema error is the error handler's; anything else the validator throws is said as it is
            problems.add(new DumeProblem(0, 0, Quoted.capped(String.valueOf(e.getMessage()))));
        } finally {
            close(reader);
        }
        if (root == null && problems.isEmpty()) {
            problems.add(new DumeProblem(0, 0, "the file holds no XML element"));
        }
        if (!problems.isEmpty()) {
            return Reading.refused(problems);
        }
        return new Reading(Optional.of(DumeExtractor.extract(root, RESPONSE.equals(root.namespace()))), List.of(), false);
    }

    /**
     * The UBL version the DUME says it is written in (its cbc:UBLVersionID, among the root's first children), so that
     * its own schemas check it in the pass that reads it; 2.2 when it says none, or when the file cannot be read that
     * far (the reading pass then says why).
     */
    private String ublVersion(byte[] bytes, String name) {
        XMLStreamReader reader = null;
        try {
            reader = SecureXml.open(new ByteArrayInputStream(bytes), name, limits);
            int depth = 0;
            int children = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 2 && ++children > 3) {
                        break;
                    }
                    if (depth == 2 && DumeElement.CBC.equals(reader.getNamespaceURI()) && reader.getLocalName().equals("UBLVersionID")) {
                        return Quoted.capped(reader.getElementText().strip());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            // said by the reading pass, at its place
        } finally {
            close(reader);
        }
        return "2.2";
    }

    private static boolean isDume(XMLStreamReader reader) {
        String namespace = reader.getNamespaceURI();
        return (REQUEST.equals(namespace) && reader.getLocalName().equals("QualificationApplicationRequest"))
                || (RESPONSE.equals(namespace) && reader.getLocalName().equals("QualificationApplicationResponse"));
    }

    private static DumeElement start(XMLStreamReader reader, ValidatorHandler validator) throws SAXException {
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            validator.startPrefixMapping(empty(reader.getNamespacePrefix(i)), empty(reader.getNamespaceURI(i)));
        }
        AttributesImpl attributes = new AttributesImpl();
        Map<String, String> kept = new HashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String local = reader.getAttributeLocalName(i);
            attributes.addAttribute(empty(reader.getAttributeNamespace(i)), local,
                    qName(reader.getAttributePrefix(i), local), "CDATA", reader.getAttributeValue(i));
            kept.put(local, reader.getAttributeValue(i));
        }
        String namespace = empty(reader.getNamespaceURI());
        validator.startElement(namespace, reader.getLocalName(), qName(reader.getPrefix(), reader.getLocalName()), attributes);
        return new DumeElement(namespace, reader.getLocalName(), kept);
    }

    private static void end(XMLStreamReader reader, ValidatorHandler validator) throws SAXException {
        validator.endElement(empty(reader.getNamespaceURI()), reader.getLocalName(), qName(reader.getPrefix(), reader.getLocalName()));
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            validator.endPrefixMapping(empty(reader.getNamespacePrefix(i)));
        }
    }

    private static DumeProblem parserProblem(XMLStreamException e) {
        if (e.getNestedException() instanceof XmlLimitExceeded limit) {
            return new DumeProblem(limit.line(), limit.column(), limit.getMessage());
        }
        Location location = e.getLocation();
        String message = Quoted.parserMessage(e);
        if (message.contains("DOCTYPE") || message.contains("DTD")) {
            message = "a DOCTYPE is not accepted: a DUME has none (" + message + ")";
        }
        return location == null ? new DumeProblem(0, 0, message) : at(location, message);
    }

    private static DumeProblem at(Location location, String message) {
        return new DumeProblem(Math.max(location.getLineNumber(), 0), Math.max(location.getColumnNumber(), 0), message);
    }

    private static String empty(String text) {
        return text == null ? "" : text;
    }

    private static String qName(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // the bytes are in memory: nothing to release
            }
        }
    }

    /** The validator's errors, each where the parser stands. */
    private static final class SchemaErrors implements ErrorHandler {
        private final List<DumeProblem> problems;
        private int count;

        SchemaErrors(List<DumeProblem> problems) {
            this.problems = problems;
        }

        @Override
        public void warning(SAXParseException e) {
            // a warning does not refuse a DUME
        }

        @Override
        public void error(SAXParseException e) {
            if (++count <= MAX_PROBLEMS) {
                problems.add(new DumeProblem(e.getLineNumber(), e.getColumnNumber(), Quoted.capped(String.valueOf(e.getMessage()))));
            }
        }

        @Override
        public void fatalError(SAXParseException e) {
            error(e);
        }
    }

    /** The parser's place, for the validator's messages. */
    private record StreamLocator(XMLStreamReader reader) implements Locator {
        @Override public String getPublicId() { return null; }
        @Override public String getSystemId() { return reader.getLocation().getSystemId(); }
        @Override public int getLineNumber() { return reader.getLocation().getLineNumber(); }
        @Override public int getColumnNumber() { return reader.getLocation().getColumnNumber(); }
    }
}
