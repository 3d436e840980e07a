package org.chorusedi.intake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.config.Folders;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.flow.FlowEvaluator;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceOutcome;
import org.chorusedi.ledger.DuplicateChecks;
import org.chorusedi.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one dropped flow from a partner's drop directory to its outcome: decide, check for
 * duplicates, stage the acknowledgements, commit to the ledger, publish, archive the original.
 */
public final class FlowIntake {

    private static final Logger LOG = LoggerFactory.getLogger(FlowIntake.class);

    private final Folders folders;
    private final FlowEvaluator evaluator;
    private final DirectoryLookup directory;
    private final CppStatutWriter acknowledgements;
    private final FlowIds flowIds;
    private final Ledger ledger;
    private final DuplicateChecks duplicates;
    private final Clock clock;
    /**
     * Flows are decided side by side, but checked for duplicates, committed and published one at a
     * time: two flows carrying the same invoice cannot both pass, and a commit is finished once.
     */
    private final Object publishing = new Object();

    public FlowIntake(Folders folders, FlowEvaluator evaluator, DirectoryLookup directory,
                      CppStatutWriter acknowledgements, FlowIds flowIds, Ledger ledger, Clock clock) {
        this.folders = folders;
        this.evaluator = evaluator;
        this.directory = directory;
        this.acknowledgements = acknowledgements;
        this.flowIds = flowIds;
        this.ledger = ledger;
        this.duplicates = new DuplicateChecks(ledger);
        this.clock = clock;
    }

    /**
     * @param file the dropped file, completely written
     * @return the outcome, once published; null when an earlier, interrupted publication of this very
     *         file has just been finished
     * @throws IOException when the outcome could not be published: the file then stays pending, or its
     *                     committed publication is finished before any other flow is taken
     */
    public FlowOutcome process(Path file) throws IOException, XMLStreamException {
        Instant received = clock.instant();
        String partner = file.getParent().getFileName().toString();
        synchronized (publishing) {
            if (Publication.awaits(Publication.finishCommitted(folders.work(), ledger), file)) {
                throw new IOException("the flow of " + file + " is committed and waits for its publication to be finished");
            }
        }
        if (!Files.exists(file)) {
            return null;
        }
        String flowId = flowIds.next(partner);
        Publication publication = Publication.begin(folders.work(), flowId);
        boolean committed = false;
        FlowOutcome outcome;
        long startedAt = System.nanoTime();
        long decidedAt;
        long committedAt;
        try {
            FlowOutcome decided = evaluator.evaluate(file, partner, flowId, directory, publication.staging());
            synchronized (publishing) {
                decidedAt = System.nanoTime();
                outcome = duplicates.apply(decided);
                Map<String, Path> outboxes = new HashMap<>();
                Path keptAs = stage(publication, file, outcome, outboxes);
                publication.prepare();
                ledger.commit(outcome, received, keptAs, outboxes, publication.staging(), publication.fileMoves());
                committed = true;
                committedAt = System.nanoTime();
                publication.carryOut();
                ledger.published(flowId);
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            if (!committed) {
                publication.abandon();
            }
            throw e;
        }
        long publishedAt = System.nanoTime();
        LOG.info("flow {} ({} from {}): status {}, {} of {} invoice(s) delivered, {} error line(s);"
                        + " read and checked in {}, committed in {}, published in {}",
                flowId, outcome.fileName(), partner, outcome.status(), outcome.deliveredCount(),
                outcome.invoices().size(), outcome.allFindings().size(),
                duration(decidedAt - startedAt), duration(committedAt - decidedAt), duration(publishedAt - committedAt));
        return outcome;
    }

    private static String duration(long nanos) {
        return nanos < 1_000_000_000L ? nanos / 1_000_000 + " ms" : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Stages the acknowledgements and plans every move; returns where the original will be kept. */
    private Path stage(Publication publication, Path file, FlowOutcome outcome, Map<String, Path> outboxes)
            throws IOException, XMLStreamException {
        for (InvoiceOutcome invoice : outcome.delivered()) {
            Path target = folders.outbox(invoice.invoice().keys().recipientId(), invoice.invoice().keys().serviceCode())
                    .resolve(invoice.invoiceId() + ".xml");
            publication.deliver(invoice.invoice(), target);
            outboxes.put(invoice.invoiceId(), target);
        }
        Path ack = folders.ack(outcome.partner());
        try (OutputStream out = Files.newOutputStream(publication.stage("flux.xml", ack.resolve(outcome.flowId() + ".flux.xml")))) {
            acknowledgements.writeFlowReport(outcome, out);
        }
        if (outcome.deliveredCount() > 0) {
            try (OutputStream out = Files.newOutputStream(
                    publication.stage("factures.xml", ack.resolve(outcome.flowId() + ".factures.xml")))) {
                acknowledgements.writeInvoiceStatuses(outcome, out);
            }
        }
        String keptName = Folders.keptName(outcome.flowId(), outcome.fileName());
        Path destination = outcome.rejectedAsWhole()
                ? folders.rejected(outcome.partner()).resolve(keptName)
                : folders.archive(outcome.partner(), outcome.decidedAt().toLocalDate()).resolve(keptName);
        publication.moveOriginal(file, destination);
        return destination;
    }
}
