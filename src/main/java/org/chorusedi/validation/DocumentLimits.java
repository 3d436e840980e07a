package org.chorusedi.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamReader;

/**
 * The limits of one document that its events tell, checked at each event before it is passed on: the
 * text of one node (Woodstox hands it over in segments, but the schema validator keeps the whole text
 * of an element of simple content), and the distinct names that the parser, the validation pipeline
 * and the schema validator each keep in a table for the whole document (each name's length is the
 * guard's). A namespace URI, an attribute value up to Woodstox's 64 KB, counts as one name for every
 * {@code maxNameLength} characters: the tables then hold at most {@code maxDistinctNames} times
 * {@code maxNameLength} characters.
 */
public final class DocumentLimits {

    private final XmlLimits limits;
    private final XMLStreamReader reader;
    /** Local names by prefix ("" for none), as the tables keep them: each pair is one name. */
    private final Map<String, Set<String>> names = new HashMap<>();
    private final Set<String> namespaceUris = new HashSet<>();
    private int distinct;
    private long text;
    private int textLine;
    private int textColumn;

    public DocumentLimits(XmlLimits limits, XMLStreamReader reader) {
        this.limits = limits;
        this.reader = reader;
    }

    /** At START_ELEMENT: its name, its attributes' and its namespace declarations'. */
    public void startElement() throws XmlLimitExceeded {
        text = 0;
        name(reader.getPrefix(), reader.getLocalName());
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            name(reader.getAttributePrefix(i), reader.getAttributeLocalName(i));
        }
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            name("xmlns", reader.getNamespacePrefix(i));
            String uri = reader.getNamespaceURI(i);
            if (uri != null && namespaceUris.add(uri)) {
                count(Math.max(1, (uri.length() + limits.maxNameLength() - 1) / limits.maxNameLength()));
            }
        }
    }

    public void endElement() {
        text = 0;
    }

    /** At PROCESSING_INSTRUCTION: its target is a name the parser keeps. */
    public void processingInstruction() throws XmlLimitExceeded {
        name("?", reader.getPITarget());
    }

    /**
     * Text of the current node below the root, outside attachments: the root of every document the
     * engine reads has element content, whose text the validator never keeps (a decompression bomb of
     * blanks there is the ratio guard's); an attachment's text is measured as it streams, never held.
     */
    public void text(int length) throws XmlLimitExceeded {
        if (text == 0) {
            Location location = reader.getLocation();
            textLine = location.getLineNumber();
            textColumn = location.getColumnNumber();
        }
        text += length;
        if (text > limits.maxTextLength()) {
            throw new XmlLimitExceeded(textLine, textColumn, limits.overText("a text node"));
        }
    }

    private void name(String prefix, String local) throws XmlLimitExceeded {
        if (names.computeIfAbsent(prefix == null ? "" : prefix, p -> new HashSet<>()).add(local == null ? "" : local)) {
            count(1);
        }
    }

    private void count(int names) throws XmlLimitExceeded {
        distinct += names;
        if (distinct > limits.maxDistinctNames()) {
            throw here(limits.overDistinctNames());
        }
    }

    private XmlLimitExceeded here(String problem) {
        Location location = reader.getLocation();
        return new XmlLimitExceeded(location.getLineNumber(), location.getColumnNumber(), problem);
    }
}
