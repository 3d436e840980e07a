package org.chorusedi.intake;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import org.chorusedi.cluster.FlowClaims;
import org.chorusedi.config.Folders;
import org.chorusedi.intake.FlowIntake.HandedBack;
import org.chorusedi.intake.FlowIntake.UnclearCommit;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.Ledger.LedgerException;
import org.chorusedi.ledger.Ledger.State;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit point every pipeline passes, and the publication after it (docs/contributors/architecture.md, "The
 * commit protocol"). Flows are decided, staged and published side by side, but checked for duplicates and committed
 * one at a time ({@link #alone}): two flows carrying the same invoice cannot both pass. A commit is never assumed:
 * when it reports a failure, the ledger is asked before anything is undone. Once the engine has handed its flows
 * back ({@link #close}), no commit starts any more.
 */
final class CommitPoint {

    /** FlowIntake's logger: the operators read a flow's lines under it (docs/operators/configuration.md). */
    private static final Logger LOG = LoggerFactory.getLogger(FlowIntake.class);

    /** What a pipeline does alone: checked for duplicates, staged again if it must be, committed. */
    interface Step<T> {
        T run() throws IOException, XMLStreamException;
    }

    private final Folders folders;
    private final Ledger ledger;
    private final UnfinishedFlows unfinished;
    private final FlowClaims claims;
    private final Object publishing = new Object();
    /** Committed flows whose publication is not finished yet (guarded by {@link #publishing}). */
    private int publicationsUnderWay;
    /** Set once the flows left are handed back: no commit may start any more (guarded by {@link #publishing}). */
    private boolean handedBack;

    CommitPoint(Folders folders, Ledger ledger, UnfinishedFlows unfinished, FlowClaims claims) {
        this.folders = folders;
        this.ledger = ledger;
        this.unfinished = unfinished;
        this.claims = claims;
    }

    /** Runs the step while no other flow is checked, committed or settled. */
    <T> T alone(Step<T> step) throws IOException, XMLStreamException {
        synchronized (publishing) {
            return step.run();
        }
    }

    /**
     * Runs the step alone, once the publications under way are finished: a life-cycle flow reads the invoices it
     * changes from their archived flows and outboxes.
     */
    <T> T aloneOncePublished(Step<T> step) throws IOException, XMLStreamException {
        synchronized (publishing) {
            while (publicationsUnderWay > 0) {
                try {
                    publishing.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the publications under way");
                }
            }
            return step.run();
        }
    }

    /**
     * The commit, within {@link #alone}. When the commit reports a failure, the ledger is asked whether it holds the
     * flow all the same (a connection lost during COMMIT): if it does, the flow is published; if it cannot be asked,
     * nothing is undone and the flow is left to be settled once the ledger answers.
     */
    void commit(DroppedFlow flow, Runnable ledgerCommit) {
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

    /**
     * The commit of a flow published beside the others, within {@link #alone}: its publication is under way until
     * {@link #publishBeside} ends it.
     */
    void commitToPublishBeside(DroppedFlow flow, Runnable ledgerCommit) {
        commit(flow, ledgerCommit);
        publicationsUnderWay++;
    }

    /** Publishes a flow committed by {@link #commitToPublishBeside}, side by side with the other flows. */
    void publishBeside(String flowId, Publication publication) {
        try {
            publish(flowId, publication);
        } finally {
            synchronized (publishing) {
                publicationsUnderWay--;
                publishing.notifyAll();
            }
        }
    }

    /** After the commit: a publication that fails is left to be finished later, never undone. */
    void publish(String flowId, Publication publication) {
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
    boolean settledAfterUnclearCommit(DroppedFlow flow) throws IOException {
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

    /** Runs {@code settle} alone: the unfinished flows are settled while no flow commits. */
    void settle(Runnable settle) {
        synchronized (publishing) {
            settle.run();
        }
    }

    /** Closes the commit point for good, then runs {@code handBack} alone: no commit starts any more. */
    void close(Runnable handBack) {
        synchronized (publishing) {
            handedBack = true;
            handBack.run();
        }
    }
}
