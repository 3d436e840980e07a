package org.chorusedi.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.chorusedi.cluster.FlowClaims;
import org.chorusedi.config.Folders;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.Ledger.State;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows in {@code work/} that no intake thread is working on, settled with the ledger, which alone
 * says whether a flow was committed: a committed flow's publication is finished; what a published or
 * parked flow left behind is removed; an uncommitted flow's original is put back into its drop directory,
 * to be processed again as a new flow. At start-up every such flow is settled; while the engine runs,
 * those that could not be (a publication that cannot be finished yet, a ledger that cannot be asked) are
 * tried again with a growing delay, never at every poll. A node of a cluster settles only the flows that
 * are its own, nobody's, or a dead node's (taken over, see cluster.FlowClaims), never a live node's.
 */
final class UnfinishedFlows {

    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedFlows.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofHours(1);

    private final Folders folders;
    private final DiskSync sync;
    private final Ledger ledger;
    private final Clock clock;
    private final FlowClaims claims;
    /** The flows an intake thread is working on: never touched here. */
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    /** Flows to settle again, with when and the delay before the next try. */
    private final Map<String, Retry> retries = new HashMap<>();

    private record Retry(Instant due, Duration delay) {
    }

    UnfinishedFlows(Folders folders, Ledger ledger, Clock clock, FlowClaims claims, DiskSync sync) {
        this.folders = folders;
        this.sync = sync;
        this.ledger = ledger;
        this.clock = clock;
        this.claims = claims;
    }

    void started(String flowId) {
        inProgress.add(flowId);
    }

    void ended(String flowId) {
        inProgress.remove(flowId);
    }

    /** At start-up, before any flow is taken: every flow the ledger has in publication, and every folder of work/. */
    synchronized void settleAll() {
        unsettled().forEach(this::settle);
    }

    /**
     * At a stop, once no commit can start any more: every flow this engine may settle, the flows still in progress too
     * (an uncommitted one goes back to its drop directory while its thread goes on, and its commit is refused), except
     * a committed one whose thread is publishing it.
     */
    synchronized void handBack() {
        for (String flowId : unsettled()) {
            if (inProgress.contains(flowId) && ledger.state(flowId).isPresent()) {
                continue; // committed: its thread finishes the publication, or the next start does
            }
            inProgress.remove(flowId);
            settle(flowId);
        }
    }

