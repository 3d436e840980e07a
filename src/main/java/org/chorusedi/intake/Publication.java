package org.chorusedi.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.chorusedi.flow.InvoiceRead;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.Ledger.Move;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow's outputs, staged in {@code work/<flow id>/} and published together: every staged file is
 * renamed into place, the invoices first, then the acknowledgements, the original last. The ledger's
 * commit of the flow (its rows and these moves, in one transaction) is the commit point: at start-up,
 * a committed flow is finished from the ledger, and a staging folder the ledger does not know is
 * dropped (its original is still in the drop directory, and is processed again).
 */
public final class Publication {

    private static final Logger LOG = LoggerFactory.getLogger(Publication.class);

    private final Path staging;
    /** Delivered invoices: the ledger derives these moves from its invoice rows. */
    private final List<Move> deliveries = new ArrayList<>();
    /** The flow's other files, recorded as they are by the ledger. */
    private final List<Move> fileMoves = new ArrayList<>();

    private Publication(Path staging) {
        this.staging = staging;
    }

    public static Publication begin(Path workFolder, String flowId) throws IOException {
        Path staging = workFolder.resolve(flowId);
        deleteTree(staging);
        Files.createDirectories(staging);
        return new Publication(staging);
    }

    /** The folder where the flow's outputs are staged. */
    public Path staging() {
        return staging;
    }

    /** A new file in the staging folder, to be moved to {@code target} on publication. */
    public Path stage(String stagedName, Path target) {
        Path staged = staging.resolve(stagedName);
        fileMoves.add(new Move(staged, target));
        return staged;
    }

    /** An invoice staged by the flow reader, to be delivered to {@code target} on publication. */
    public void deliver(InvoiceRead invoice, Path target) {
        // After a stop, the ledger finds the staged invoice again by its position alone.
        if (!invoice.staged().equals(InvoiceRead.stagedFile(staging, invoice.index()))) {
            throw new IllegalStateException("invoice " + invoice.index() + " staged as " + invoice.staged()
                    + ", not where the ledger would look for it");
        }
        deliveries.add(new Move(invoice.staged(), target));
    }

    /** The original flow file, moved last, once everything it produced is in place. */
    public void moveOriginal(Path original, Path target) {
        fileMoves.add(new Move(original, target));
    }

    /** The moves of the flow's files other than its invoices, in order. */
    public List<Move> fileMoves() {
        return List.copyOf(fileMoves);
    }

    /**
     * Before the commit: makes every target folder, so that an outbox or an acknowledgement folder that
     * cannot be written stops the flow before anything is published (it stays pending in in/).
     */
    public void prepare() throws IOException {
        Set<Path> folders = new LinkedHashSet<>();
        deliveries.forEach(move -> folders.add(move.to().getParent()));
        fileMoves.forEach(move -> folders.add(move.to().getParent()));
        for (Path folder : folders) {
            Files.createDirectories(folder);
        }
    }

    /** After the ledger's commit: moves everything into place. */
    public void carryOut() throws IOException {
        carryOut(deliveries);
        carryOut(fileMoves);
        deleteTree(staging);
    }

    /** Drops what was staged (the flow was not committed); the original stays where it is. */
    public void abandon() {
        try {
            deleteTree(staging);
        } catch (IOException e) {
            LOG.warn("could not clean {}: {}", staging, e.toString());
        }
    }

    /** At start-up: finish every committed flow (what cannot be finished yet stays), drop every uncommitted one. */
    public static void recover(Path workFolder, Ledger ledger) throws IOException {
        Set<String> committed = finishCommitted(workFolder, ledger).keySet();
        try (DirectoryStream<Path> flows = Files.newDirectoryStream(workFolder)) {
            for (Path staging : flows) {
                if (!committed.contains(staging.getFileName().toString())) {
                    LOG.info("dropping the unfinished flow {}: its file will be processed again", staging.getFileName());
                    deleteTree(staging);
                }
            }
        }
    }

    /**
     * Finishes the publications that were committed but not carried out (a stop, a full disk, an
     * outbox that cannot be written). One that still fails is logged and stays committed, to be tried
     * again; it holds back only its own original (see {@link #awaits}), never the other flows.
     *
     * @return the flows still committed and not published, with their moves
     */
    public static Map<String, List<Move>> finishCommitted(Path workFolder, Ledger ledger) {
        Map<String, List<Move>> pending = ledger.unpublished();
        for (Map.Entry<String, List<Move>> flow : Map.copyOf(pending).entrySet()) {
            try {
                LOG.info("finishing the publication of flow {}", flow.getKey());
                carryOut(flow.getValue());
                deleteTree(workFolder.resolve(flow.getKey()));
                ledger.published(flow.getKey());
                pending.remove(flow.getKey());
            } catch (IOException e) {
                LOG.error("the publication of flow {} is committed but cannot be finished yet ({}); it is tried again"
                        + " before each flow, and its original waits in its drop directory", flow.getKey(), e.toString());
            }
        }
        return pending;
    }

    /** Whether this file is the original of a committed flow not yet published: it must not be taken again. */
    public static boolean awaits(Map<String, List<Move>> pending, Path original) {
        return pending.values().stream().flatMap(List::stream).anyMatch(move -> move.from().equals(original));
    }

    private static void carryOut(List<Move> moves) throws IOException {
        for (Move move : moves) {
            try {
                Files.move(move.from(), move.to(), StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                // Moved before a stop (the source is gone, the target there), or the target folder went
                // away since the commit.
                if (Files.exists(move.from())) {
                    Files.createDirectories(move.to().getParent());
                    Files.move(move.from(), move.to(), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
