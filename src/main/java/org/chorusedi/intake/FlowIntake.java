package org.chorusedi.intake;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.chorusedi.acknowledgement.AcknowledgementDocument;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.acknowledgement.FlowReport;
import org.chorusedi.acknowledgement.InvoiceStatuses;
import org.chorusedi.cluster.FlowClaims;
import org.chorusedi.cluster.FlowsAtWork;
import org.chorusedi.config.Folders;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.flow.DepositMode;
import org.chorusedi.flow.FlowEvaluator;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceRead;
import org.chorusedi.flow.InvoiceOutcome;
import org.chorusedi.ledger.DuplicateChecks;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.Ledger.LedgerException;
import org.chorusedi.ledger.Ledger.State;
import org.chorusedi.lifecycle.LifeCycleDecisions;
import org.chorusedi.lifecycle.LifeCycleOutcome;
import org.chorusedi.lifecycle.LifeCycleReader;
import org.chorusedi.lifecycle.LifeCycleReader.Kind;
import org.chorusedi.logging.FlowLog;
import org.chorusedi.metrics.EngineMeters;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one dropped flow from a partner's drop directory to its outcome: number it, take hold of the
 * file, decide (an invoice flow, or a life-cycle document: statuses, a recycling, a completion), check for
 * duplicates, stage the acknowledgements, force everything to disk, commit to the ledger, publish. A failure before the commit is the route's to retry (routes/intake.camel.yaml);
 * once retries are spent, the flow is parked in {@code failed/<partner>/} with a report ({@link #park}).
 * A commit is never assumed: when it reports a failure, the ledger is asked before anything is undone.
 */
public final class FlowIntake {

    private static final Logger LOG = LoggerFactory.getLogger(FlowIntake.class);

    private final Folders folders;
    private final FlowEvaluator evaluator;
    private final DirectoryLookup directory;
    private final PartnerLookup partners;
    private final LifeCycleReader lifeCycleReader;
    private final LifeCycleDecisions lifeCycle;
    private final CppStatutWriter acknowledgements;
    private final FlowIds flowIds;
    private final Deposits deposits;
    private final Ledger ledger;
    private final DuplicateChecks duplicates;
    private final DiskSync sync;
    private final UnfinishedFlows unfinished;
    private final Clock clock;
    private final EngineMeters meters;
    /** Which node works on which flow: every flow is the single engine's (FlowClaims.LOCAL). */
    private final FlowClaims claims;
    /** The flows being read, checked or published now, for the operators' endpoints. */
    private final FlowsAtWork atWork = new FlowsAtWork();
    /**
     * Flows are decided, staged and published side by side, but checked for duplicates and committed one at
     * a time: two flows carrying the same invoice cannot both pass. A life-cycle flow is decided, committed
     * and published alone, once the publications under way are finished: it reads the invoices it changes
     * from their archived flows and outboxes.
     */
    private final Object publishing = new Object();
    /** Committed invoice flows whose publication is not finished yet (guarded by {@link #publishing}). */
    private int publicationsUnderWay;
    /**
     * The engine is stopping: no flow is taken any more, a failed attempt is neither tried again nor parked (the
     * engine's own stop is no reason to park a flow): its file is handed back to its drop directory.
     */
    private volatile boolean stopping;
    /** Set once the flows left are handed back: no commit may start any more (guarded by {@link #publishing}). */
    private boolean handedBack;

    /**
     * @param partners the registry the emission check runs against (PartnerLookup.OPEN when it is off)
     * @param claims   which flows are this engine's: FlowClaims.LOCAL for a single engine, its claims for a node of a cluster
     */
    public FlowIntake(Folders folders, FlowEvaluator evaluator, DirectoryLookup directory, PartnerLookup partners,
                      LifeCycleReader lifeCycleReader, LifeCycleDecisions lifeCycle, CppStatutWriter acknowledgements, Ledger ledger,
                      ExecutorService syncPool, Clock clock, EngineMeters meters, FlowClaims claims) {
        this.claims = claims;
        this.folders = folders;
        this.evaluator = evaluator;
        this.directory = directory;
        this.partners = partners;
        this.lifeCycleReader = lifeCycleReader;
        this.lifeCycle = lifeCycle;
        this.acknowledgements = acknowledgements;
        this.flowIds = new FlowIds(clock, ledger::nextFlowNumber);
        this.deposits = new Deposits(folders, flowIds, ledger.deposits(), clock);
        this.ledger = ledger;
        this.duplicates = new DuplicateChecks(ledger);
        this.sync = new DiskSync(syncPool);
        this.unfinished = new UnfinishedFlows(folders, ledger, clock, claims);
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * At start-up, before any flow is taken: finishes the committed publications, clears what published
     * or parked flows left, and puts the originals of uncommitted flows back into their drop directories.
     */
    public void recover() {
        unfinished.settleAll();
    }

    /**
     * The engine stops (SIGTERM): from now on no flow is taken (a flow found in a drop directory stays there), the
     * flows in progress go on to their end, and one that fails is handed back instead of being tried again or parked.
     */
    public void stop() {
        stopping = true;
    }

    /**
     * The last step of a stop, once the routes are stopped or the stop's time is up: no commit starts any more, and every
     * flow of work/ that is not committed goes back to its drop directory, the flows still in progress too (their
     * commit is refused from now on); a committed flow's publication is finished. What cannot be settled now (the
     * database out of reach) is settled by the next start.
     */
    public void handBack() {
        stopping = true;
        synchronized (publishing) {
            handedBack = true;
            try {
                unfinished.handBack();
            } catch (RuntimeException e) {
                LOG.warn("the flows left in work/ could not all be handed back ({}): the next start settles them",
                        Printable.of(e.toString()));
            }
        }
    }

    /** Tries again the flows left unfinished whose time has come (every second, by the engine). Never throws. */
    public void settleUnfinished() {
        try {
            synchronized (publishing) {
                unfinished.settleDue();
            }
        } catch (RuntimeException e) {
            LOG.error("cannot settle the unfinished flows now: {}", Printable.of(e.toString()));
        }
    }

    /** The route's first step: a file found in a drop directory becomes a flow to process. */
    public DroppedFlow dropped(File file) {
        return new DroppedFlow(file.toPath().toAbsolutePath().normalize(), clock.instant());
    }

    /** Where the partners' API hands its deposits to this intake. */
    public Deposits deposits() {
        return deposits;
    }

    /**
     * A link to a folder in a drop directory, which the file route never hands over: refused at once, as
     * every link is (F10). A failure is logged; the link is tried again at the next poll.
     */
    public void refuseLink(Path link) {
        DroppedFlow flow = new DroppedFlow(link.toAbsolutePath().normalize(), clock.instant());
        try {
            process(flow, null);
        } catch (IOException | XMLStreamException | UnprocessableFlow | RuntimeException e) {
            LOG.warn("cannot refuse the link {} yet: {}", flow, Printable.of(e.toString()));
            if (flow.taken() != null) {
                unfinished.later(flow.flowId(), e.toString());
            }
        }
    }

    /**
     * Processes a dropped flow, or goes on with it where an earlier attempt stopped: an invoice flow, or a
     * life-cycle document (a status flow, a recycling or completion request), told by its root element.
     *
     * @param exchange the route's exchange: a life-cycle document is read with the Camel context's JAXB data
     *                 format (null for a file that is not a regular one, never read)
     * @throws IOException, XMLStreamException, LedgerException when the flow could not be decided or
     *         committed: the route tries again, then parks it
     * @throws UnprocessableFlow when reading the flow failed the engine itself: parked without retrying
     */
    public void process(DroppedFlow flow, Exchange exchange) throws IOException, XMLStreamException, UnprocessableFlow {
        if (stopping) {
            handBackOnStop(flow);
            return;
        }
        meters.flowStarted();
        try {
            attempt(flow, exchange);
        } catch (HandedBack e) {
            LOG.info("{}: handed back to in/{}/ before its commit, the engine stops", flow, flow.partner());
        } finally {
            meters.flowEnded();
            if (flow.flowId() != null) {
                atWork.ended(flow.flowId());
            }
        }
    }

    /**
     * A flow the route hands over while the engine stops: one not taken yet stays where it was dropped; one taken by an
     * earlier attempt is left for {@link #handBack}, which puts it back (or finishes it if it was committed).
     */
    private void handBackOnStop(DroppedFlow flow) {
        if (flow.taken() != null) {
            unfinished.ended(flow.flowId());
            LOG.info("{}: not tried again, the engine stops: handed back", flow);
        } else {
            LOG.debug("{}: left in its drop directory, the engine stops", flow);
        }
    }

    /** The flows this intake is reading, checking or publishing now. */
    public FlowsAtWork atWork() {
        return atWork;
    }

    private void attempt(DroppedFlow flow, Exchange exchange) throws IOException, XMLStreamException, UnprocessableFlow {
        flow.attempt();
        try (FlowLog log = FlowLog.of(flow.flowId(), flow.partner())) {
            try {
                if (flow.flowId() == null) {
                    deposits.waiting(flow.dropped()).ifPresentOrElse(flow::deposited, () -> flow.numbered(flowIds.next(flow.partner())));
                    log.numbered(flow.flowId());
                }
                atWork.started(flow.flowId(), flow.partner(), Printable.of(flow.name()), clock.instant());
                processNumbered(flow, exchange);
            } catch (HandedBack e) {
                throw e;
            } catch (IOException | XMLStreamException | RuntimeException e) {
                // One line per failed attempt, naming the flow; the stack trace at DEBUG only.
                LOG.warn("{}: attempt {} failed, tried again later unless its retries are spent: {}", flow, flow.attempts(),
                        Printable.of(e.toString()));
                LOG.debug("attempt {} of {} failed", flow.attempts(), flow, e);
                throw e;
            }
        }
    }

    private void processNumbered(DroppedFlow flow, Exchange exchange) throws IOException, XMLStreamException, UnprocessableFlow {
        String flowId = flow.flowId();
        if (flow.taken() == null) {
            if (stopping) {
                handBackOnStop(flow);
                return;
            }
            unfinished.started(flowId);
            if (!claims.claim(flowId, flow.dropped())) {
                unfinished.ended(flowId);
                LOG.debug("{} is being taken by another node", flow);
                return;
            }
            TakenFile taken = Publication.take(folders, flowId, flow.dropped(), flow.name());
            if (taken == null) {
                unfinished.ended(flowId);
                claims.release(flowId);
                LOG.info("{} is gone before it could be taken", flow);
                return;
            }
            flow.taken(taken);
            claims.taken(flowId);
            if (flow.mode() == DepositMode.API) {
                deposits.taken(flowId);
            }
        }
        if (flow.commitAttempted() && settledAfterUnclearCommit(flow)) {
            return;
        }
        Publication publication = Publication.restart(folders, flowId);
        Optional<Kind> lifeCycleKind = flow.taken().regular() ? lifeCycleReader.kind(flow.taken().path()) : Optional.empty();
        if (lifeCycleKind.isPresent()) {
            processLifeCycle(flow, publication, lifeCycleKind.get(), exchange.getContext());
            return;
        }
        long startedAt = System.nanoTime();
        FlowOutcome decided = decide(flow, publication);
        long decidedAt = System.nanoTime();
        // Staged and forced to disk side by side with the other flows, on the duplicates the ledger knows now;
        // then, one flow at a time, checked again and committed: a flow committed meanwhile with the same bytes
        // or invoices changes the outcome, and the flow is staged again before its commit.
        FlowOutcome outcome = duplicates.apply(decided);
        Staged staged = stage(flow, publication, outcome);
        long committedAt;
        synchronized (publishing) {
            FlowOutcome confirmed = duplicates.apply(decided);
            if (!confirmed.equals(outcome)) {
                LOG.info("flow {}: a flow committed since it was staged carries the same bytes or invoices: staged again with its new outcome", flowId);
                outcome = confirmed;
                staged = stage(flow, publication.planAgain(), outcome);
            }
            Staged committing = staged;
            FlowOutcome committed = outcome;
            commit(flow, () -> ledger.commit(committed, flow.receivedAt(), committing.keptAs(), committing.outboxes(),
                    committing.publication().staging(), committing.publication().fileMoves()));
            committedAt = System.nanoTime();
            publicationsUnderWay++;
        }
        try {
            publish(flowId, staged.publication());
        } finally {
            synchronized (publishing) {
                publicationsUnderWay--;
                publishing.notifyAll();
            }
        }
        long publishedAt = System.nanoTime();
        meters.flowDecided(outcome, Duration.ofNanos(publishedAt - startedAt));
        LOG.info("flow {} ({} from {}): status {}, {} of {} invoice(s) delivered, {} error line(s);"
                        + " read and checked in {}, committed in {}, published in {}",
                flowId, Printable.of(outcome.fileName()), flow.partner(), outcome.status(), outcome.deliveredCount(),
                outcome.invoices().size(), outcome.allFindings().size(),
                duration(decidedAt - startedAt), duration(committedAt - decidedAt), duration(publishedAt - committedAt));
    }

    /**
     * A life-cycle flow: read whole, its lines decided on the ledger as it stands and committed in one
     * step (no other flow commits meanwhile), then published like every flow: the statuses forwarded to the
     * suppliers' partners, recycled invoices and added attachments delivered, the report acknowledged.
     */
    private void processLifeCycle(DroppedFlow flow, Publication publication, Kind kind, CamelContext camel)
            throws IOException, XMLStreamException, UnprocessableFlow {
        TakenFile taken = flow.taken();
        String sha256 = sha256(taken.path());
        LifeCycleReader.Read read;
        try {
            read = lifeCycleReader.read(taken.path(), flow.name(), kind, camel);
            lifeCycle.prepare(read, publication.staging());
        } catch (Error e) {
            throw new UnprocessableFlow(e.toString(), e);
        }
        LifeCycleOutcome outcome;
        synchronized (publishing) {
            awaitPublications();
            // No F09 here: a document sent again is decided again, and each of its lines changes nothing twice.
            outcome = lifeCycle.decide(flow.flowId(), flow.partner(), flow.name(), taken.size(), sha256, read, publication.staging());
            Path keptAs = stageLifeCycle(publication, taken, outcome);
            publication.prepare(sync, taken, flow.dropped().getParent());
            LifeCycleOutcome committed = outcome;
            // Each invoice changed, in the status its first change was decided on (its later ones follow from that one).
            Map<String, InvoiceStatus> decidedOn = new LinkedHashMap<>();
            committed.changes().forEach(change -> decidedOn.putIfAbsent(change.invoice().invoiceId(), change.invoice().status()));
            commit(flow, () -> ledger.commitLifeCycle(new Ledger.LifeCycleFlow(committed.flowId(), committed.kind().name(),
                            committed.partner(), committed.fileName(), committed.sizeBytes(), committed.sha256(), flow.receivedAt(),
                            committed.decidedAt(), committed.status(), committed.rejectedAsWhole()), keptAs, publication.staging(),
                    decidedOn, committed.changes().stream().map(LifeCycleOutcome.Change::event).toList(),
                    committed.changes().stream().map(LifeCycleOutcome.Change::rerouted).filter(java.util.Objects::nonNull).toList(),
                    publication.fileMoves()));
            publish(flow.flowId(), publication);
        }
        meters.lifeCycleFlowDecided(flow.partner(), kind.name(), outcome.status(), taken.size());
        LOG.info("flow {} ({} from {}, {}): status {}, {} line(s), {} refused, {} change(s)", flow.flowId(),
                Printable.of(outcome.fileName()), flow.partner(), kind, outcome.status(), outcome.lines(), outcome.refused(),
                outcome.changes().size());
    }

    /** Stages a life-cycle flow's outputs and plans every move; returns where the original will be kept. */
    private Path stageLifeCycle(Publication publication, TakenFile original, LifeCycleOutcome outcome)
            throws IOException, XMLStreamException {
        int n = 0;
        Map<String, List<LifeCycleOutcome.Change>> bySupplierPartner = new LinkedHashMap<>();
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
            bySupplierPartner.computeIfAbsent(change.invoice().supplierPartner(), p -> new ArrayList<>()).add(change);
        }
        for (Map.Entry<String, List<LifeCycleOutcome.Change>> forwarded : bySupplierPartner.entrySet()) {
            stageAcknowledgement(publication, "factures-" + forwarded.getKey() + ".xml",
                    InvoiceStatuses.forwarded(outcome, forwarded.getKey(), forwarded.getValue()));
        }
        stageAcknowledgement(publication, "flux.xml", FlowReport.ofLifeCycleFlow(outcome));
        return keepOriginal(publication, original, outcome.flowId(), outcome.partner(), outcome.fileName(), outcome.rejectedAsWhole(),
                outcome.decidedAt().toLocalDate());
    }

    /** Writes an acknowledgement into the staging folder, to be moved into {@code ack/<partner>/} on publication. */
    private void stageAcknowledgement(Publication publication, String stagedName, AcknowledgementDocument document)
            throws IOException, XMLStreamException {
        Path target = folders.ack(document.partner()).resolve(document.file().fileName(document.flowId()));
        try (OutputStream out = Files.newOutputStream(publication.stage(stagedName, target))) {
            acknowledgements.write(document, out);
        }
    }

    /** The original, moved last: to rejected/ when the flow is rejected as a whole, else to the day's archive. */
    private Path keepOriginal(Publication publication, TakenFile original, String flowId, String partner, String fileName,
                              boolean rejectedAsWhole, LocalDate day) {
        String keptName = Folders.keptName(flowId, fileName);
        Path destination = rejectedAsWhole ? folders.rejected(partner).resolve(keptName) : folders.archive(partner, day).resolve(keptName);
        publication.moveOriginal(original.path(), destination);
        return destination;
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

    /**
     * The commit point. When the commit reports a failure, the ledger is asked whether it holds the flow
     * all the same (a connection lost during COMMIT): if it does, the flow is published; if it cannot be
     * asked, nothing is undone and the flow is left to be settled once the ledger answers.
     */
    private void commit(DroppedFlow flow, Runnable ledgerCommit) {
        if (handedBack) {
            throw new HandedBack();
        }
        flow.commitAttempted(true);
        try {
            ledgerCommit.run();
        } catch (LedgerException failure) {
            Optional<State> state;
            try {
                state = ledger.state(flow.flowId());
            } catch (LedgerException unclear) {
                throw new UnclearCommit("the commit of flow " + flow.flowId() + " is unclear (" + failure.getMessage()
                        + ") and the ledger cannot be asked: nothing is undone", unclear);
            }
            if (state.isEmpty()) {
                flow.commitAttempted(false);
                throw failure;
            }
            LOG.warn("the commit of flow {} reported a failure ({}), but the ledger holds it: it is published",
                    flow.flowId(), Printable.of(failure.getMessage()));
        }
    }

    /** After the commit: a publication that fails is left to be finished later, never undone. */
    private void publish(String flowId, Publication publication) {
        try {
            publication.carryOut();
            ledger.published(flowId);
            unfinished.ended(flowId);
            claims.release(flowId);
        } catch (IOException | RuntimeException e) {
            if (e instanceof Publication.NeitherStagedNorPublished) {
                try {
                    ledger.problem(flowId, e.getMessage());
                } catch (RuntimeException ignored) {
                    // said in the log line below
                }
            }
            unfinished.later(flowId, "its publication is committed but failed: " + e);
        }
    }

    /**
     * A flow whose earlier commit was unclear: settled now if the ledger holds it (its publication is
     * finished); true then. False when it was not committed and must be decided again.
     */
    private boolean settledAfterUnclearCommit(DroppedFlow flow) throws IOException {
        Optional<State> state = ledger.state(flow.flowId());
        if (state.isEmpty()) {
            flow.commitAttempted(false);
            return false;
        }
        synchronized (publishing) {
            Ledger.Committed committed = ledger.committed(flow.flowId());
            Publication.carryOut(folders, folders.work().resolve(flow.flowId()), committed.moves());
            ledger.published(flow.flowId());
        }
        unfinished.ended(flow.flowId());
        claims.release(flow.flowId());
        LOG.info("flow {} ({} from {}): committed by an earlier attempt, now published", flow.flowId(),
                Printable.of(flow.name()), flow.partner());
        return true;
    }

    /**
     * The route's last resort, once retries are spent or at once for an {@link UnprocessableFlow}: the
     * flow's file is moved to {@code failed/<partner>/}, beside a report that says why, and recorded in the
     * ledger as parked. A flow whose commit may have been applied is never parked: it is left to be
     * settled with the ledger.
     */
    public void park(DroppedFlow flow, Throwable cause) {
        try (FlowLog ignored = FlowLog.of(flow.flowId(), flow.partner())) {
            LOG.debug("{} is parked after this failure", flow, cause);
            parkLogged(flow, cause);
        }
    }

    private void parkLogged(DroppedFlow flow, Throwable cause) {
        String flowId = flow.flowId();
        String reason = cause == null ? "unknown" : Printable.of(cause.toString());
        if (stopping) {
            // The failure may be the stop's own (a thread interrupted, a redelivery refused): never a reason to park.
            handBackOnStop(flow);
            return;
        }
        if (flowId == null) {
            // Not numbered: the ledger cannot be reached, which goes away by itself. The file was never taken: it stays
            // in its drop directory and is taken again at a later poll (a parked flow always has its number and ledger row).
            LOG.warn("{} failed ({}) before it could be numbered: it stays in in/{}/ and is taken again later", flow, reason,
                    flow.partner());
            return;
        }
        try {
            if (flow.taken() != null && flow.commitAttempted()) {
                unfinished.later(flowId, "it failed after a commit that may have been applied (" + reason + ")");
                return;
            }
            Path source = flow.taken() != null ? flow.taken().path() : flow.dropped();
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                LOG.error("{} failed ({}) and its file is gone: nothing to park", flow, reason);
                return;
            }
            String keptName = Folders.keptName(flowId, flow.name());
            Path folder = folders.createFolder(folders.failed(flow.partner()));
            Path parked = folder.resolve(keptName);
            Path report = folder.resolve(keptName + Folders.REPORT_SUFFIX);
            writeReport(report, flow, reason);
            Files.move(source, parked, StandardCopyOption.ATOMIC_MOVE);
            DiskSync.folder(folder);
            if (!recordParked(flow, parked, reason)) {
                // Parked without its ledger row, no operator would find it: it goes back and waits for the ledger.
                Files.move(parked, source, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(report);
                if (flow.taken() != null) {
                    unfinished.later(flowId, "it failed (" + reason + ") and the ledger cannot record it as parked");
                }
                return;
            }
            meters.flowParked(flow.partner());
            Publication.deleteTree(folders.work().resolve(flowId));
            unfinished.ended(flowId);
            claims.release(flowId);
            LOG.error("{} could not be processed after {} attempt(s) ({}): parked as failed/{}/{}, see its report; to try again,"
                    + " move it back into in/{}/", flow, flow.attempts(), reason, flow.partner(), Printable.of(keptName), flow.partner());
        } catch (IOException | RuntimeException e) {
            if (flow.taken() != null) {
                unfinished.later(flowId, "it failed (" + reason + ") and could not be parked: " + e);
            } else {
                LOG.error("{} failed ({}) and could not be parked ({}): it stays where it is", flow, reason, Printable.of(e.toString()));
            }
        }
    }

    /** True once the ledger holds the flow as parked. */
    private boolean recordParked(DroppedFlow flow, Path parked, String reason) {
        try {
            ledger.parked(flow.flowId(), flow.partner(), flow.name(), flow.taken() == null ? 0 : flow.taken().size(),
                    flow.receivedAt(), parked, reason);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("flow {} cannot be parked now, the ledger cannot record it ({}): it is put back and tried again later",
                    flow.flowId(), Printable.of(e.toString()));
            return false;
        }
    }

    private void writeReport(Path report, DroppedFlow flow, String reason) throws IOException {
        String text = "flow:      " + flow.flowId() + "\n"
                + "partner:   " + flow.partner() + "\n"
                + "file:      " + Printable.of(flow.name()) + "\n"
                + "received:  " + flow.receivedAt() + "\n"
                + "parked:    " + clock.instant() + "\n"
                + "attempts:  " + flow.attempts() + "\n"
                + "reason:    " + reason + "\n"
                + "Nothing of this flow was published and its sender has no acknowledgement. To process it again once\n"
                + "the cause is gone, move the file back into in/" + flow.partner() + "/ (under any name the engine takes).\n";
        Path aside = report.resolveSibling(report.getFileName() + ".part");
        Files.deleteIfExists(aside);
        Files.writeString(aside, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SYNC);
        Files.move(aside, report, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String duration(long nanos) {
        return nanos < 1_000_000_000L ? nanos / 1_000_000 + " ms" : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** A flow's outputs staged and forced to disk, ready for its commit. */
    private record Staged(Publication publication, Path keptAs, Map<String, Path> outboxes) {
    }

    /** Stages the flow's outputs and plans every move, then forces them to disk. */
    private Staged stage(DroppedFlow flow, Publication publication, FlowOutcome outcome) throws IOException, XMLStreamException {
        Map<String, Path> outboxes = new HashMap<>();
        Path keptAs = stage(publication, flow.taken(), outcome, outboxes);
        publication.prepare(sync, flow.taken(), flow.dropped().getParent());
        return new Staged(publication, keptAs, outboxes);
    }

    /** Waits, holding {@link #publishing}, until no committed invoice flow is being published. */
    private void awaitPublications() throws InterruptedIOException {
        while (publicationsUnderWay > 0) {
            try {
                publishing.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the publications under way");
            }
        }
    }

    /** Stages the acknowledgements and plans every move; returns where the original will be kept. */
    private Path stage(Publication publication, TakenFile original, FlowOutcome outcome, Map<String, Path> outboxes)
            throws IOException, XMLStreamException {
        for (InvoiceOutcome invoice : outcome.delivered()) {
            Path target = folders.outbox(invoice.invoice().keys().recipientId(), invoice.invoice().keys().serviceCode())
                    .resolve(invoice.invoiceId() + ".xml");
            publication.deliver(invoice.invoice(), target);
            outboxes.put(invoice.invoiceId(), target);
            if (invoice.invoice().pdf() != null) {
                // A Factur-X invoice: the PDF, the legal invoice, beside its XML (moved after it, before the acknowledgements).
                publication.stage(invoice.invoice().pdf().getFileName().toString(), target.resolveSibling(invoice.invoiceId() + ".pdf"));
            }
        }
        stageAcknowledgement(publication, "flux.xml", FlowReport.ofInvoiceFlow(outcome));
        if (outcome.deliveredCount() > 0) {
            stageAcknowledgement(publication, "factures.xml", InvoiceStatuses.delivered(outcome));
        }
        return keepOriginal(publication, original, outcome.flowId(), outcome.partner(), outcome.fileName(), outcome.rejectedAsWhole(),
                outcome.decidedAt().toLocalDate());
    }

    /** A commit reported a failure and the ledger cannot say whether it was applied: the next attempt asks again. */
    public static final class UnclearCommit extends RuntimeException {
        UnclearCommit(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A flow whose commit is refused because the engine stops and has handed it back (see {@link #handBack}). */
    private static final class HandedBack extends RuntimeException {
        HandedBack() {
            super("handed back: the engine stops", null, false, false);
        }
    }

    /** Reading a flow failed the engine itself (an Error such as OutOfMemoryError): retrying would fail again. */
    public static final class UnprocessableFlow extends Exception {
        UnprocessableFlow(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
