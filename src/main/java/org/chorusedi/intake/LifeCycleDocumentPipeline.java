package org.chorusedi.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.CamelContext;
import org.chorusedi.acknowledgement.FlowReport;
import org.chorusedi.acknowledgement.InvoiceStatuses;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.flow.InvoiceRead;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.lifecycle.LifeCycleDecisions;
import org.chorusedi.lifecycle.LifeCycleOutcome;
import org.chorusedi.lifecycle.LifeCycleReader;
import org.chorusedi.lifecycle.LifeCycleReader.Kind;
import org.chorusedi.metrics.EngineMeters;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A life-cycle document (a status flow, a recycling or completion request, docs/partners/life-cycle.md): read whole,
 * its lines decided on the ledger as it stands and committed in one step (no other flow commits meanwhile), then
 * published like every flow: the statuses forwarded to the suppliers' partners, recycled invoices and added
 * attachments delivered, the report acknowledged.
 */
final class LifeCycleDocumentPipeline implements FlowPipeline {

    /** FlowIntake's logger: the operators read a flow's lines under it (docs/operators/configuration.md). */
    private static final Logger LOG = LoggerFactory.getLogger(FlowIntake.class);

    private final LifeCycleReader reader;
    private final LifeCycleDecisions decisions;
    private final Ledger ledger;
    private final FlowStaging staging;
    private final CommitPoint commits;
    private final EngineMeters meters;

    LifeCycleDocumentPipeline(LifeCycleReader reader, LifeCycleDecisions decisions, Ledger ledger, FlowStaging staging,
                              CommitPoint commits, EngineMeters meters) {
        this.reader = reader;
        this.decisions = decisions;
        this.ledger = ledger;
        this.staging = staging;
        this.commits = commits;
        this.meters = meters;
    }

    @Override
    public void run(DroppedFlow flow, Publication publication, FlowSniff sniff, CamelContext camel)
            throws IOException, XMLStreamException, UnprocessableFlow {
        Kind kind = sniff.lifeCycleKind().orElseThrow();
        TakenFile taken = flow.taken();
        String sha256 = sha256(taken.path());
        LifeCycleReader.Read read;
        try {
            read = reader.read(taken.path(), flow.name(), kind, camel);
            decisions.prepare(read, flow.partner(), publication.staging());
        } catch (Error e) {
            throw new UnprocessableFlow(e.toString(), e);
        }
        // Alone once the publications under way are finished: its lines are decided on the invoices as they stand.
        LifeCycleOutcome outcome = commits.aloneOncePublished(() -> {
            LifeCycleOutcome decided = decide(flow, sha256, read, publication);
            Path keptAs = stage(flow, publication, decided);
            commit(flow, decided, keptAs, publication);
            commits.publishAlone(flow.flowId(), publication);
            return decided;
        });
        meters.lifeCycleFlowDecided(flow.partner(), kind.name(), outcome.status(), taken.size());
        LOG.info("flow {} ({} from {}, {}): status {}, {} line(s), {} refused, {} change(s)", flow.flowId(),
                Printable.of(outcome.fileName()), flow.partner(), kind, outcome.status(), outcome.lines(), outcome.refused(),
                outcome.changes().size());
    }

    /** No F09 here: a document sent again is decided again, and each of its lines changes nothing twice. */
    private LifeCycleOutcome decide(DroppedFlow flow, String sha256, LifeCycleReader.Read read, Publication publication)
            throws IOException, XMLStreamException {
        return decisions.decide(flow.flowId(), flow.partner(), flow.name(), flow.taken().size(), sha256, read, publication.staging());
    }

    /** Stages the flow's outputs and plans every move, then forces them to disk; returns where the original will be kept. */
    private Path stage(DroppedFlow flow, Publication publication, LifeCycleOutcome outcome) throws IOException, XMLStreamException {
        int n = 0;
        Map<String, List<LifeCycleOutcome.Change>> byPartner = new LinkedHashMap<>();
        for (LifeCycleOutcome.Change change : outcome.changes()) {
            n++;
            Ledger.Rerouted rerouted = change.rerouted();
            if (rerouted != null && !rerouted.outbox().equals(change.invoice().outbox())) {
                // Taken back from its old outbox first, then delivered to the new one: never in two outboxes. A
                // copy is staged, not the file moved: the old outbox keeps it whole until the commit is made.
                Files.copy(change.source(), publication.staging().resolve("recycled-" + n + ".xml"));
                publication.withdraw(change.invoice().outbox());
                publication.stage("recycled-" + n + ".xml", rerouted.outbox());
                // A Factur-X invoice's PDF follows it, read again from its archived flow with it.
                Path pdf = InvoiceRead.stagedPdf(change.source().getParent(), change.invoice().position());
                if (Files.isRegularFile(pdf, LinkOption.NOFOLLOW_LINKS)) {
                    String pdfName = change.invoice().invoiceId() + ".pdf";
                    Files.copy(pdf, publication.staging().resolve("recycled-" + n + ".pdf"));
                    publication.withdraw(change.invoice().outbox().resolveSibling(pdfName));
                    publication.stage("recycled-" + n + ".pdf", rerouted.outbox().resolveSibling(pdfName));
                }
            }
            for (int i = 0; i < change.attachments().size(); i++) {
                Files.write(publication.stage("attachment-" + n + "-" + (i + 1), change.attachmentTargets().get(i)),
                        change.attachments().get(i).content());
            }
            for (String partner : change.invoice().toldPartners()) {
                byPartner.computeIfAbsent(partner, p -> new ArrayList<>()).add(change);
            }
        }
        for (Map.Entry<String, List<LifeCycleOutcome.Change>> forwarded : byPartner.entrySet()) {
            staging.acknowledgement(publication, "factures-" + forwarded.getKey() + ".xml",
                    InvoiceStatuses.forwarded(outcome, forwarded.getKey(), forwarded.getValue()));
        }
        staging.acknowledgement(publication, "flux.xml", FlowReport.ofLifeCycleFlow(outcome));
        Path keptAs = staging.keepOriginal(publication, flow.taken(), outcome.flowId(), outcome.partner(), outcome.fileName(),
                outcome.rejectedAsWhole(), outcome.decidedAt().toLocalDate());
        staging.forceToDisk(publication, flow);
        return keptAs;
    }

    private void commit(DroppedFlow flow, LifeCycleOutcome outcome, Path keptAs, Publication publication) {
        // Each invoice changed, in the status its first change was decided on (its later ones follow from that one).
        Map<String, InvoiceStatus> decidedOn = new LinkedHashMap<>();
        outcome.changes().forEach(change -> decidedOn.putIfAbsent(change.invoice().invoiceId(), change.invoice().status()));
        commits.commit(flow, () -> ledger.commitLifeCycle(new Ledger.LifeCycleFlow(outcome.flowId(), outcome.kind().name(),
                        outcome.partner(), outcome.fileName(), outcome.sizeBytes(), outcome.sha256(), flow.receivedAt(),
                        outcome.decidedAt(), outcome.status(), outcome.rejectedAsWhole()), keptAs, publication.staging(),
                decidedOn, outcome.changes().stream().map(LifeCycleOutcome.Change::event).toList(),
                outcome.changes().stream().map(LifeCycleOutcome.Change::rerouted).filter(Objects::nonNull).toList(),
                publication.fileMoves()));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
