package org.chorusedi.far37;

import com.ctc.wstx.stax.WstxOutputFactory;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.chorusedi.directory.Address;
import org.chorusedi.directory.ServiceRow;
import org.chorusedi.directory.StructureEntry;
import org.chorusedi.directory.StructureRow;

/**
 * Writes one FAR37 extract (schemas/far37-1.0.xsd) as a stream: the header, then each structure as
 * it is given, one element per line. Woodstox escapes carriage returns, so every text comes back
 * unchanged when the extract is read, and refuses characters XML cannot carry.
 */
final class ExtractWriter {

    private static final XMLOutputFactory FACTORY = new WstxOutputFactory();
    private static final char[] INDENT = "\n                ".toCharArray();

    private final XMLStreamWriter xml;
    private final long announced;
    private long written;

    /** Writes the XML declaration and the header; the caller owns {@code out} and closes it. */
    ExtractWriter(OutputStream out, ExtractHeader header) throws XMLStreamException {
        this.xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
        this.announced = header.count();
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("FAR37");
        xml.writeDefaultNamespace(Far37Schema.NAMESPACE);
        start(1, "Entete");
        leaf(2, "Emetteur", header.emitter());
        leaf(2, "Abonne", header.subscriber());
        leaf(2, "TypeExtrait", header.type().name());
        leaf(2, "NumeroSequence", Long.toString(header.sequence()));
        leaf(2, "DateGeneration", header.generated());
        leaf(2, "Depuis", header.since());
        leaf(2, "NombreStructures", Long.toString(header.count()));
        end(1);
    }

    void write(StructureEntry entry) throws XMLStreamException {
        try {
            writeStructure(entry);
        } catch (XMLStreamException e) {
            throw new XMLStreamException("structure " + entry.structure().identifier() + ": " + e.getMessage(), e);
        }
        written++;
    }

    private void writeStructure(StructureEntry entry) throws XMLStreamException {
        StructureRow structure = entry.structure();
        start(1, "Structure");
        leaf(2, "Identifiant", structure.identifier());
        leaf(2, "TypeIdentifiant", structure.identifierType().name());
        leaf(2, "RaisonSociale", structure.name());
        leaf(2, "Statut", status(structure.active()));
        leaf(2, "CodeServiceDoitEtreRenseigne", structure.serviceCodeRequired());
        leaf(2, "NumeroEJDoitEtreRenseigne", structure.engagementRequired());
        leaf(2, "GestionNumeroEJOuCodeService", structure.engagementOrServiceCodeRequired());
        leaf(2, "StatutMiseEnPaiementNestPasRemonte", structure.paymentStatusNotReported());
        leaf(2, "AvecMOA", structure.moa());
        leaf(2, "EstMOAUniquement", structure.moaOnly());
        Address address = structure.address();
        if (!address.isNone()) {
            start(2, "Adresse");
            leaf(3, "Ligne", address.line());
            leaf(3, "Complement", address.complement());
            leaf(3, "CodePostal", address.postalCode());
            leaf(3, "Ville", address.city());
            leaf(3, "Pays", address.countryCode());
            end(2);
        }
        leaf(2, "IdentifiantStructureOrigine", structure.copiedFrom());
        leaf(2, "DerniereMaj", structure.lastModified());
        for (ServiceRow service : entry.services()) {
            start(2, "Service");
            leaf(3, "CodeService", service.code());
            leaf(3, "LibelleService", service.name());
            leaf(3, "Statut", status(service.active()));
            leaf(3, "NumeroEJDoitEtreRenseigne", service.engagementRequired());
            leaf(3, "DateDebutService", service.startDate());
            leaf(3, "DateFinService", service.endDate());
            leaf(3, "DerniereMaj", service.lastModified());
            end(2);
        }
        end(1);
    }

    /** Ends the document and flushes it; fails when the structures written are not the count announced. */
    void finish() throws XMLStreamException {
        if (written != announced) {
            throw new XMLStreamException("the header announces " + announced + " structures, " + written
                    + " were written: the directory changed under the extract");
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.flush();
    }

    private void start(int depth, String name) throws XMLStreamException {
        xml.writeCharacters(INDENT, 0, 1 + 2 * depth);
        xml.writeStartElement(name);
    }

    private void end(int depth) throws XMLStreamException {
        xml.writeCharacters(INDENT, 0, 1 + 2 * depth);
        xml.writeEndElement();
    }

    /** An element holding a value; nothing when the value is null (an optional element left out). */
    private void leaf(int depth, String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeCharacters(INDENT, 0, 1 + 2 * depth);
            xml.writeStartElement(name);
            xml.writeCharacters(value);
            xml.writeEndElement();
        }
    }

    private void leaf(int depth, String name, boolean value) throws XMLStreamException {
        leaf(depth, name, value ? "true" : "false");
    }

    private void leaf(int depth, String name, Instant value) throws XMLStreamException {
        leaf(depth, name, value == null ? null : value.toString());
    }

    private void leaf(int depth, String name, LocalDate value) throws XMLStreamException {
        leaf(depth, name, value == null ? null : value.toString());
    }

    private static String status(boolean active) {
        return active ? "ACTIF" : "INACTIF";
    }
}
