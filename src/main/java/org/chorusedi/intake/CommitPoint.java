package org.chorusedi.intake;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.xml.stream.XMLStreamException;
import org.chorusedi.config.Folders;
import org.chorusedi.intake.FlowIntake.HandedBack;
import org.chorusedi.intake.FlowIntake.UnclearCommit;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.Ledger.LedgerException;
import org.chorusedi.ledger.Ledger.State;
import org.chorusedi.logging.FlowLog;
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
    private final DiskSync sync;
    private final Ledger ledger;
    private final UnfinishedFlows unfinished;
    private final Object publishing = new Object();
    /** Committed flows whose publication is not finished yet (guarded by {@link #publishing}). */
    private int publicationsUnderWay;
    /** Set once the flows left are handed back: no commit may start any more (guarded by {@link #publishing}). */
    private boolean handedBack;
    /**
     * The flows reaching their commit and the flows whose files are in place: committed and marked published together,
     * in one ledger transaction, when they arrive together; that transaction forced to disk beside the next group's.
     */
    private final Grouped<Piece> groups = new Grouped<>(this::runGroup, this::forceGroup);
    /**
     * The published flows' folders, forced together before their marks join a group: each folder once for the flows
     * published at the same time, beside the commit point's groups rather than in their turn.
     */
    private final Grouped<Mark> folderForcings = new Grouped<>(this::forceFolders);

    CommitPoint(Folders folders, Ledger ledger, UnfinishedFlows unfinished, DiskSync sync) {
        this.folders = folders;
        this.sync = sync;
        this.ledger = ledger;
        this.unfinished = unfinished;
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
            UnclearCommit notForced = notForced(flow);
            if (notForced != null) {
                throw notForced;
            }
            LOG.warn("the commit of flow {} reported a failure ({}), but the ledger holds it: it is published",
                    flow.flowId(), Printable.of(failure.getMessage()));
        }
    }

    /** What a flow hands in to be done in a group: its commit, or, once its files are in place, its published mark. */
    private sealed interface Piece permits Member, Mark {
    }

    /** A flow in a group commit: its step, run by the group's leader, then what became of it. */
    private static final class Member<T> implements Piece {
        final DroppedFlow flow;
        final Step<T> step;
        T result;
        Throwable failure;
        /** Committed in a transaction to force to disk before the flow is published ({@link #forceGroup}). */
        boolean toForce;

        Member(DroppedFlow flow, Step<T> step) {
            this.flow = flow;
            this.step = step;
        }
    }

    /** A flow whose files are in place, to mark published once its folders are forced; then whether that failed. */
    private static final class Mark implements Piece {
        final String flowId;
        final Set<Path> folders;
        Exception failure;

        Mark(String flowId, Set<Path> folders) {
            this.flowId = flowId;
            this.folders = folders;
        }
    }

    /**
     * Group commit: checks and commits the flow alone, as {@link #alone} would, then publishes it; returns what its step
     * returned. Flows that reach this point while a group is being committed wait, then are committed together by one
     * of them: each flow's step (checked for duplicates against the ledger and the flows before it in the group, staged
     * again if it must be, its ledger rows written) in one ledger transaction. Each flow is then published on its own
     * thread, side by side, and marked so in the next group's transaction, with the flows committed or published at the
     * same time. The step must commit with {@link #commit}. A flow whose step fails, fails alone: its ledger work is
     * undone, the others' stays.
     */
    <T> T commitInGroup(DroppedFlow flow, Step<T> step, Function<T, Publication> publication) throws IOException, XMLStreamException {
        Member<T> member = new Member<>(flow, step);
        groups.run(member);
        if (member.failure != null) {
            throw rethrown(member.failure);
        }
        if (member.result == null) {
            // Its group's leader failed outside any flow's step (logged by that flow): the next attempt asks the ledger.
            throw new IllegalStateException("flow " + flow.flowId() + ": its group commit ended without an outcome");
        }
        try {
            publish(flow.flowId(), publication.apply(member.result), false);
        } finally {
            synchronized (publishing) {
                publicationsUnderWay--;
                publishing.notifyAll();
            }
        }
        return member.result;
    }

    /**
     * One group, alone: in one ledger transaction, its published flows marked so (their folders are forced) and each
     * member's step run. The members committed are counted as under publication; {@link #forceGroup} forces their
     * transaction to disk.
     */
    private void runGroup(List<Piece> group) {
        List<Mark> marks = new ArrayList<>();
        List<Member<?>> members = new ArrayList<>();
        for (Piece piece : group) {
            if (piece instanceof Mark mark) {
                marks.add(mark);
            } else {
                members.add((Member<?>) piece);
            }
        }
        synchronized (publishing) {
            if (members.size() > 1) {
                // The crash tests kill the engine inside a group from this line on.
                LOG.debug("committing {} flows together: {}", members.size(), members.stream().map(m -> m.flow.flowId()).toList());
            }
            try {
                boolean toForce = ledger.inOneTransaction(() -> {
                    mark(marks);
                    members.forEach(CommitPoint::runStep);
                });
                members.forEach(m -> m.toForce = toForce && m.failure == null);
            } catch (RuntimeException | Error e) {
                // The transaction's commit failed: each flow's commit is settled as a commit of its own would be; a
                // published flow whose mark it held is settled later, as when its mark fails alone.
                for (Member<?> member : members) {
                    if (member.failure == null) {
                        settleFailedCommit(member, e);
                    }
                }
                marks.stream().filter(m -> m.failure == null)
                        .forEach(m -> m.failure = new IllegalStateException("the transaction marking it published failed: " + e, e));
            }
            publicationsUnderWay += (int) members.stream().filter(m -> m.failure == null).count();
        }
    }

    /**
     * After a group, while the next one may begin: its transaction forced to disk before any of its flows is published
     * (one forcing's wait beside the next group's statements, not before them). If it cannot be, none of them is
     * published: each is left to be settled once the ledger can be forced, as a commit that could not be forced is.
     */
    private void forceGroup(List<Piece> group) {
        List<Member<?>> toForce = new ArrayList<>();
        for (Piece piece : group) {
            if (piece instanceof Member<?> member && member.toForce) {
                toForce.add(member);
            }
        }
        if (toForce.isEmpty()) {
            return;
        }
        try {
            ledger.forceToDisk();
        } catch (RuntimeException | Error e) {
            for (Member<?> member : toForce) {
                member.failure = new UnclearCommit("flow " + member.flow.flowId() + " is committed but its commit cannot be forced"
                        + " to disk (" + e.getMessage() + "): nothing of it is published yet", e);
            }
            synchronized (publishing) {
                publicationsUnderWay -= toForce.size();
                publishing.notifyAll();
            }
        }
    }

    private static <T> void runStep(Member<T> member) {
        try (FlowLog ignored = FlowLog.of(member.flow.flowId(), member.flow.partner())) {
            member.result = member.step.run();
        } catch (IOException | XMLStreamException | RuntimeException | Error e) {
            member.failure = e;
        }
    }

    /** A member whose step ended well when its group's transaction failed: committed or not, the ledger says. */
    private void settleFailedCommit(Member<?> member, Throwable failure) {
        DroppedFlow flow = member.flow;
        if (!flow.commitAttempted()) {
            member.failure = failure;
            return;
        }
        try {
            if (ledger.state(flow.flowId()).isEmpty()) {
                flow.commitAttempted(false);
                member.failure = failure;
            } else {
                member.failure = notForced(flow);
                if (member.failure == null) {
                    LOG.warn("the group commit of flow {} reported a failure ({}), but the ledger holds it: it is published",
                            flow.flowId(), Printable.of(failure.getMessage()));
                }
            }
        } catch (LedgerException unclear) {
            member.failure = new UnclearCommit("the commit of flow " + flow.flowId() + " is unclear (" + failure.getMessage()
                    + ") and the ledger cannot be asked: nothing is undone", unclear);
        }
    }

    /**
     * Forces a commit that reported a failure, though the ledger holds it, before anything of it is published; null
     * when done, else why its publication waits.
     */
    private UnclearCommit notForced(DroppedFlow flow) {
        try {
            ledger.forceToDisk();
            return null;
        } catch (LedgerException e) {
            return new UnclearCommit("flow " + flow.flowId() + " is committed but its commit cannot be forced to disk ("
                    + e.getMessage() + "): nothing of it is published yet", e);
        }
    }

    private static RuntimeException rethrown(Throwable failure) throws IOException, XMLStreamException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof XMLStreamException xml) {
            throw xml;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }

    /**
     * After a commit made within {@link #aloneOncePublished}: published as {@link #publish(String, Publication, boolean)}
     * says, the flow marked published in a transaction of its own, as a group's leader would wait for the lock this
     * thread holds.
     */
    void publishAlone(String flowId, Publication publication) {
        publish(flowId, publication, true);
    }

    /**
     * After the commit: the flow's files moved into place; the folders they went into forced (with those of the flows
     * published at the same time, unless {@code alone}); the flow marked published (in the next group, see
     * {@link #runGroup}, unless {@code alone}); then its staging folder dropped.
     * A publication that fails is left to be finished later, never undone.
     */
    private void publish(String flowId, Publication publication, boolean alone) {
        Mark mark;
        try {
            mark = new Mark(flowId, publication.moveIntoPlace());
            if (alone) {
                forceFolders(List.of(mark));
                if (mark.failure == null) {
                    mark(List.of(mark));
                }
            } else {
                forceFoldersWithOthers(mark);
                if (mark.failure == null) {
                    groups.run(mark);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Publication.NeitherStagedNorPublished) {
                try {
                    ledger.problem(flowId, e.getMessage());
                } catch (RuntimeException ignored) {
                    // said in the log line below
                }
            }
            unfinished.later(flowId, "its publication is committed but failed: " + e);
            return;
        }
        try {
            if (mark.failure != null) {
                throw mark.failure;
            }
            Publication.deleteTree(publication.staging());
        } catch (Exception e) {
            // Published or not, the next try settles it with the ledger (and drops what is left of it).
            unfinished.later(flowId, "its files are in place, then: " + e);
            return;
        }
        unfinished.ended(flowId); // its claim ended with its mark
    }

    /** Forces the mark's folders with those of the flows published at the same time (GroupCommitRouteTest looks for it). */
    private void forceFoldersWithOthers(Mark mark) throws InterruptedIOException {
        folderForcings.run(mark);
    }

    /** Forces the folders of the flows published together, each once; if that fails, no mark is written. */
    private void forceFolders(List<Mark> marks) {
        Set<Path> folders = new LinkedHashSet<>();
        marks.forEach(m -> folders.addAll(m.folders));
        try {
            Publication.forceFolders(sync, folders);
        } catch (IOException | RuntimeException e) {
            marks.forEach(m -> m.failure = e);
        }
    }

    /** Marks the flows published, in the group's transaction when there is one, else in one of their own. */
    private void mark(List<Mark> marks) {
        if (marks.isEmpty()) {
            return;
        }
        try {
            ledger.published(marks.stream().map(m -> m.flowId).toList());
        } catch (RuntimeException e) {
            marks.forEach(m -> m.failure = e);
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
            ledger.forceToDisk();
            Publication.carryOut(sync, folders, folders.work().resolve(flow.flowId()), committed.moves());
            ledger.published(flow.flowId());
        }
        unfinished.ended(flow.flowId());
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
