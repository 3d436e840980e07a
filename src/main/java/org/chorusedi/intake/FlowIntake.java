package org.chorusedi.intake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamException;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.config.Folders;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.flow.FlowEvaluator;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one dropped flow from a partner's drop directory to its outcome: decide, stage the
 * delivered invoices and the acknowledgements, publish them together, archive the original.
 */
public final class FlowIntake {

    private static final Logger LOG = LoggerFactory.getLogger(FlowIntake.class);

    private final Folders folders;
    private final FlowEvaluator evaluator;
    private final DirectoryLookup directory;
    private final CppStatutWriter acknowledgements;
    private final FlowIds flowIds;
    /** Flows are decided side by side, but published one at a time: a commit record is finished once. */
    private final Object publishing = new Object();

    public FlowIntake(Folders folders, FlowEvaluator evaluator, DirectoryLookup directory,
                      CppStatutWriter acknowledgements, FlowIds flowIds) {
        this.folders = folders;
        this.evaluator = evaluator;
        this.directory = directory;
        this.acknowledgements = acknowledgements;
        this.flowIds = flowIds;
    }

    /**
     * @param file the dropped file, completely written
     * @return the outcome, once published
     * @throws IOException when the outcome could not be published: the file then stays pending
     */
    public FlowOutcome process(Path file) throws IOException, XMLStreamException {
        String partner = file.getParent().getFileName().toString();
        synchronized (publishing) {
            Publication.finishCommitted(folders.work());
        }
        String flowId = flowIds.next(partner);
        Publication publication = Publication.begin(folders.work(), flowId);
        FlowOutcome outcome;
        try {
            outcome = evaluator.evaluate(file, partner, flowId, directory, publication.staging());
            stage(publication, file, outcome);
            synchronized (publishing) {
                publication.commit();
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            publication.abandon();
            throw e;
        }
        LOG.info("flow {} ({} from {}): status {}, {} of {} invoice(s) delivered, {} error line(s)",
                flowId, outcome.fileName(), partner, outcome.status(), outcome.deliveredCount(),
                outcome.invoices().size(), outcome.allFindings().size());
        return outcome;
    }

    private void stage(Publication publication, Path file, FlowOutcome outcome) throws IOException, XMLStreamException {
        for (InvoiceOutcome invoice : outcome.delivered()) {
            Path target = folders.outbox(invoice.invoice().keys().recipientId(), invoice.invoice().keys().serviceCode())
                    .resolve(invoice.invoiceId() + ".xml");
            publication.publish(invoice.invoice().staged(), target);
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
        String keptName = outcome.flowId() + "__" + outcome.fileName();
        Path destination = outcome.rejectedAsWhole()
                ? folders.rejected(outcome.partner()).resolve(keptName)
                : folders.archive(outcome.partner(), outcome.decidedAt().toLocalDate()).resolve(keptName);
        publication.moveOriginal(file, destination);
    }
}
