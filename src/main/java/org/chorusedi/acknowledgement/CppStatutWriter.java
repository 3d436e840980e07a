package org.chorusedi.acknowledgement;

import java.io.OutputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.chorusedi.decision.FlowStatus;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceOutcome;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.lifecycle.LifeCycleOutcome;
import org.chorusedi.lifecycle.LifeCycleOutcome.Change;
import org.chorusedi.decision.Finding;

/**
 * Writes the acknowledgements in Chorus Pro's own status format, CPPStatut V1_19: the flow report
 * (CPPFluxStatuts) of every flow, the statuses of the delivered invoices (CPPFactureStatuts), and the
 * statuses a life-cycle flow gives invoices, forwarded to the partner that sent them.
 */
public final class CppStatutWriter {

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final String VERSION = "V1_19";
    private static final String MADE_AVAILABLE = "03";
    /** xs:dateTime always with seconds (OffsetDateTime.toString drops zero seconds). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final String enginePartnerCode;

    public CppStatutWriter(String enginePartnerCode) {
        this.enginePartnerCode = enginePartnerCode;
    }

    /** The flow report of an invoice flow: status 92, 96 or 93, with one error line per rejection. */
    public void writeFlowReport(FlowOutcome flow, OutputStream out) throws XMLStreamException {
        writeFlowReport(flow.flowId(), flow.partner(), flow.decidedAt(), flow.status(), comment(flow), flow.allFindings(), out);
    }

    /** The flow report of a life-cycle flow: 92 every line accepted, 96 some, 93 none; one error line per refusal. */
    public void writeFlowReport(LifeCycleOutcome flow, OutputStream out) throws XMLStreamException {
        writeFlowReport(flow.flowId(), flow.partner(), flow.decidedAt(), flow.status(), flow.comment(), flow.allFindings(), out);
    }

