package org.chorusedi.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.chorusedi.config.Folders;
import org.chorusedi.flow.InvoiceRead;
import org.chorusedi.ledger.Ledger.Move;

/**
 * A flow's outputs, staged in {@code work/<flow id>/} beside the original the engine took hold of, and
 * published together: every staged file is renamed into place, the invoices first, then the
 * acknowledgements, the original last. Before the ledger's commit (the commit point), everything staged
 * and every target folder is made and forced to disk; after the renames, the target folders are.
 */
public final class Publication {

    /** The folder of the dropped file, once taken, under its own name: the bytes read are the bytes archived. */
    static final String ORIGINAL = "original";

    /**
     * Where published files the flow takes back go (a recycled invoice's file in its old outbox): into the
     * staging folder, dropped with it. One already gone (its recipient took it) is nothing to take back.
     */
    static final String WITHDRAWN = "withdrawn";

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path staging;
    private final Folders folders;
    /** Delivered invoices: the ledger derives these moves from its invoice rows. */
    private final List<Move> deliveries = new ArrayList<>();
    /** The flow's other files, recorded as they are by the ledger. */
    private final List<Move> fileMoves = new ArrayList<>();

    private Publication(Path staging, Folders folders) {
        this.staging = staging;
        this.folders = folders;
    }

    /**
     * Takes hold of a dropped file: makes its flow's staging folder and renames the file into it, under the
     * flow's name (a deposit's own name, whatever name it waited under in the drop directory) (a
     * link or a special file is renamed itself, never followed nor opened). Whatever is put at the
     * dropped path afterwards is a new flow.
     *
     * @return the file taken, or null when it was gone
     */
    static TakenFile take(Folders folders, String flowId, Path dropped, String name) throws IOException {
        Path staging = folders.work().resolve(flowId);
        Path original = Files.createDirectories(staging.resolve(ORIGINAL)).resolve(name);
        try {
            Files.move(dropped, original, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            deleteTree(staging);
            return null;
        }
        return TakenFile.of(original, Files.readAttributes(original, BasicFileAttributes.class, NO_FOLLOW));
    }

    /** The publication of a taken flow, with what an earlier attempt staged dropped. */
    static Publication restart(Folders folders, String flowId) throws IOException {
        Path staging = folders.work().resolve(flowId);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
            for (Path file : files) {
                if (!file.getFileName().toString().equals(ORIGINAL)) {
                    deleteTree(file);
                }
            }
        }
        return new Publication(staging, folders);
    }

    /**
     * The same staging folder with nothing planned, for a flow staged again with another outcome: the
     * files staged again replace the earlier ones, and what is no longer planned goes with the folder.
     */
    Publication planAgain() {
        return new Publication(staging, folders);
    }

    /** The folder where the flow's outputs are staged. */
    public Path staging() {
        return staging;
    }

