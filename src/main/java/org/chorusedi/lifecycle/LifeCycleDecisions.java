package org.chorusedi.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.datatype.XMLGregorianCalendar;
import org.chorusedi.config.Folders;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.Service;
import org.chorusedi.directory.Structure;
import org.chorusedi.flow.AttachmentRules;
import org.chorusedi.flow.FlowEvaluator;
import org.chorusedi.flow.InvoiceRead;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.Ledger.Event;
import org.chorusedi.lifecycle.LifeCycleOutcome.Attachment;
import org.chorusedi.lifecycle.LifeCycleOutcome.Change;
import org.chorusedi.lifecycle.LifeCycleReader.Read;
import org.chorusedi.lifecycle.cppstatut.CPPStatut;
import org.chorusedi.lifecycle.cppstatut.DonneesStatutFacture;
import org.chorusedi.lifecycle.cppstatut.FactureStatutUnitaire;
import org.chorusedi.lifecycle.request.Complement;
import org.chorusedi.lifecycle.request.DemandeComplement;
import org.chorusedi.lifecycle.request.DemandeRecyclage;
import org.chorusedi.lifecycle.request.Facture;
import org.chorusedi.lifecycle.request.PieceJointe;
import org.chorusedi.lifecycle.request.Recyclage;
import org.chorusedi.decision.Finding;
import org.chorusedi.controls.InvoiceCheck;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.controls.RoutingControls;
import org.chorusedi.decision.InvoiceStatus;

/**
 * Decides each line of a life-cycle flow on its own, against the ledger as it stands: a recipient's
 * status, a supplier's recycling, a supplier's completion (docs/partners/life-cycle.md). Called while
 * no other flow commits, so that what a line finds is what it changes; lines of one flow see the changes
 * of the lines before them.
 */
public final class LifeCycleDecisions {

    private final LedgerQueries ledger;
    private final DirectoryLookup directory;
    private final RoutingControls controls;
    private final Connections connections;
    private final Folders folders;
    private final FlowEvaluator evaluator;

    /**
     * @param evaluator reads an archived flow again, for a recycled invoice whose recipient already took its file
     */
    public LifeCycleDecisions(LedgerQueries ledger, DirectoryLookup directory, RoutingControls controls, Connections connections,
                              Folders folders, FlowEvaluator evaluator) {
        this.ledger = ledger;
        this.directory = directory;
        this.controls = controls;
        this.connections = connections;
        this.folders = folders;
        this.evaluator = evaluator;
    }

