package org.chorusedi.far37;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.chorusedi.directory.Address;
import org.chorusedi.directory.IdentifierType;
import org.chorusedi.directory.ImportError;
import org.chorusedi.directory.ImportLimits;
import org.chorusedi.directory.ServiceRow;
import org.chorusedi.directory.StructureEntry;
import org.chorusedi.directory.StructureRow;
import org.chorusedi.validation.DocumentLimits;
import org.chorusedi.validation.SecureXml;
import org.chorusedi.validation.XmlLimitExceeded;
import org.chorusedi.validation.XmlLimits;
import org.xml.sax.SAXException;

/**
 * Reads a FAR37 file in one streaming pass through the hardened parser, feeding every event to the
 * FAR37 schema's validator as it goes: the header, then one structure at a time, its services one
 * by one. A value read is only to be trusted while {@link #valid()}: the caller stops writing at the
 * first error, and reads on only to report more of them. What a structure may hold is bounded, so
 * that any file is read in bounded memory: its services (chorus.directory.max-services-per-structure),
 * the values of each element, each text; what the parser would keep whole (comments, processing
 * instructions, names, distinct names) is held to the engine's {@link XmlLimits}, as in a flow. A
 * DOCTYPE, an entity reference, an element where a value is expected, or an attribute below the root
 * ends the reading.
 */
final class ExtractReader implements AutoCloseable {

    /**
     * Longer than any text the schema allows (255 characters), which the validator then reports. Far below
     * chorus.xml.max-text-length, which bounds a flow's text nodes: a structure's values are all held until
     * it ends, up to 14 for each of its thousands of services.
     */
    static final int MAX_TEXT = 1024;
    // The values of one element (a header, a structure's own, an address, a service): the schema has 14 at most.
    private static final int MAX_VALUES = 32;

    private final XMLStreamReader xml;
    private final DocumentLimits names;
    private final SchemaFeed validator;
    private final int maxServices;
    private int depth;
    // Characters since the last tag: the validator keeps a value's text whole, so it is bounded here first.
    private long text;

    ExtractReader(InputStream in, String systemId, ImportLimits limits) throws XMLStreamException, SAXException {
        this.xml = SecureXml.open(in, systemId, limits.xml());
        this.names = new DocumentLimits(limits.xml(), xml);
        this.validator = new SchemaFeed(Far37Schema.schema(), xml, limits.maxErrors());
        this.maxServices = limits.maxServicesPerStructure();
    }

    /** The header; call first. Null when the document ends before it. */
    ExtractHeader header() throws XMLStreamException, SAXException {
        // The root element, then its first child.
        if (!nextChild() || !nextChild()) {
            return null;
        }
        Map<String, String> entete = values();
        String type = entete.get("TypeExtrait");
        return new ExtractHeader(
                entete.get("Emetteur"),
                entete.get("Abonne"),
                "FULL".equals(type) ? ExtractType.FULL : "DELTA".equals(type) ? ExtractType.DELTA : null,
                number(entete.get("NumeroSequence")),
                instant(entete.get("DateGeneration")),
                instant(entete.get("Depuis")),
                number(entete.get("NombreStructures")));
    }

    /** The next structure with its services, or null at the end of the document. */
    StructureEntry next() throws XMLStreamException, SAXException {
        if (!nextChild()) {
            finish();
            return null;
        }
        if (!xml.getLocalName().equals("Structure")) {
            // Any other name would be read on, each new one kept by the parser.
            throw new XMLStreamException("element " + xml.getLocalName() + " where a Structure is expected",
                    xml.getLocation());
        }
        Map<String, String> own = new HashMap<>();
        Map<String, String> address = null;
        List<Map<String, String>> services = new ArrayList<>();
        int serviceCount = 0;
        int others = 0;
        while (nextChild()) {
            String name = xml.getLocalName();
            if (name.equals("Service")) {
                if (++serviceCount > maxServices) {
                    throw new XMLStreamException("structure " + own.get("Identifiant") + " has more than " + maxServices
                            + " services (chorus.directory.max-services-per-structure)", xml.getLocation());
                }
                Map<String, String> service = values();
                // Once the file is known to be bad, nothing of it is written: its services need not be kept.
                if (valid()) {
                    services.add(service);
                }
            } else {
                checkCount(++others);
                if (name.equals("Adresse")) {
                    address = values();
                } else {
                    value(own, name);
                }
            }
        }
        return entry(own, address, services);
    }

    /** No schema error so far. */
    boolean valid() {
        return validator.errors().isEmpty();
    }

    /** Enough schema errors are known: reading further would only find more of the same. */
    boolean full() {
        return validator.full();
    }

    /** The line the parser is at. */
    long line() {
        return xml.getLocation().getLineNumber();
    }

    /** The schema errors, in the order of their lines. */
    List<ImportError> errors() {
        return validator.errors();
    }

    @Override
    public void close() throws XMLStreamException {
        xml.close();
    }

