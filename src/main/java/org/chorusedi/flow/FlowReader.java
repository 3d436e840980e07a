package org.chorusedi.flow;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.chorusedi.invoice.InvoiceKeyReader;
import org.chorusedi.routing.Finding;
import org.chorusedi.routing.ReasonCode;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.SecureXml;
import org.chorusedi.validation.Syntax;
import org.chorusedi.validation.XsdStreamValidator;
import org.xml.sax.SAXException;

/**
 * Reads a flow in one streaming pass: hardened parsing, XSD validation and key reading together.
 * No tree and no whole-file string is ever built.
 */
public final class FlowReader {

    private static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";
    private static final int MAX_QUOTED = 300;

    private final SchemaCatalog schemas;
    private final int maxSchemaErrors;

    public FlowReader(SchemaCatalog schemas, int maxSchemaErrors) {
        this.schemas = schemas;
        this.maxSchemaErrors = maxSchemaErrors;
    }

    /**
     * @param in       the flow's bytes (the caller opens and closes it)
     * @param fileName the name the sender gave the file, for the messages
     * @throws IOException when the bytes cannot be read (not when they are bad XML)
     */
    public FlowRead read(InputStream in, String fileName) throws IOException {
        XMLStreamReader reader = null;
        try {
            reader = SecureXml.open(in, fileName);
            return readDocument(reader, fileName);
        } catch (XMLStreamException e) {
            // An I/O failure is the disk's, not the sender's; a bad encoding is the sender's.
            if (e.getNestedException() instanceof IOException io && !(io instanceof CharConversionException)) {
                throw io;
            }
            return FlowRead.rejected(notWellFormed(fileName, e.getLocation(), e.getMessage()));
        } catch (SAXException e) {
            return FlowRead.rejected(new Finding(ReasonCode.F06, fileName + ": " + e.getMessage()));
        } finally {
            closeQuietly(reader);
        }
    }

    private FlowRead readDocument(XMLStreamReader reader, String fileName) throws XMLStreamException, SAXException {
        Syntax syntax = null;
        XsdStreamValidator validator = null;
        InvoiceKeyReader keys = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                    { return FlowRead.rejected(forbidden(fileName, reader.getLocation(), "DOCTYPE or entity present")); }
                case XMLStreamConstants.START_ELEMENT -> {
                    if (XINCLUDE_NS.equals(reader.getNamespaceURI())) {
                        return FlowRead.rejected(forbidden(fileName, reader.getLocation(), "XInclude element present"));
                    }
                    if (syntax == null) {
                        QName root = reader.getName();
                        Optional<Syntax> known = Syntax.ofRoot(root);
                        if (known.isEmpty()) {
                            return FlowRead.rejected(new Finding(ReasonCode.F05,
                                    fileName + ": root element " + capped(root.toString()) + " is not a UBL 2.1 Invoice or CreditNote nor a CII D16B CrossIndustryInvoice"));
                        }
                        syntax = known.get();
                        validator = new XsdStreamValidator(schemas.invoiceSchema(), reader, maxSchemaErrors);
                        validator.startDocument();
                        keys = new InvoiceKeyReader(syntax);
                    }
                    validator.startElement();
                    keys.startElement(reader);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (validator != null) {
                        char[] chars = reader.getTextCharacters();
                        int start = reader.getTextStart();
                        int length = reader.getTextLength();
                        validator.characters(chars, start, length);
                        keys.characters(chars, start, length);
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    validator.endElement();
                    keys.endElement();
                }
                default -> {
                    // comments and processing instructions carry nothing we check
                }
            }
            if (validator != null && validator.full()) {
                break;
            }
        }
        if (validator == null) {
            return FlowRead.rejected(new Finding(ReasonCode.F03, fileName + ": no root element"));
        }
        if (!validator.full()) {
            validator.endDocument();
        }
        if (!validator.errors().isEmpty()) {
            return FlowRead.rejected(new Finding(ReasonCode.F06, fileName + ": "
                    + validator.errors().stream().map(e -> capped(e.toString())).collect(Collectors.joining("; "))));
        }
        return new FlowRead(List.of(), List.of(new InvoiceRead(1, syntax, keys.keys())));
    }

    private static Finding notWellFormed(String fileName, Location location, String message) {
        return new Finding(ReasonCode.F03, fileName + ": " + at(location) + firstLine(message));
    }

    private static Finding forbidden(String fileName, Location location, String what) {
        return new Finding(ReasonCode.F04, fileName + ": " + at(location) + what);
    }

    private static String at(Location location) {
        return location == null ? "" : "line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ": ";
    }

    /** Woodstox repeats the location on a second line: keep the first, and never echo a huge name. */
    private static String firstLine(String message) {
        if (message == null) {
            return "not well-formed";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return capped(first.replaceFirst("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "").strip());
    }

    /** A sender's text quoted in a report, cut to a readable length. */
    static String capped(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "... (" + text.length() + " characters)";
    }

    private static void closeQuietly(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // the stream itself is closed by its owner
            }
        }
    }
}