    /**
     * @param staging the flow's staging folder: an invoice read again from its archived flow is staged below it
     */
    public LifeCycleOutcome decide(String flowId, String partner, String fileName, long size, String sha256, Read read,
                                   Path staging) throws IOException {
        OffsetDateTime now = OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS);
        if (read.rejection() != null) {
            return new LifeCycleOutcome(flowId, read.kind(), partner, fileName, size, sha256, now, List.of(read.rejection()), 0, 0,
                    List.of(), List.of());
        }
        Lines lines = new Lines(flowId, partner, now, staging);
        switch (read.kind()) {
            case STATUSES -> {
                for (FactureStatutUnitaire line : ((CPPStatut) read.document()).getCPPFactureStatuts().getCPPFactureStatutUnitaire()) {
                    lines.status(line);
                }
            }
            case RECYCLING -> {
                for (Recyclage request : ((DemandeRecyclage) read.document()).getRecyclage()) {
                    lines.recycling(request);
                }
            }
            case COMPLETION -> ((DemandeComplement) read.document()).getComplement().forEach(lines::completion);
        }
        return new LifeCycleOutcome(flowId, read.kind(), partner, fileName, size, sha256, now, List.of(), lines.count, lines.refused,
                lines.refusals, lines.changes);
    }

    /** The lines of one flow, decided in order. */
    private final class Lines {
        private final String flowId;
        private final String partner;
        private final OffsetDateTime now;
        private final Path staging;
        /** Invoices as the lines before have left them. */
        private final Map<String, InvoiceRow> changed = new HashMap<>();
        private final List<Finding> refusals = new ArrayList<>();
        private final List<Change> changes = new ArrayList<>();
        private int count;
        private int refused;

        Lines(String flowId, String partner, OffsetDateTime now, Path staging) {
            this.flowId = flowId;
            this.partner = partner;
            this.now = now;
            this.staging = staging;
        }

        void status(FactureStatutUnitaire line) throws IOException {
            count++;
            DonneesStatutFacture data = line.getDonneesStatut();
            String supplier = line.getFournisseur().getIdentifiant();
            String recipient = line.getDebiteur().getIdentifiant();
            String where = "status " + count + " (" + data.getIdStatut() + ", invoice " + data.getIdFacture() + " of supplier " + supplier + ")";
            // The connection first: a partner learns nothing of the invoices of structures it is not connected to.
            if (!connections.receives(partner, recipient)) {
                refuse(ReasonCode.S02, where + ": partner " + partner + " is not connected in reception to " + recipient);
                return;
            }
            Optional<InvoiceRow> found = invoice(where, supplier, data.getIdFacture(), date(data.getDateFacture()), recipient, null);
            if (found.isEmpty()) {
                return;
            }
            InvoiceRow invoice = found.get();
            // The line names the party that answers the invoice first (its validator, a works draft's MOE, an MOE's
            // statement's MOA): that party's answer only.
            boolean fromValidator = recipient.equals(invoice.validator());
            InvoiceStatus waiting = fromValidator ? invoice.firstStatus() : null;
            Optional<InvoiceStatus> wanted = InvoiceStatus.of(data.getIdStatut())
                    .filter((fromValidator ? Transitions.answers(waiting) : Transitions.FROM_RECIPIENTS)::contains);
            if (wanted.isEmpty()) {
                refuse(ReasonCode.S07, where + (fromValidator ? ": " + answerer(waiting) + " sends "
                        + Transitions.answers(waiting).stream().map(InvoiceStatus::code).toList() + " only"
                        + (waiting == InvoiceStatus.A_VALIDER_1 ? "" : ": it accepts it by depositing its own statement")
                        : ": a recipient sends 04 to 11 only"));
                return;
            }
            InvoiceStatus to = wanted.get();
            if (invoice.status() == to || invoice.hadSinceDelivery(to)
                    || fromValidator && invoice.history().stream().anyMatch(e -> e.status() == to)) {
                return; // sent again: already so, nothing changes
            }
            if (fromValidator && !invoice.withValidator()) {
                refuse(ReasonCode.S03, where + ": its validator approved it (14): it is its recipient's now, " + invoice.status());
                return;
            }
            if (!Transitions.allowed(invoice.status(), to)) {
                refuse(ReasonCode.S03, where + ": the invoice is " + invoice.status() + ", " + Transitions.allowedFrom(invoice.status()));
                return;
            }
            String reason = blankToNull(data.getComplementStatut());
            String mandate = blankToNull(data.getIdMandatDP());
            boolean refusal = to == InvoiceStatus.REFUSEE_MOE || to == InvoiceStatus.REFUSEE_MOA;
            if ((to == InvoiceStatus.REJETEE || to == InvoiceStatus.SUSPENDUE || to == InvoiceStatus.REFUSEE_1 || refusal) && reason == null) {
                refuse(ReasonCode.S04, where + ": " + to + " needs its reason in ComplementStatut");
                return;
            }
            if (refusal && AmountError.named(reason)) {
                refuse(ReasonCode.S09, where + ": '" + reason + "' is an amount error, which is no reason to refuse a works statement"
                        + " (CCAG Travaux, sums admitted): answer it with your own statement (" + (to == InvoiceStatus.REFUSEE_MOE
                        ? "A15 to A18" : "A19 or A20") + ") with the amounts you admit");
                return;
            }
            if (to == InvoiceStatus.MANDATEE && mandate == null) {
                refuse(ReasonCode.S05, where + ": " + to + " needs the mandate number in IdMandatDP");
                return;
            }
            Optional<Structure> structure = directory.structure(invoice.recipient());
            if (to == InvoiceStatus.MISE_EN_PAIEMENT && structure.map(Structure::paymentStatusNotReported).orElse(false)) {
                refuse(ReasonCode.S06, where + ": structure " + invoice.recipient() + " does not report payment"
                        + " (statut_mise_en_paiement_non_remonte)");
                return;
            }
            String stated = data.getHorodatage() == null ? null : data.getHorodatage().toXMLFormat();
            Event event = new Event(invoice.invoiceId(), invoice.availableTo(), to, now, stated, flowId, partner, reason, mandate, null);
            accept(new Change(invoice, event, null, fromValidator ? null : structure.map(Structure::name).orElse(null), null, null,
                    List.of(), List.of()));
            if (to == InvoiceStatus.VALIDEE_1) {
                delivered(where, changed.get(invoice.invoiceId()), structure);
            }
        }

        /**
         * An invoice its validator approved, delivered to its own recipient as a recycling delivers (taken back from the
         * validator's outbox, its bytes read again from its archived flow), and made available there: 03.
         */
        private void delivered(String where, InvoiceRow approved, Optional<Structure> recipient) throws IOException {
            Path outbox = folders.outbox(approved.recipient(), approved.serviceCode()).resolve(approved.invoiceId() + ".xml");
            Path source = bytesOf(approved);
            if (source == null) {
                // The engine's own copy is gone (an operator moved the archive): tried again, then parked with this reason.
                throw new IOException(where + ": the invoice cannot be read again from its archived flow " + approved.flowKeptAs());
            }
            Event event = new Event(approved.invoiceId(), approved.recipient(), InvoiceStatus.MISE_A_DISPOSITION, now, null, flowId,
                    partner, null, null, "validated by " + approved.validator());
            accept(new Change(approved, event, new Ledger.Rerouted(approved.invoiceId(), approved.recipient(), approved.serviceCode(),
                    approved.engagement(), outbox), recipient.map(Structure::name).orElse(null),
                    approved.serviceCode() == null ? null
                            : directory.service(approved.recipient(), approved.serviceCode()).map(Service::name).orElse(null),
                    source, List.of(), List.of()));
        }

        void recycling(Recyclage request) throws IOException {
            count++;
            Facture named = request.getFacture();
            String where = "recycling " + count + " (invoice " + named.getNumeroFacture() + " of supplier " + named.getFournisseur() + ")";
            Optional<InvoiceRow> found = invoice(where, named.getFournisseur(), named.getNumeroFacture(),
                    date(named.getDateFacture()), null, partner);
            if (found.isEmpty() || !in(where, found.get(), InvoiceStatus.A_RECYCLER, "recycled")) {
                return;
            }
            InvoiceRow invoice = found.get();
            String serviceCode = blankToNull(request.getCodeService());
            String engagement = blankToNull(request.getEngagementJuridique());
            InvoiceKeys keys = new InvoiceKeys(invoice.number(), invoice.issueDate(), null, invoice.supplierId(), invoice.supplierType(),
                    null, invoice.supplierName(), request.getDestinataire(), null, serviceCode, engagement, invoice.framework().name(),
                    null, invoice.market(), null, false);
            InvoiceCheck check = controls.checkRoutingKeys(keys, partner, directory);
            if (!check.findings().isEmpty()) {
                refused++;
                check.findings().forEach(f -> refusals.add(new Finding(f.code(), where + ": " + f.description())));
                return;
            }
            Path outbox = folders.outbox(keys.recipientId(), serviceCode).resolve(invoice.invoiceId() + ".xml");
            Path source = outbox.equals(invoice.outbox()) ? null : bytesOf(invoice);
            if (source == null && !outbox.equals(invoice.outbox())) {
                // The engine's own copy is gone (an operator moved the archive): tried again, then parked with this reason.
                throw new IOException(where + ": the invoice cannot be read again from its archived flow " + invoice.flowKeptAs());
            }
            String detail = "recycled from " + keysText(invoice.recipient(), invoice.serviceCode(), invoice.engagement())
                    + " to " + keysText(keys.recipientId(), serviceCode, engagement);
            Event event = new Event(invoice.invoiceId(), keys.recipientId(), InvoiceStatus.MISE_A_DISPOSITION, now, null, flowId, partner,
                    null, null, detail);
            accept(new Change(invoice, event, new Ledger.Rerouted(invoice.invoiceId(), keys.recipientId(), serviceCode, engagement, outbox),
                    check.structure().map(Structure::name).orElse(null), check.service().map(Service::name).orElse(null), source,
                    List.of(), List.of()));
        }

        void completion(Complement request) {
            count++;
            Facture named = request.getFacture();
            String where = "completion " + count + " (invoice " + named.getNumeroFacture() + " of supplier " + named.getFournisseur() + ")";
            Optional<InvoiceRow> found = invoice(where, named.getFournisseur(), named.getNumeroFacture(),
                    date(named.getDateFacture()), null, partner);
            if (found.isEmpty() || !in(where, found.get(), InvoiceStatus.SUSPENDUE, "completed")) {
                return;
            }
            InvoiceRow invoice = found.get();
            List<Finding> problems = new ArrayList<>();
            List<Attachment> attachments = new ArrayList<>();
            long total = sizeOf(invoice.outbox());
            for (PieceJointe attachment : request.getPieceJointe()) {
                String name = attachment.getNom();
                byte[] content = attachment.getContenu();
                String problem = AttachmentRules.nameProblem(name);
                if (problem != null) {
                    problems.add(new Finding(ReasonCode.I13, where + ": attachment " + problem));
                }
                if (content.length == 0 || content.length > AttachmentRules.MAX_ATTACHMENT_BYTES) {
                    problems.add(new Finding(ReasonCode.I14, where + ": attachment '" + name + "' has " + content.length
                            + " bytes: not empty, at most " + AttachmentRules.MAX_ATTACHMENT_BYTES));
                }
                total += content.length;
                attachments.add(new Attachment(name, content));
            }
            if (total > AttachmentRules.MAX_INVOICE_WITH_ATTACHMENTS_BYTES) {
                problems.add(new Finding(ReasonCode.I15, where + ": the invoice with its attachments would have " + total
                        + " bytes, at most " + AttachmentRules.MAX_INVOICE_WITH_ATTACHMENTS_BYTES));
            }
            if (!problems.isEmpty()) {
                refused++;
                refusals.addAll(problems);
                return;
            }
            int eventNumber = invoice.history().size() + 1;
            List<Path> targets = new ArrayList<>();
            for (int i = 0; i < attachments.size(); i++) {
                targets.add(invoice.outbox().resolveSibling(
                        Folders.addedAttachmentName(invoice.invoiceId(), eventNumber, i + 1, attachments.get(i).name())));
            }
            String detail = "completed with " + attachments.stream().map(a -> "'" + a.name() + "'").toList();
            Event event = new Event(invoice.invoiceId(), invoice.recipient(), InvoiceStatus.COMPLETEE, now, null, flowId, partner, null,
                    null, detail);
            accept(new Change(invoice, event, null, directory.structure(invoice.recipient()).map(Structure::name).orElse(null), null,
                    null, attachments, targets));
        }

        /**
         * The one delivered invoice a line names, as the lines before left it, made available to this recipient when
         * one is given (a status), sent by this partner when one is given (a recycling or completion: only the partner
         * that sent an invoice may ask them); refused with S01 when there is none. The refusal says no more than the
         * line did: to another partner an invoice it did not send is as one that does not exist.
         */
        private Optional<InvoiceRow> invoice(String where, String supplier, String number, LocalDate date, String recipient,
                                                   String sentBy) {
            List<InvoiceRow> found = new ArrayList<>();
            for (InvoiceRow invoice : ledger.deliveredInvoices(supplier, number, date)) {
                InvoiceRow now = changed.getOrDefault(invoice.invoiceId(), invoice);
                // made available to that structure, or validated by it (its validator's answer sent again)
                boolean to = recipient == null || now.availableTo().equals(recipient) || recipient.equals(now.validator());
                if (to && (sentBy == null || now.supplierPartner().equals(sentBy))) {
                    found.add(now);
                }
            }
            if (found.isEmpty()) {
                refuse(ReasonCode.S01, where + ": no invoice of this supplier with this number" + (date == null ? "" : " and date " + date)
                        + " was made available" + (recipient == null ? "" : " to " + recipient));
                return Optional.empty();
            }
            if (found.size() > 1) {
                refuse(ReasonCode.S01, where + ": several invoices of this supplier have this number: give its date (DateFacture)");
                return Optional.empty();
            }
            return Optional.of(found.get(0));
        }

        private boolean in(String where, InvoiceRow invoice, InvoiceStatus required, String what) {
            if (invoice.status() == required) {
                return true;
            }
            refuse(ReasonCode.S03, where + ": the invoice is " + invoice.status() + ": only an invoice in " + required + " can be " + what);
            return false;
        }

        private void refuse(ReasonCode code, String description) {
            refused++;
            refusals.add(new Finding(code, description));
        }

        private void accept(Change change) {
            changes.add(change);
            changed.put(change.invoice().invoiceId(), change.invoice().changedBy(change.event(), change.rerouted()));
        }

        /** A recycled invoice's bytes, as {@link #prepare} read them again from its archived flow. */
        private Path bytesOf(InvoiceRow invoice) {
            Path staged = InvoiceRead.stagedFile(readAgain(staging, invoice.flowId()), invoice.position());
            return Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS) ? staged : null;
        }
    }

    /**
     * Before the decision, outside the lock the decisions hold: the invoices a recycling request or a validator's
     * approval names are read again from their archived flows (the engine's own copy: the file in the old outbox is
     * its recipient's to change), each flow once, staged below this flow's staging folder. Only those the sending
     * partner may move (its own invoices in 04; in 13, those of a validator it receives for): reading a flow again
     * costs its checks, which no partner makes the engine spend on others' invoices.
     */
    public void prepare(Read read, String partner, Path staging) throws IOException {
        if (read.rejection() != null || read.kind() == LifeCycleReader.Kind.COMPLETION) {
            return;
        }
        // The invoices a recycling names, or a validator's approval (14): both deliver them to a recipient.
        List<Facture> named = new ArrayList<>();
        if (read.kind() == LifeCycleReader.Kind.RECYCLING) {
            ((DemandeRecyclage) read.document()).getRecyclage().forEach(request -> named.add(request.getFacture()));
        } else {
            for (FactureStatutUnitaire line : ((CPPStatut) read.document()).getCPPFactureStatuts().getCPPFactureStatutUnitaire()) {
                if (InvoiceStatus.VALIDEE_1.code().equals(line.getDonneesStatut().getIdStatut())) {
                    Facture approved = new Facture();
                    approved.setFournisseur(line.getFournisseur().getIdentifiant());
                    approved.setNumeroFacture(line.getDonneesStatut().getIdFacture());
                    approved.setDateFacture(line.getDonneesStatut().getDateFacture());
                    named.add(approved);
                }
            }
        }
        for (Facture invoiceNamed : named) {
            for (InvoiceRow invoice : ledger.deliveredInvoices(invoiceNamed.getFournisseur(), invoiceNamed.getNumeroFacture(),
                    date(invoiceNamed.getDateFacture()))) {
                boolean mayMove = invoice.status() == InvoiceStatus.A_RECYCLER && invoice.supplierPartner().equals(partner)
                        || invoice.status() == InvoiceStatus.A_VALIDER_1 && connections.receives(partner, invoice.validator());
                if (!mayMove) {
                    continue;
                }
                Path again = readAgain(staging, invoice.flowId());
                if (!Files.isDirectory(again) && Files.isRegularFile(invoice.flowKeptAs(), LinkOption.NOFOLLOW_LINKS)) {
                    evaluator.evaluate(invoice.flowKeptAs(), invoice.supplierPartner(), invoice.flowId(), DirectoryLookup.EMPTY,
                            PartnerLookup.OPEN, Files.createDirectories(again));
                }
            }
        }
    }

    private static Path readAgain(Path staging, String flowId) {
        return staging.resolve("read-again").resolve(flowId);
    }

    /** Who answers a document waiting in that status, as a refusal names it. */
    private static String answerer(InvoiceStatus waiting) {
        return switch (waiting) {
            case A_TRAITER_MOE -> "the MOE of a works draft";
            case A_VALIDER_MOA -> "the MOA of an MOE's statement";
            default -> "the validator of an invoice";
        };
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String keysText(String recipient, String serviceCode, String engagement) {
        return recipient + " / service " + (serviceCode == null ? "-" : serviceCode) + " / EJ " + (engagement == null ? "-" : engagement);
    }

    private static LocalDate date(XMLGregorianCalendar date) {
        return date == null ? null : LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