    /** A new file in the staging folder, to be moved to {@code target} on publication. */
    public Path stage(String stagedName, Path target) {
        // Two files to one target: the second would replace the first on publication, silently.
        if (fileMoves.stream().anyMatch(move -> move.to().equals(target))) {
            throw new IllegalStateException(stagedName + ": " + target + " is already the target of another file of this flow");
        }
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

    /** A published file taken back on publication, after the files staged so far are in place. */
    public void withdraw(Path published) {
        fileMoves.add(new Move(published, staging.resolve(WITHDRAWN).resolve(fileMoves.size() + "-" + published.getFileName())));
    }

    /** The original (where it was taken), moved last, once everything it produced is in place. */
    public void moveOriginal(Path taken, Path target) {
        fileMoves.add(new Move(taken, target));
    }

    /** The moves of the flow's files other than its invoices, in order. */
    public List<Move> fileMoves() {
        return List.copyOf(fileMoves);
    }

    /**
     * Before the commit: makes every target folder (none of them a link), so that a folder that cannot be
     * written stops the flow before anything is published; then forces to disk every file to be published
     * (the original too, when it is a regular file: a FIFO is never opened), the staging folder, and the
     * drop folder the original was taken from.
     */
    void prepare(DiskSync sync, TakenFile original, Path dropFolder) throws IOException {
        Set<Path> targets = new LinkedHashSet<>();
        deliveries.forEach(move -> targets.add(move.to().getParent()));
        fileMoves.forEach(move -> targets.add(move.to().getParent()));
        for (Path folder : targets) {
            folders.createFolder(folder);
        }
        // A name the file system refuses would stop the publication after the commit, for ever: refused before.
        for (Move move : fileMoves) {
            if (move.to().getFileName().toString().getBytes(StandardCharsets.UTF_8).length > Folders.MAX_NAME_BYTES) {
                throw new IOException("the file name " + move.to().getFileName() + " is longer than " + Folders.MAX_NAME_BYTES + " bytes");
            }
        }
        List<Path> files = new ArrayList<>(deliveries.size() + fileMoves.size());
        deliveries.forEach(move -> files.add(move.from()));
        for (Move move : fileMoves) {
            if (!withdrawal(move, staging) && (original.regular() || !move.from().equals(original.path()))) {
                files.add(move.from());
            }
        }
        sync.force(files, List.of(original.path().getParent(), staging, dropFolder));
    }

    /**
     * After the ledger's commit: moves everything into place and returns the folders to force to disk (flows published
     * together force a folder they share once, {@link #forceFolders}) before the staging folder is dropped.
     */
    Set<Path> moveIntoPlace() throws IOException {
        List<Move> all = new ArrayList<>(deliveries);
        all.addAll(fileMoves);
        return moveIntoPlace(folders, staging, all);
    }

    /**
     * Moves a committed flow's files into place, in order, then forces their folders to disk and drops
     * the staging folder.
     */
    static void carryOut(DiskSync sync, Folders folders, Path staging, List<Move> moves) throws IOException {
        forceFolders(sync, moveIntoPlace(folders, staging, moves));
        deleteTree(staging);
    }

    /**
     * Moves a committed flow's files into place, in order; returns the folders to force. A move already made (before a
     * stop) is passed over; a file that is neither staged nor in place is an error: the flow is never taken for
     * published. A withdrawal's folder to force is the one the file left, not the staging folder it went to: that one
     * is dropped, and a stop while dropping it may already have removed it.
     */
    private static Set<Path> moveIntoPlace(Folders folders, Path staging, List<Move> moves) throws IOException {
        Set<Path> toForce = new LinkedHashSet<>();
        for (Move move : moves) {
            try {
                Files.move(move.from(), move.to(), StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                if (Files.exists(move.from(), NO_FOLLOW)) {
                    // The target folder went away since the commit.
                    folders.createFolder(move.to().getParent());
                    Files.move(move.from(), move.to(), StandardCopyOption.ATOMIC_MOVE);
                } else if (!Files.exists(move.to(), NO_FOLLOW) && !withdrawal(move, staging)) {
                    throw new NeitherStagedNorPublished(move);
                }
            }
            toForce.add(withdrawal(move, staging) ? move.from().getParent() : move.to().getParent());
        }
        return toForce;
    }

    /**
     * Forces the folders moves went into or out of, side by side (a withdrawal's outbox its recipient removed has nothing
     * to force).
     */
    static void forceFolders(DiskSync sync, Set<Path> folders) throws IOException {
        sync.force(List.of(), folders.stream().filter(folder -> Files.isDirectory(folder, NO_FOLLOW)).toList());
    }

    private static boolean withdrawal(Move move, Path staging) {
        return move.to().getParent().equals(staging.resolve(WITHDRAWN));
    }

    /** A committed flow's file is neither where it was staged nor where it goes: it cannot be published. */
    static final class NeitherStagedNorPublished extends IOException {
        NeitherStagedNorPublished(Move move) {
            super("neither staged as " + move.from() + " nor published as " + move.to());
        }
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, NO_FOLLOW)) {
            return;
        }
        // Files.walk does not follow links: a link staged or taken is deleted itself.
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
