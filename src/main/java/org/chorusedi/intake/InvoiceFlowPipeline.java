package org.chorusedi.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.CamelContext;
import org.chorusedi.acknowledgement.AcknowledgementFile;
import org.chorusedi.acknowledgement.FlowReport;
import org.chorusedi.acknowledgement.InvoiceStatuses;
import org.chorusedi.config.Folders;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.flow.FlowEvaluator;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceOutcome;
import org.chorusedi.ledger.DuplicateChecks;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.metrics.EngineMeters;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.recognition.RecognitionReport;
import org.chorusedi.text.Printable;
import org.chorusedi.works.WorksAnswers;
import org.chorusedi.works.WorksAnswers.Answered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An invoice flow (a single invoice, a batch, an archive, a Factur-X PDF; a file that is not a regular one is refused
 * as one): decided by the flow evaluator, checked for duplicates, its invoices and acknowledgements staged, committed
 * one flow at a time and together with the flows that reach their commit at the same time, and published with them.
 */
final class InvoiceFlowPipeline implements FlowPipeline {

    /** FlowIntake's logger: the operators read a flow's lines under it (docs/operators/configuration.md). */
    private static final Logger LOG = LoggerFactory.getLogger(FlowIntake.class);

    private final Folders folders;
    private final FlowEvaluator evaluator;
    private final DirectoryLookup directory;
    private final PartnerLookup partners;
    private final DuplicateChecks duplicates;
    private final WorksAnswers works;
    private final Ledger ledger;
    private final FlowStaging staging;
    private final CommitPoint commits;
    private final EngineMeters meters;

    InvoiceFlowPipeline(Folders folders, FlowEvaluator evaluator, DirectoryLookup directory, PartnerLookup partners,
                        Ledger ledger, WorksAnswers works, FlowStaging staging, CommitPoint commits, EngineMeters meters) {
        this.folders = folders;
        this.evaluator = evaluator;
        this.directory = directory;
        this.partners = partners;
        this.duplicates = new DuplicateChecks(ledger);
        this.works = works;
        this.ledger = ledger;
        this.staging = staging;
        this.commits = commits;
        this.meters = meters;
    }

    /** A flow's outputs staged and forced to disk, ready for its commit. */
    private record Staged(Answered checked, Publication publication, Path keptAs, Map<String, Path> outboxes) {
        FlowOutcome outcome() {
            return checked.outcome();
        }
    }

    @Override
    public void run(DroppedFlow flow, Publication publication, FlowSniff sniff, CamelContext camel)
            throws IOException, XMLStreamException, UnprocessableFlow {
        long startedAt = System.nanoTime();
        FlowOutcome decided = decide(flow, publication);
        long decidedAt = System.nanoTime();
        // Staged and forced to disk side by side with the other flows, on the duplicates the ledger knows now;
        // then, one flow at a time, checked again and committed: a flow committed meanwhile with the same bytes
        // or invoices changes the outcome, and the flow is staged again before its commit. The flows that reach their
        // commit together are committed and published together (CommitPoint.commitInGroup).
        Staged staged = stage(flow, publication, checked(decided));
        long stagedAt = System.nanoTime();
        Staged committed = commits.commitInGroup(flow, () -> commit(flow, decided, staged), Staged::publication);
        long publishedAt = System.nanoTime();
        FlowOutcome outcome = committed.outcome();
        meters.flowDecided(outcome, Duration.ofNanos(publishedAt - startedAt));
        LOG.info("flow {} ({} from {}): status {}, {} of {} invoice(s) delivered, {} error line(s);"
                        + " read and checked in {}, staged in {}, committed and published in {}",
                flow.flowId(), Printable.of(outcome.fileName()), flow.partner(), outcome.status(), outcome.deliveredCount(),
                outcome.invoices().size(), outcome.allFindings().size(),
                duration(decidedAt - startedAt), duration(stagedAt - decidedAt), duration(publishedAt - stagedAt));
    }

