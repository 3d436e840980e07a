package org.chorusedi.validation;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Feeds StAX events of one document to a JDK schema validator, so that parsing, validation and key
 * reading share a single pass. Each error goes, with its line and column, to the caller's sink,
 * which knows which invoice of the flow it belongs to.
 */
public final class XsdStreamValidator {

    /** One schema error at its place in the flow. */
    public record SchemaError(int line, int column, String message) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }

    private final ValidatorHandler handler;
    private final XMLStreamReader reader;
    private final Consumer<SchemaError> errors;
    private final AttributesImpl attributes = new AttributesImpl();
    /**
     * Qualified names by prefix and local name. The parser gives the same String instances every time
     * (interned names); handing the validator the same qName instances too spares it hashing new
     * strings on every element, its main cost.
     */
    private final Map<String, Map<String, String>> qNames = new HashMap<>();

    public XsdStreamValidator(Schema schema, XMLStreamReader reader, Consumer<SchemaError> errors) {
        this.reader = reader;
        this.errors = errors;
        this.handler = schema.newValidatorHandler();
        try {
            // The instance may name schemas (xsi:schemaLocation): never load them.
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("schema validator cannot be locked down", e);
        }
        handler.setErrorHandler(new Collector());
        handler.setDocumentLocator(new ReaderLocator());
    }

    public void startDocument() throws SAXException {
        handler.startDocument();
    }

    public void endDocument() throws SAXException {
        handler.endDocument();
    }

    /** At START_ELEMENT: namespace declarations, then the element with its attributes. */
    public void startElement() throws SAXException {
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            handler.startPrefixMapping(nullToEmpty(reader.getNamespacePrefix(i)), nullToEmpty(reader.getNamespaceURI(i)));
        }
        attributes.clear();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String local = reader.getAttributeLocalName(i);
            attributes.addAttribute(nullToEmpty(reader.getAttributeNamespace(i)), local,
                    qName(reader.getAttributePrefix(i), local), "CDATA", reader.getAttributeValue(i));
        }
        handler.startElement(nullToEmpty(reader.getNamespaceURI()), reader.getLocalName(),
                qName(reader.getPrefix(), reader.getLocalName()), attributes);
    }

    public void characters(char[] chars, int start, int length) throws SAXException {
        handler.characters(chars, start, length);
    }

    /** At END_ELEMENT, while the reader still sees the element's namespace declarations. */
    public void endElement() throws SAXException {
        handler.endElement(nullToEmpty(reader.getNamespaceURI()), reader.getLocalName(),
                qName(reader.getPrefix(), reader.getLocalName()));
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            handler.endPrefixMapping(nullToEmpty(reader.getNamespacePrefix(i)));
        }
    }

    private String qName(String prefix, String local) {
        if (prefix == null || prefix.isEmpty()) {
            return local;
        }
        return qNames.computeIfAbsent(prefix, p -> new HashMap<>()).computeIfAbsent(local, l -> prefix + ":" + l);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private final class Collector implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make an invoice invalid.
        }

        @Override
        public void error(SAXParseException e) {
            errors.accept(new SchemaError(e.getLineNumber(), e.getColumnNumber(), e.getMessage()));
        }

        @Override
        public void fatalError(SAXParseException e) {
            error(e);
        }
    }

    private final class ReaderLocator implements Locator {
        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public String getSystemId() {
            return reader.getLocation().getSystemId();
        }

        @Override
        public int getLineNumber() {
            Location location = reader.getLocation();
            return location.getLineNumber();
        }

        @Override
        public int getColumnNumber() {
            return reader.getLocation().getColumnNumber();
        }
    }
}