    private void writeFlowReport(String flowId, String partner, OffsetDateTime decidedAt, String status, String comment,
                                 List<Finding> findings, OutputStream out) throws XMLStreamException {
        Xml xml = new Xml(out);
        xml.start("CPPStatut").attribute("Version", VERSION);
        envelope(xml, flowId, partner, decidedAt);
        xml.start("CPPFluxStatuts").attribute("compteur", "1");
        xml.start("CPPFluxStatutUnitaire").attribute("NumOrdre", "1");
        xml.start("DonneesStatut");
        xml.leaf("IdStatut", status);
        xml.leaf("ComplementStatut", complement(status));
        xml.leaf("Commentaire", comment);
        xml.leaf("Horodatage", TIMESTAMP.format(decidedAt));
        xml.leaf("IdFlux", flowId);
        if (!findings.isEmpty()) {
            xml.start("Details").attribute("NbLignesErreur", Integer.toString(findings.size()));
            int line = 1;
            for (Finding finding : findings) {
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

    /**
     * The statuses a life-cycle flow gives the invoices of one supplier's partner (forwarded from their
     * recipients, or 03 again after a recycling, 12 after a completion), each with who sent it.
     */
    public void writeForwardedStatuses(LifeCycleOutcome flow, String supplierPartner, List<Change> changes, OutputStream out)
            throws XMLStreamException {
        Xml xml = new Xml(out);
        xml.start("CPPStatut").attribute("Version", VERSION);
        envelope(xml, flow.flowId(), supplierPartner, flow.decidedAt());
        xml.start("CPPFactureStatuts").attribute("compteur", Integer.toString(changes.size()));
        int order = 1;
        for (Change change : changes) {
            InvoiceRow invoice = change.invoice();
            Ledger.Event event = change.event();
            Ledger.Rerouted rerouted = change.rerouted();
            xml.start("CPPFactureStatutUnitaire").attribute("NumOrdre", Integer.toString(order++));
            xml.start("Fournisseur");
            xml.leaf("TypeIdentifiant", Integer.toString(invoice.supplierType()));
            xml.leaf("Identifiant", nonNull(invoice.supplierId()));
            xml.leaf("RaisonSociale", nonNull(invoice.supplierName()));
            xml.end();
            xml.start("Debiteur");
            xml.leaf("TypeIdentifiant", "1");
            xml.leaf("Identifiant", rerouted == null ? invoice.recipient() : rerouted.recipient());
            xml.optionalLeaf("Nom", change.recipientName());
            xml.optionalLeaf("CodeService", rerouted == null ? invoice.serviceCode() : rerouted.serviceCode());
            xml.optionalLeaf("NomService", change.serviceName());
            xml.end();
            xml.start("DonneesStatut");
            xml.leaf("IdStatut", event.status().code());
            xml.leaf("ComplementStatut", event.reason() == null ? event.status().label() : event.reason());
            xml.leaf("Commentaire", "Invoice id " + invoice.invoiceId() + ", from partner " + flow.partner() + ", flow " + flow.flowId()
                    + (event.detail() == null ? "" : ": " + event.detail()));
            xml.leaf("Horodatage", event.statedAt() != null ? event.statedAt() : TIMESTAMP.format(flow.decidedAt()));
            xml.leaf("IdFacture", invoice.number());
            xml.optionalLeaf("DateFacture", isoDateOrNull(invoice.issueDate()));
            xml.optionalLeaf("IdMandatDP", event.mandate());
            xml.end();
            xml.end();
        }
        xml.end().end();
        xml.finish();
    }

    /** The delivered invoices, each with status 03 (made available to the recipient). */
    public void writeInvoiceStatuses(FlowOutcome flow, OutputStream out) throws XMLStreamException {
        List<InvoiceOutcome> delivered = flow.delivered();
        Xml xml = new Xml(out);
        xml.start("CPPStatut").attribute("Version", VERSION);
        envelope(xml, flow.flowId(), flow.partner(), flow.decidedAt());
        xml.start("CPPFactureStatuts").attribute("compteur", Integer.toString(delivered.size()));
        int order = 1;
        for (InvoiceOutcome invoice : delivered) {
            InvoiceKeys keys = invoice.invoice().keys();
            xml.start("CPPFactureStatutUnitaire").attribute("NumOrdre", Integer.toString(order++));
            xml.start("Fournisseur");
            xml.leaf("TypeIdentifiant", Integer.toString(keys.supplierType()));
            xml.leaf("Identifiant", nonNull(keys.supplierId()));
            xml.leaf("RaisonSociale", nonNull(keys.supplierName()));
            xml.optionalLeaf("CodePays", keys.supplierCountry());
            xml.end();
            xml.start("Debiteur");
            xml.leaf("TypeIdentifiant", "1");
            xml.leaf("Identifiant", keys.recipientId());
            xml.optionalLeaf("Nom", invoice.recipientName());
            xml.optionalLeaf("CodeService", keys.serviceCode());
            xml.optionalLeaf("NomService", invoice.serviceName());
            xml.end();
            xml.start("DonneesStatut");
            xml.leaf("IdStatut", MADE_AVAILABLE);
            xml.leaf("ComplementStatut", "Mise à disposition du destinataire");
            xml.leaf("Commentaire", "Invoice id " + invoice.invoiceId() + ", flow " + flow.flowId() + warnings(invoice.warnings()));
            xml.leaf("Horodatage", TIMESTAMP.format(flow.decidedAt()));
            xml.leaf("IdFacture", keys.number());
            xml.optionalLeaf("DateFacture", isoDateOrNull(keys.issueDate()));
            xml.end();
            xml.end();
        }
        xml.end().end();
        xml.finish();
    }

    private void envelope(Xml xml, String flowId, String recipientPartner, OffsetDateTime decidedAt) throws XMLStreamException {
        xml.start("Enveloppe").start("EnveloppeUnitaire").attribute("NumOrdre", "1");
        xml.start("Parametres");
        parameter(xml, "0001", "DtPrd", decidedAt.toLocalDate().toString());
        parameter(xml, "0002", "IdFlx", flowId);
        xml.end();
        xml.start("Partenaires");
        xml.start("Recepteur").leaf("Id", recipientPartner).end();
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

    private static String comment(FlowOutcome flow) {
        if (flow.rejectedAsWhole()) {
            return "File " + flow.fileName() + ": flow rejected as a whole";
        }
        return "File " + flow.fileName() + ": " + flow.invoices().size() + " invoice(s), "
                + flow.deliveredCount() + " delivered, " + (flow.invoices().size() - flow.deliveredCount()) + " rejected";
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

    /** The EN 16931 rules' warnings of a delivered invoice, where its sender reads its status. */
    private static String warnings(List<String> warnings) {
        return warnings.isEmpty() ? "" : "; EN 16931 warnings: " + String.join("; ", warnings);
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
