package org.chorusedi.lifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.lifecycle.request.Complement;
import org.chorusedi.lifecycle.request.DemandeComplement;
import org.chorusedi.lifecycle.request.DemandeRecyclage;
import org.chorusedi.lifecycle.request.Facture;
import org.chorusedi.lifecycle.request.PieceJointe;
import org.chorusedi.lifecycle.request.Recyclage;

/**
 * The operator's way to recycle or complete an invoice ({@code invoice recycle}, {@code invoice complete}):
 * the request its supplier's partner would send, written into that partner's drop directory (aside, then
 * renamed), where the engine decides it like any flow, with the same code.
 */
public final class Requests {

    private Requests() {
    }

    /** A recycling of this invoice to new routing keys (service code and EJ may be null: none). */
    public static DemandeRecyclage recycling(InvoiceRow invoice, String recipient, String serviceCode, String engagement) {
        Recyclage recycling = new Recyclage();
        recycling.setFacture(named(invoice));
        recycling.setDestinataire(recipient);
        recycling.setCodeService(serviceCode);
        recycling.setEngagementJuridique(engagement);
        DemandeRecyclage request = new DemandeRecyclage();
        request.getRecyclage().add(recycling);
        return request;
    }

    /** A completion of this invoice with these files as attachments (named as the files are), each at most 10 MB. */
    public static DemandeComplement completion(InvoiceRow invoice, List<Path> files) throws IOException {
        Complement completion = new Complement();
        completion.setFacture(named(invoice));
        for (Path file : files) {
            PieceJointe attachment = new PieceJointe();
            attachment.setNom(file.getFileName().toString());
            String type = Files.probeContentType(file);
            attachment.setTypeMime(type);
            // Read whole (the request is a small document): invoice complete refused a file over 10 MB before.
            attachment.setContenu(Files.readAllBytes(file));
            completion.getPieceJointe().add(attachment);
        }
        DemandeComplement request = new DemandeComplement();
        request.getComplement().add(completion);
        return request;
    }

    /**
     * Writes a request into a drop directory as a sender must: aside under a {@code .part} name, then renamed.
     *
     * @return the file written
     */
    public static Path drop(Object request, Path dropDirectory, String name) throws IOException {
        Files.createDirectories(dropDirectory);
        Path aside = dropDirectory.resolve(name + ".part");
        try (OutputStream out = Files.newOutputStream(aside)) {
            Marshaller marshaller = JAXBContext.newInstance(request.getClass()).createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.marshal(request, out);
        } catch (JAXBException e) {
            throw new IOException("cannot write the request: " + e, e);
        }
        return Files.move(aside, dropDirectory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Facture named(InvoiceRow invoice) {
        Facture facture = new Facture();
        facture.setFournisseur(invoice.supplierId());
        facture.setNumeroFacture(invoice.number());
        facture.setDateFacture(date(LocalDate.parse(invoice.issueDate().substring(0, 10))));
        return facture;
    }

    private static XMLGregorianCalendar date(LocalDate date) {
        try {
            return DatatypeFactory.newInstance().newXMLGregorianCalendarDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth(),
                    DatatypeConstants.FIELD_UNDEFINED);
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("every JVM has a DatatypeFactory", e);
        }
    }
}
