package org.chorusedi.intake;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.Exchange;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.cluster.FlowClaims;
import org.chorusedi.cluster.FlowsAtWork;
import org.chorusedi.config.Folders;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.flow.DepositMode;
import org.chorusedi.flow.FlowEvaluator;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.Ledger.LedgerException;
import org.chorusedi.lifecycle.LifeCycleDecisions;
import org.chorusedi.lifecycle.LifeCycleReader;
import org.chorusedi.logging.FlowLog;
import org.chorusedi.metrics.EngineMeters;
import org.chorusedi.works.WorksAnswers;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one dropped flow from a partner's drop directory to its outcome: the attempt (number the flow, take hold of
 * its file, go on where an earlier attempt stopped), the dispatch (its shape, {@link FlowShapes}, chooses the pipeline
 * that decides, stages, commits and publishes it), and the park. A failure before the commit is the route's to retry
 * (routes/intake.camel.yaml); once retries are spent, the flow is parked in {@code failed/<partner>/} with a report
 * ({@link #park}). A stop closes the commit point and hands the flows left back ({@link #handBack}).
 */
public final class FlowIntake {

    private static final Logger LOG = LoggerFactory.getLogger(FlowIntake.class);

    private final Folders folders;
    private final LifeCycleReader lifeCycleReader;
    private final FlowIds flowIds;
    private final Deposits deposits;
    private final Ledger ledger;
    private final UnfinishedFlows unfinished;
    private final CommitPoint commits;
    private final FlowShapes shapes;
    private final Clock clock;
    private final EngineMeters meters;
    /** Which node works on which flow: every flow is the single engine's (FlowClaims.LOCAL). */
    private final FlowClaims claims;
    /** The flows being read, checked or published now, for the operators' endpoints. */
    private final FlowsAtWork atWork = new FlowsAtWork();
    private final FlowTurns turns;
    /**
     * The engine is stopping: no flow is taken any more, a failed attempt is neither tried again nor parked (the
     * engine's own stop is no reason to park a flow): its file is handed back to its drop directory.
     */
    private volatile boolean stopping;

    /**
     * @param partners the registry the emission check runs against (PartnerLookup.OPEN when it is off)
     * @param works    the works circuit's answers, checked with the duplicates before each commit
     * @param claims   which flows are this engine's: FlowClaims.LOCAL for a single engine, its claims for a node of a cluster
     * @param threads  how many flows may be read and decided at once (chorus.intake.threads)
     * @param largeFlows of them, how many large ones (chorus.intake.large-flows, see {@link FlowTurns})
     */
    public FlowIntake(Folders folders, FlowEvaluator evaluator, DirectoryLookup directory, PartnerLookup partners,
                      LifeCycleReader lifeCycleReader, LifeCycleDecisions lifeCycle, CppStatutWriter acknowledgements, Ledger ledger,
                      WorksAnswers works, ExecutorService syncPool, Clock clock, EngineMeters meters, FlowClaims claims, int threads,
                      int largeFlows) {
        this.claims = claims;
        this.turns = new FlowTurns(threads, largeFlows);
        this.folders = folders;
        this.lifeCycleReader = lifeCycleReader;
        this.flowIds = new FlowIds(clock, ledger::nextFlowNumber);
        this.deposits = new Deposits(folders, flowIds, ledger.deposits(), clock);
        this.ledger = ledger;
        DiskSync sync = new DiskSync(syncPool);
        this.unfinished = new UnfinishedFlows(folders, ledger, clock, claims, sync);
        this.commits = new CommitPoint(folders, ledger, unfinished, sync);
        FlowStaging staging = new FlowStaging(folders, acknowledgements, sync);
        this.shapes = new FlowShapes(new LifeCycleDocumentPipeline(lifeCycleReader, lifeCycle, ledger, staging, commits, meters),
                new InvoiceFlowPipeline(folders, evaluator, directory, partners, ledger, works, staging, commits, meters));
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
        commits.close(() -> {
            try {
                unfinished.handBack();
            } catch (RuntimeException e) {
                LOG.warn("the flows left in work/ could not all be handed back ({}): the next start settles them",
                        Printable.of(e.toString()));
            }
        });
    }

    /** Tries again the flows left unfinished whose time has come (every second, by the engine). Never throws. */
    public void settleUnfinished() {
        try {
            commits.settle(unfinished::settleDue);
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
     * Processes a dropped flow, or goes on with it where an earlier attempt stopped: numbered, taken hold of, then run
     * by the pipeline its shape chooses ({@link FlowShapes}).
     *
     * @param exchange the route's exchange: a life-cycle document is read with the Camel context's JAXB data
     *                 format (null for a link refused without being read, {@link #refuseLink})
     * @throws IOException, XMLStreamException, LedgerException when the flow could not be decided or
     *         committed: the route tries again, then parks it
     * @throws UnprocessableFlow when reading the flow failed the engine itself: parked without retrying
     */
    public void process(DroppedFlow flow, Exchange exchange) throws IOException, XMLStreamException, UnprocessableFlow {
        FlowTurns.Turn turn = stopping ? null
                : turns.take(flow.taken() == null ? flow.dropped() : flow.taken().path(), () -> stopping);
        if (turn == null) {
            handBackOnStop(flow);
            return;
        }
        meters.flowStarted();
        try {
            attempt(flow, exchange);
        } catch (HandedBack e) {
            LOG.info("{}: handed back to in/{}/ before its commit, the engine stops", flow, flow.partner());
        } finally {
            turns.give(turn);
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
                // A flow whose earlier commit was unclear is settled with the ledger, or decided again if it was not committed.
                if (takeHold(flow) && !(flow.commitAttempted() && commits.settledAfterUnclearCommit(flow))) {
                    dispatch(flow, exchange);
                }
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

    /**
     * Takes hold of the flow's file, unless an earlier attempt did. False when this attempt stops here: the engine
     * stops, another node takes the file, or the file is gone.
     */
    private boolean takeHold(DroppedFlow flow) throws IOException {
        if (flow.taken() != null) {
            return true;
        }
        String flowId = flow.flowId();
        if (stopping) {
            handBackOnStop(flow);
            return false;
        }
        unfinished.started(flowId);
        if (!claims.claim(flowId, flow.dropped())) {
            unfinished.ended(flowId);
            LOG.debug("{} is being taken by another node", flow);
            return false;
        }
        TakenFile taken = Publication.take(folders, flowId, flow.dropped(), flow.name());
        if (taken == null) {
            unfinished.ended(flowId);
            claims.release(flowId);
            LOG.info("{} is gone before it could be taken", flow);
            return false;
        }
        flow.taken(taken);
        if (flow.mode() == DepositMode.API) {
            deposits.taken(flowId);
        }
        return true;
    }

    /** The flow's shape chooses its pipeline, which takes it from its decision to its publication. */
    private void dispatch(DroppedFlow flow, Exchange exchange) throws IOException, XMLStreamException, UnprocessableFlow {
        Publication publication = Publication.restart(folders, flow.flowId());
        FlowSniff sniff = FlowSniff.of(flow.taken(), lifeCycleReader);
        FlowShapes.FlowShape shape = shapes.of(sniff);
        LOG.debug("{}: {}", flow, shape.name());
        shape.pipeline().run(flow, publication, sniff, exchange == null ? null : exchange.getContext());
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

    /** A commit reported a failure and the ledger cannot say whether it was applied: the next attempt asks again. */
    public static final class UnclearCommit extends RuntimeException {
        UnclearCommit(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A flow whose commit is refused because the engine stops and has handed it back (see {@link #handBack}). */
    static final class HandedBack extends RuntimeException {
        HandedBack() {
            super("handed back: the engine stops", null, false, false);
        }
    }
}
