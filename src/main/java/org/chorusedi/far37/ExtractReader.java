package org.chorusedi.far37;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.chorusedi.directory.Address;
import org.chorusedi.directory.IdentifierType;
import org.chorusedi.directory.ImportError;
import org.chorusedi.directory.ServiceRow;
import org.chorusedi.directory.StructureEntry;
import org.chorusedi.directory.StructureRow;
import org.chorusedi.validation.SecureXml;
import org.xml.sax.SAXException;

/**
 * Reads a FAR37 file in one streaming pass through the hardened parser, feeding every event to the
 * FAR37 schema's validator as it goes: the header, then one structure at a time. A value read is
 * only to be trusted while {@link #valid()}: the caller stops writing at the first error, and
 * reads on only to report more of them. A DOCTYPE or an entity reference ends the reading.
 */
final class ExtractReader implements AutoCloseable {

    // A text longer than any the schema allows is not kept whole: the validator reports it anyway.
    private static final int MAX_KEPT_TEXT = 1024;

    private final XMLStreamReader xml;
    private final SchemaFeed validator;

    ExtractReader(InputStream in, String systemId, int maxSchemaErrors) throws XMLStreamException, SAXException {
        this.xml = SecureXml.open(in, systemId);
        this.validator = new SchemaFeed(Far37Schema.schema(), xml, maxSchemaErrors);
    }

    /** The header; call first. Null when the document ends before it. */
    ExtractHeader header() throws XMLStreamException, SAXException {
        // The root element: only its start tag is read.
        if (!toNextStart()) {
            return null;
        }
        Element entete = nextChild();
        if (entete == null) {
            return null;
        }
        String type = entete.text("TypeExtrait");
        return new ExtractHeader(
                entete.text("Emetteur"),
                entete.text("Abonne"),
                "FULL".equals(type) ? ExtractType.FULL : "DELTA".equals(type) ? ExtractType.DELTA : null,
                number(entete.text("NumeroSequence")),
                instant(entete.text("DateGeneration")),
                instant(entete.text("Depuis")),
                number(entete.text("NombreStructures")));
    }

    /** The next structure with its services, or null at the end of the document. */
    StructureEntry next() throws XMLStreamException, SAXException {
        Element structure = nextChild();
        return structure == null ? null : entry(structure);
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

    /** The next child of the root, read whole; null at the end of the document. */
    private Element nextChild() throws XMLStreamException, SAXException {
        return toNextStart() ? element() : null;
    }

    /** Moves to the next start tag: false at the end of the document. */
    private boolean toNextStart() throws XMLStreamException, SAXException {
        while (xml.hasNext()) {
            if (advance() == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
        }
        return false;
    }

    /** At a start tag: reads the element up to its end tag. */
    private Element element() throws XMLStreamException, SAXException {
        String name = xml.getLocalName();
        StringBuilder text = new StringBuilder();
        List<Element> children = new ArrayList<>();
        while (true) {
            int event = advance();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> children.add(element());
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text.length() < MAX_KEPT_TEXT) {
                        text.append(xml.getTextCharacters(), xml.getTextStart(),
                                Math.min(xml.getTextLength(), MAX_KEPT_TEXT));
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return new Element(name, children.isEmpty() ? text.toString() : null, children);
                }
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
    }

    /** The next event, given to the validator too. DOCTYPEs and entity references are refused. */
    private int advance() throws XMLStreamException, SAXException {
        int event = xml.next();
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> validator.startElement();
            case XMLStreamConstants.END_ELEMENT -> validator.endElement();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                    validator.characters();
            case XMLStreamConstants.DTD -> throw new XMLStreamException("a DOCTYPE is not allowed", xml.getLocation());
            case XMLStreamConstants.ENTITY_REFERENCE ->
                    throw new XMLStreamException("an entity reference is not allowed", xml.getLocation());
            case XMLStreamConstants.END_DOCUMENT -> validator.endDocument();
            default -> {
                // comments and processing instructions are not validated
            }
        }
        return event;
    }

    private StructureEntry entry(Element structure) {
        String identifier = structure.text("Identifiant");
        Element adresse = structure.child("Adresse");
        Address address = adresse == null ? Address.NONE : new Address(adresse.text("Ligne"),
                adresse.text("Complement"), adresse.text("CodePostal"), adresse.text("Ville"), adresse.text("Pays"));
        StructureRow row = new StructureRow(
                identifier == null ? "" : identifier,
                identifierType(structure.text("TypeIdentifiant")),
                structure.text("RaisonSociale"),
                active(structure.text("Statut")),
                bool(structure.text("CodeServiceDoitEtreRenseigne")),
                bool(structure.text("NumeroEJDoitEtreRenseigne")),
                bool(structure.text("GestionNumeroEJOuCodeService")),
                bool(structure.text("StatutMiseEnPaiementNestPasRemonte")),
                bool(structure.text("AvecMOA")),
                bool(structure.text("EstMOAUniquement")),
                address,
                structure.text("IdentifiantStructureOrigine"),
                instant(structure.text("DerniereMaj")));
        List<ServiceRow> services = new ArrayList<>();
        for (Element service : structure.children()) {
            if (service.name().equals("Service")) {
                String code = service.text("CodeService");
                services.add(new ServiceRow(
                        row.identifier(),
                        code == null ? "" : code,
                        service.text("LibelleService"),
                        active(service.text("Statut")),
                        bool(service.text("NumeroEJDoitEtreRenseigne")),
                        date(service.text("DateDebutService")),
                        date(service.text("DateFinService")),
                        instant(service.text("DerniereMaj"))));
            }
        }
        return new StructureEntry(row, services);
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

    /** A small element read whole: its text when it is a leaf, else its children. */
    private record Element(String name, String text, List<Element> children) {

        Element child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst().orElse(null);
        }

        String text(String childName) {
            Element child = child(childName);
            return child == null ? null : child.text;
        }
    }
}