    /** The decision on the file the engine took: a file that is not a regular one is never opened. */
    private FlowOutcome decide(DroppedFlow flow, Publication publication) throws IOException, UnprocessableFlow {
        TakenFile taken = flow.taken();
        if (!taken.regular()) {
            OffsetDateTime now = OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS);
            return new FlowOutcome(flow.flowId(), flow.partner(), flow.name(), 0, null, now,
                    List.of(new Finding(ReasonCode.F10, flow.name() + ": " + taken.kind() + ", not a regular file: refused without being opened")),
                    List.of());
        }
        FlowOutcome decided;
        try {
            decided = evaluator.evaluate(taken.path(), flow.partner(), flow.flowId(), directory, partners, publication.staging(),
                    flow.mode());
        } catch (Error e) {
            // The engine failed, not the sender: parked with the reason, and the engine goes on with the others.
            throw new UnprocessableFlow(e.toString(), e);
        }
        long size = Files.size(taken.path());
        if (size != taken.size() || decided.sizeBytes() != size) {
            throw new IOException("the file changed while it was read (" + taken.size() + " bytes when taken, " + size
                    + " now): it is read again");
        }
        return decided;
    }

    /** The controls that need the ledger: the duplicates (F09, I17), then the works statements' answers (I31). */
    private Answered checked(FlowOutcome decided) {
        return works.apply(duplicates.apply(decided));
    }

    /**
     * Stages the invoices, the acknowledgements (the sender's, and the statuses of the works statements its documents
     * answer, for their senders) and the original, plans every move, then forces them to disk.
     */
    private Staged stage(DroppedFlow flow, Publication publication, Answered checked) throws IOException, XMLStreamException {
        FlowOutcome outcome = checked.outcome();
        Map<String, Path> outboxes = new HashMap<>();
        for (InvoiceOutcome invoice : outcome.delivered()) {
            Path target = folders.outbox(invoice.route().structure(), invoice.route().serviceCode()).resolve(invoice.invoiceId() + ".xml");
            publication.deliver(invoice.invoice(), target);
            outboxes.put(invoice.invoiceId(), target);
            if (invoice.invoice().pdf() != null) {
                // A Factur-X invoice: the PDF, the legal invoice, beside its XML (moved after it, before the acknowledgements).
                publication.stage(invoice.invoice().pdf().getFileName().toString(), target.resolveSibling(invoice.invoiceId() + ".pdf"));
            }
        }
        staging.acknowledgement(publication, "flux.xml", FlowReport.ofInvoiceFlow(outcome));
        if (Files.exists(publication.staging().resolve(RecognitionReport.STAGED_NAME))) {
            // A plain PDF's data were recognised: what was read goes to its sender beside the flow's report.
            publication.stage(RecognitionReport.STAGED_NAME,
                    folders.ack(outcome.partner()).resolve(AcknowledgementFile.RECOGNITION.fileName(outcome.flowId())));
        }
        // One statuses file per partner (its name is the flow's): the sender's delivered documents, then the statements
        // they answer, told to their partners; a sender told of both gets both in its one file.
        Map<String, List<WorksAnswers.Answer>> byPartner = new LinkedHashMap<>();
        checked.answers().forEach(answer -> answer.answered().toldPartners().forEach(partner ->
                byPartner.computeIfAbsent(partner, p -> new ArrayList<>()).add(answer)));
        if (outcome.deliveredCount() > 0) {
            InvoiceStatuses delivered = InvoiceStatuses.delivered(outcome);
            List<WorksAnswers.Answer> answeredForSender = byPartner.remove(outcome.partner());
            staging.acknowledgement(publication, "factures.xml", answeredForSender == null ? delivered
                    : delivered.with(InvoiceStatuses.answered(outcome, outcome.partner(), answeredForSender)));
        }
        for (Map.Entry<String, List<WorksAnswers.Answer>> told : byPartner.entrySet()) {
            staging.acknowledgement(publication, "factures-" + told.getKey() + ".xml",
                    InvoiceStatuses.answered(outcome, told.getKey(), told.getValue()));
        }
        Path keptAs = staging.keepOriginal(publication, flow.taken(), outcome.flowId(), outcome.partner(), outcome.fileName(),
                outcome.rejectedAsWhole(), outcome.decidedAt().toLocalDate());
        staging.forceToDisk(publication, flow);
        return new Staged(checked, publication, keptAs, outboxes);
    }

    /**
     * Alone: checked for duplicates again, staged again if a flow committed since changes its outcome, and committed.
     * Returns what was committed.
     */
    private Staged commit(DroppedFlow flow, FlowOutcome decided, Staged staged) throws IOException, XMLStreamException {
        Answered confirmed = checked(decided);
        Staged committing = staged;
        if (!confirmed.equals(staged.checked())) {
            LOG.info("flow {}: a flow committed since it was staged carries the same bytes or invoices, or answered the same works"
                    + " statement: staged again with its new outcome",
                    flow.flowId());
            committing = stage(flow, staged.publication().planAgain(), confirmed);
        }
        Staged committed = committing;
        commits.commit(flow, () -> ledger.commit(committed.outcome(), flow.receivedAt(), committed.keptAs(),
                committed.outboxes(), committed.publication().staging(), committed.publication().fileMoves(),
                committed.checked().answers().stream().map(WorksAnswers.Answer::recorded).toList()));
        return committed;
    }

    private static String duration(long nanos) {
        return nanos < 1_000_000_000L ? nanos / 1_000_000 + " ms" : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