    /** Every flow the ledger has in publication, this engine's claims, and every folder of work/. */
    private Set<String> unsettled() {
        Set<String> flows = new LinkedHashSet<>(ledger.unpublished());
        flows.addAll(claims.own());
        try (DirectoryStream<Path> staged = Files.newDirectoryStream(folders.work())) {
            staged.forEach(folder -> flows.add(folder.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folders.work(), e);
        }
        return flows;
    }

    /** The flows whose next try is due, and those of dead nodes (every second, by the engine). */
    synchronized void settleDue() {
        try {
            claims.abandoned().forEach(this::settle);
        } catch (RuntimeException e) {
            LOG.warn("cannot look for the flows of dead nodes now: {}", Printable.of(e.toString()));
        }
        Instant now = clock.instant();
        for (String flowId : Set.copyOf(retries.keySet())) {
            if (!retries.get(flowId).due().isAfter(now)) {
                settle(flowId);
            }
        }
    }

    /** A flow an intake thread gives up on for now (its publication failed, its commit is unclear): settled later. */
    synchronized void later(String flowId, String why) {
        inProgress.remove(flowId);
        Retry previous = retries.get(flowId);
        Duration delay = previous == null ? FIRST_RETRY : min(previous.delay().multipliedBy(2), LAST_RETRY);
        retries.put(flowId, new Retry(clock.instant().plus(delay), delay));
        LOG.error("flow {} is not finished: {}; it is tried again in {} s, and its files wait in work/{}",
                flowId, Printable.of(why), delay.toSeconds(), flowId);
    }

    private void settle(String flowId) {
        if (inProgress.contains(flowId)) {
            return;
        }
        Path staging = folders.work().resolve(flowId);
        try {
            if (!claims.settle(flowId)) {
                return; // a live node's
            }
            Optional<State> state = ledger.state(flowId);
            if (state.isEmpty()) {
                putBack(flowId, staging);
                claims.release(flowId);
            } else if (state.get() == State.PUBLISHING) {
                LOG.info("finishing the publication of flow {}", flowId);
                ledger.forceToDisk(); // its commit's forcing may not have ended (a kill, a lost connection)
                Publication.carryOut(sync, folders, staging, ledger.committed(flowId).moves());
                ledger.published(flowId); // which ends its claim
            } else {
                Publication.deleteTree(staging);
                claims.release(flowId);
            }
            retries.remove(flowId);
        } catch (IOException | RuntimeException e) {
            if (e instanceof Publication.NeitherStagedNorPublished) {
                recordProblem(flowId, e.getMessage());
            }
            later(flowId, e.toString());
        }
    }

    private void recordProblem(String flowId, String problem) {
        try {
            ledger.problem(flowId, problem);
        } catch (RuntimeException e) {
            LOG.warn("cannot record the problem of flow {} in the ledger: {}", flowId, e.toString());
        }
    }

    /**
     * An uncommitted flow: its original goes back where it was dropped ({@code in/<partner>/}, the
     * partner starting its flow id), under its own name if that is free, else under its flow id and name
     * (never over a newer file); then its staging folder goes.
     */
    private void putBack(String flowId, Path staging) throws IOException {
        Path original = null;
        Path taken = staging.resolve(Publication.ORIGINAL);
        if (Files.isDirectory(taken, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(taken)) {
                for (Path file : files) {
                    original = file;
                }
            }
        }
        String partner = flowId.contains("-") ? flowId.substring(0, flowId.indexOf('-')) : "";
        if (original != null && !Folders.PARTNER_CODE.matcher(partner).matches()) {
            throw new IOException(staging + " is no flow's folder (its name does not start with a partner code): left as it is");
        }
        if (original == null) {
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                LOG.info("dropping the unfinished flow {}: nothing of it was committed", flowId);
            }
            Publication.deleteTree(staging);
            return;
        }
        // What it staged goes first, the original last: a deposit put back is taken again under the same flow id, into
        // the same folder of work/, which must then hold nothing of this attempt.
        Publication.restart(folders, flowId);
        String name = original.getFileName().toString();
        Path dropFolder = folders.createFolder(folders.in().resolve(partner));
        Path target = moveWithoutReplacing(flowId, original, dropFolder.resolve(name), dropFolder.resolve(Folders.keptName(flowId, name)));
        DiskSync.folder(dropFolder);
        LOG.info("flow {} was not committed before the engine stopped: its file is put back as {}, to be processed again",
                flowId, Printable.of(folders.root().relativize(target).toString()));
        try {
            Files.deleteIfExists(taken);
            Files.deleteIfExists(staging);
        } catch (DirectoryNotEmptyException takenAgain) {
            LOG.debug("flow {} was taken again before its folder of work/ was removed", flowId);
        }
    }

    /**
     * Moves {@code from} to the first of the targets that does not exist, never replacing a file. A flow deposited
     * over the API is found there under its own flow id (ledger.ApiDeposits): recorded before the intake can take it,
     * which waits for its read lock.
     */
    private Path moveWithoutReplacing(String flowId, Path from, Path... targets) throws IOException {
        for (Path target : targets) {
            try {
                // A hard link fails if the name is taken: a move that never replaces (one file system).
                Files.createLink(target, from);
                ledger.deposits().putBack(flowId, target);
                Files.delete(from);
                return target;
            } catch (FileAlreadyExistsException e) {
                // the next name
            }
        }
        throw new FileAlreadyExistsException(targets[targets.length - 1].toString());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