    /**
     * Moves to the next child of the current element: true at its start tag; false at the end tag
     * of the current element, or once enough schema errors are known.
     */
    private boolean nextChild() throws XMLStreamException, SAXException {
        while (!full() && xml.hasNext()) {
            switch (advance()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    return true;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return false;
                }
                default -> {
                    // text between elements, comments and processing instructions carry nothing
                }
            }
        }
        return false;
    }

    /** After the root: the rest of the document, for the validator's end. */
    private void finish() throws XMLStreamException, SAXException {
        while (!full() && xml.hasNext()) {
            advance();
        }
    }

    /** At a start tag: the element's children up to its end tag, each a value. */
    private Map<String, String> values() throws XMLStreamException, SAXException {
        Map<String, String> values = new HashMap<>();
        int count = 0;
        while (nextChild()) {
            checkCount(++count);
            value(values, xml.getLocalName());
        }
        return values;
    }

    /** Each child is read on, even once the schema has found one too many: so their count is bounded here. */
    private void checkCount(int children) throws XMLStreamException {
        if (children > MAX_VALUES) {
            throw new XMLStreamException("more than " + MAX_VALUES + " elements where a FAR37 element has 14 at most",
                    xml.getLocation());
        }
    }

    /** At a child's start tag: reads its text up to its end tag, into the values of its parent. */
    private void value(Map<String, String> values, String name) throws XMLStreamException, SAXException {
        StringBuilder value = new StringBuilder();
        while (true) {
            switch (advance()) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        value.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                case XMLStreamConstants.START_ELEMENT -> throw new XMLStreamException("element " + xml.getLocalName()
                        + " inside " + name + ", where a value is expected", xml.getLocation());
                case XMLStreamConstants.END_ELEMENT -> {
                    values.putIfAbsent(name, value.toString());
                    return;
                }
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
    }

    /** The next event, given to the validator too, after the checks that keep what it holds bounded. */
    private int advance() throws XMLStreamException, SAXException {
        int event = xml.next();
        try {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    text = 0;
                    if (++depth > 1 && (xml.getAttributeCount() > 0 || declaresOtherNamespace())) {
                        throw new XMLStreamException("element " + xml.getLocalName() + " carries attributes or namespaces,"
                                + " which a FAR37 extract has on its root only", xml.getLocation());
                    }
                    names.startElement();
                    validator.startElement();
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    text = 0;
                    depth--;
                    validator.endElement();
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    text += xml.getTextLength();
                    if (text > MAX_TEXT) {
                        throw new XMLStreamException("a text longer than " + MAX_TEXT + " characters", xml.getLocation());
                    }
                    validator.characters();
                }
                case XMLStreamConstants.DTD -> throw new XMLStreamException("a DOCTYPE is not allowed", xml.getLocation());
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new XMLStreamException("an entity reference is not allowed", xml.getLocation());
                case XMLStreamConstants.END_DOCUMENT -> validator.endDocument();
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> names.processingInstruction();
                default -> {
                    // comments are not validated (their length is the parser's guard's)
                }
            }
        } catch (XmlLimitExceeded e) {
            // nested in the parser's exception, as the parser hands on a limit met below it
            throw new XMLStreamException(e.getMessage(), xml.getLocation(), e);
        }
        return event;
    }

    /** Below the root, only the FAR37 namespace may be declared again, as the default (new names would pile up in the parser). */
    private boolean declaresOtherNamespace() {
        for (int i = 0; i < xml.getNamespaceCount(); i++) {
            String prefix = xml.getNamespacePrefix(i);
            if (!Far37Schema.NAMESPACE.equals(xml.getNamespaceURI(i)) || (prefix != null && !prefix.isEmpty())) {
                return true;
            }
        }
        return false;
    }

    private static StructureEntry entry(Map<String, String> own, Map<String, String> address,
            List<Map<String, String>> services) {
        String identifier = own.getOrDefault("Identifiant", "");
        StructureRow row = new StructureRow(
                identifier,
                identifierType(own.get("TypeIdentifiant")),
                own.get("RaisonSociale"),
                active(own.get("Statut")),
                bool(own.get("CodeServiceDoitEtreRenseigne")),
                bool(own.get("NumeroEJDoitEtreRenseigne")),
                bool(own.get("GestionNumeroEJOuCodeService")),
                bool(own.get("StatutMiseEnPaiementNestPasRemonte")),
                bool(own.get("AvecMOA")),
                bool(own.get("EstMOAUniquement")),
                address == null ? Address.NONE : new Address(address.get("Ligne"), address.get("Complement"),
                        address.get("CodePostal"), address.get("Ville"), address.get("Pays")),
                own.get("IdentifiantStructureOrigine"),
                instant(own.get("DerniereMaj")));
        List<ServiceRow> rows = new ArrayList<>(services.size());
        for (Map<String, String> service : services) {
            rows.add(new ServiceRow(
                    identifier,
                    service.getOrDefault("CodeService", ""),
                    service.get("LibelleService"),
                    active(service.get("Statut")),
                    bool(service.get("NumeroEJDoitEtreRenseigne")),
                    date(service.get("DateDebutService")),
                    date(service.get("DateFinService")),
                    instant(service.get("DerniereMaj"))));
        }
        return new StructureEntry(row, rows);
    }

    // The parsers below read what the schema allows (xs:boolean, xs:dateTime, ... with their
    // surrounding white space); anything else is a schema error already, and reads as a default.

    private static boolean bool(String value) {
        String v = value == null ? "" : value.strip();
        return v.equals("true") || v.equals("1");
    }

    private static boolean active(String value) {
        return value != null && value.equals("ACTIF");
    }

    private static IdentifierType identifierType(String value) {
        try {
            return IdentifierType.valueOf(value == null ? "" : value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return IdentifierType.SIRET;
        }
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
