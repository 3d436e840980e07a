package org.chorusedi.far37;

import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.chorusedi.directory.ImportError;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Feeds the StAX events of a FAR37 file to the schema's validator as they are read, in the same
 * thread: an error is known as soon as the element that causes it ends, before anything of it is
 * written to the directory. Keeps the first errors, with their line and column, up to a cap.
 */
final class SchemaFeed {

    private final ValidatorHandler handler;
    private final XMLStreamReader reader;
    private final int maxErrors;
    private final List<ImportError> errors = new ArrayList<>();
    private final AttributesImpl attributes = new AttributesImpl();

    SchemaFeed(Schema schema, XMLStreamReader reader, int maxErrors) throws SAXException {
        this.reader = reader;
        this.maxErrors = maxErrors;
        this.handler = schema.newValidatorHandler();
        try {
            // The file may name schemas (xsi:schemaLocation): never load them.
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("schema validator cannot be locked down", e);
        }
        handler.setErrorHandler(new Collector());
        handler.setDocumentLocator(new ReaderLocator());
        handler.startDocument();
    }

    List<ImportError> errors() {
        return errors;
    }

    /** The cap is reached: reading further would only find more of the same. */
    boolean full() {
        return errors.size() >= maxErrors;
    }

    void endDocument() throws SAXException {
        handler.endDocument();
    }

    /** At START_ELEMENT: namespace declarations, then the element with its attributes. */
    void startElement() throws SAXException {
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            handler.startPrefixMapping(orEmpty(reader.getNamespacePrefix(i)), orEmpty(reader.getNamespaceURI(i)));
        }
        attributes.clear();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String local = reader.getAttributeLocalName(i);
            attributes.addAttribute(orEmpty(reader.getAttributeNamespace(i)), local,
                    qName(reader.getAttributePrefix(i), local), "CDATA", reader.getAttributeValue(i));
        }
        handler.startElement(orEmpty(reader.getNamespaceURI()), reader.getLocalName(),
                qName(reader.getPrefix(), reader.getLocalName()), attributes);
    }

    void characters() throws SAXException {
        handler.characters(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
    }

    /** At END_ELEMENT, while the reader still sees the element's namespace declarations. */
    void endElement() throws SAXException {
        handler.endElement(orEmpty(reader.getNamespaceURI()), reader.getLocalName(),
                qName(reader.getPrefix(), reader.getLocalName()));
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            handler.endPrefixMapping(orEmpty(reader.getNamespacePrefix(i)));
        }
    }

    private static String qName(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private final class Collector implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            // A warning does not make the file invalid.
        }

        @Override
        public void error(SAXParseException e) {
            if (errors.size() < maxErrors) {
                errors.add(new ImportError(e.getLineNumber(), "column " + e.getColumnNumber() + ": " + e.getMessage()));
            }
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
            return reader.getLocation().getLineNumber();
        }

        @Override
        public int getColumnNumber() {
            return reader.getLocation().getColumnNumber();
        }
    }
}
