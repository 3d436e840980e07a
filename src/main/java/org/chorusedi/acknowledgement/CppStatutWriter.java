package org.chorusedi.acknowledgement;

import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.chorusedi.decision.FlowStatus;
import org.chorusedi.decision.Finding;

/**
 * Writes the acknowledgements in Chorus Pro's own status format, CPPStatut V1_19: the flow report
 * (CPPFluxStatuts) of every flow, and the statuses of invoices (CPPFactureStatuts): those an invoice flow
 * delivered, those a life-cycle flow gives invoices, forwarded to the partner that sent them. What each
 * document holds is the flow's pipeline's to say ({@link AcknowledgementDocument}); how it is written, this class's.
 */
public final class CppStatutWriter {

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final String VERSION = "V1_19";
    /** xs:dateTime always with seconds (OffsetDateTime.toString drops zero seconds). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final String enginePartnerCode;

    public CppStatutWriter(String enginePartnerCode) {
        this.enginePartnerCode = enginePartnerCode;
    }

    /** Writes the document in CPPStatut V1_19: the one way every acknowledgement is written. */
    public void write(AcknowledgementDocument document, OutputStream out) throws XMLStreamException {
        if (document instanceof FlowReport report) {
            writeFlowReport(report, out);
        } else if (document instanceof InvoiceStatuses statuses) {
            writeInvoiceStatuses(statuses, out);
        }
    }

    private void writeFlowReport(FlowReport report, OutputStream out) throws XMLStreamException {
        Xml xml = new Xml(out);
        xml.start("CPPStatut").attribute("Version", VERSION);
        envelope(xml, report);
        xml.start("CPPFluxStatuts").attribute("compteur", "1");
        xml.start("CPPFluxStatutUnitaire").attribute("NumOrdre", "1");
        xml.start("DonneesStatut");
        xml.leaf("IdStatut", report.status());
        xml.leaf("ComplementStatut", complement(report.status()));
        xml.leaf("Commentaire", report.comment());
        xml.leaf("Horodatage", TIMESTAMP.format(report.decidedAt()));
        xml.leaf("IdFlux", report.flowId());
        if (!report.findings().isEmpty()) {
            xml.start("Details").attribute("NbLignesErreur", Integer.toString(report.findings().size()));
            int line = 1;
            for (Finding finding : report.findings()) {
                xml.start("LigneErreurDetail").attribute("IdLigne", Integer.toString(line++));
                xml.leaf("NatureErreur", finding.code().nature().name());
                xml.leaf("CodeErreur", finding.code().name());
                xml.leaf("LibelleErreur", finding.code().label());
                xml.leaf("DescriptionErreur", finding.description());
                xml.end();
            }
            xml.end();
        }
        xml.end().end().end().end();
        xml.finish();
    }

    private void writeInvoiceStatuses(InvoiceStatuses statuses, OutputStream out) throws XMLStreamException {
        Xml xml = new Xml(out);
        xml.start("CPPStatut").attribute("Version", VERSION);
        envelope(xml, statuses);
        xml.start("CPPFactureStatuts").attribute("compteur", Integer.toString(statuses.lines().size()));
        int order = 1;
        for (InvoiceStatuses.Line line : statuses.lines()) {
            xml.start("CPPFactureStatutUnitaire").attribute("NumOrdre", Integer.toString(order++));
            xml.start("Fournisseur");
            xml.leaf("TypeIdentifiant", Integer.toString(line.supplierType()));
            xml.leaf("Identifiant", nonNull(line.supplierId()));
            xml.leaf("RaisonSociale", nonNull(line.supplierName()));
            xml.optionalLeaf("CodePays", line.supplierCountry());
            xml.end();
            xml.start("Debiteur");
            xml.leaf("TypeIdentifiant", "1");
            xml.leaf("Identifiant", line.recipientId());
            xml.optionalLeaf("Nom", line.recipientName());
            xml.optionalLeaf("CodeService", line.serviceCode());
            xml.optionalLeaf("NomService", line.serviceName());
            xml.end();
            xml.start("DonneesStatut");
            xml.leaf("IdStatut", line.status());
            xml.leaf("ComplementStatut", line.complement());
            xml.leaf("Commentaire", line.comment());
            xml.leaf("Horodatage", line.statedAt() != null ? line.statedAt() : TIMESTAMP.format(statuses.decidedAt()));
            xml.leaf("IdFacture", line.number());
            xml.optionalLeaf("DateFacture", isoDateOrNull(line.issueDate()));
            xml.optionalLeaf("IdMandatDP", line.mandate());
            xml.end();
            xml.end();
        }
        xml.end().end();
        xml.finish();
    }

    private void envelope(Xml xml, AcknowledgementDocument document) throws XMLStreamException {
        xml.start("Enveloppe").start("EnveloppeUnitaire").attribute("NumOrdre", "1");
        xml.start("Parametres");
        parameter(xml, "0001", "DtPrd", document.decidedAt().toLocalDate().toString());
        parameter(xml, "0002", "IdFlx", document.flowId());
        xml.end();
        xml.start("Partenaires");
        xml.start("Recepteur").leaf("Id", document.partner()).end();
        xml.start("Emetteur").leaf("Id", enginePartnerCode).end();
        xml.end();
        xml.end().end();
    }

    private static void parameter(Xml xml, String order, String code, String value) throws XMLStreamException {
        xml.start("ParametreIndiv").attribute("NumOrdre", order);
        xml.leaf("Code", code);
        xml.leaf("Valeurparametre", value);
        xml.end();
    }

    private static String complement(String status) {
        return FlowStatus.ofCode(status).orElse(FlowStatus.REJECTED).complement();
    }

    /**
     * Text an XML document can hold: a sender's file name or content may carry characters XML 1.0
     * forbids (control characters, lone surrogates); they are written as \\uXXXX.
     */
    static String xmlSafe(String text) {
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xd800) || (c >= 0xe000 && c < 0xfffe)
                    || (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (!allowed && safe == null) {
                safe = new StringBuilder(text.substring(0, i));
            }
            if (safe != null) {
                safe.append(allowed ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
        }
        return safe == null ? text : safe.toString();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String isoDateOrNull(String date) {
        if (date == null) {
            return null;
        }
        try {
            return LocalDate.parse(date.length() > 10 ? date.substring(0, 10) : date, DateTimeFormatter.ISO_LOCAL_DATE).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A small indenting writer: acknowledgements are read by operators as well as by programs. */
    private static final class Xml {
        private final XMLStreamWriter writer;
        private int depth;

        Xml(OutputStream out) throws XMLStreamException {
            writer = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
        }

        Xml start(String name) throws XMLStreamException {
            newline();
            writer.writeStartElement(name);
            depth++;
            return this;
        }

        Xml attribute(String name, String value) throws XMLStreamException {
            writer.writeAttribute(name, xmlSafe(value));
            return this;
        }

        Xml leaf(String name, String text) throws XMLStreamException {
            newline();
            writer.writeStartElement(name);
            writer.writeCharacters(xmlSafe(text));
            writer.writeEndElement();
            return this;
        }

        Xml optionalLeaf(String name, String text) throws XMLStreamException {
            return text == null ? this : leaf(name, text);
        }

        Xml end() throws XMLStreamException {
            depth--;
            newline();
            writer.writeEndElement();
            return this;
        }

        void finish() throws XMLStreamException {
            writer.writeCharacters("\n");
            writer.writeEndDocument();
            writer.flush();
        }

        private void newline() throws XMLStreamException {
            writer.writeCharacters("\n" + "  ".repeat(depth));
        }
    }
}
