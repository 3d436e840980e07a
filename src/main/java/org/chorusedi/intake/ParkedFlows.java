package org.chorusedi.intake;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import org.chorusedi.config.Folders;

/**
 * The flows parked in failed/ (docs/operators/guarantees.md), as an operator retries one from the page: the same
 * move an operator makes by hand, failed/P/&lt;flow id&gt;__&lt;name&gt; back into in/P/&lt;name&gt;, made so that
 * two operators, or two nodes, retrying the same flow at once move it once, and a file already waiting in in/ under
 * that name is never replaced. The folder is the truth, as for the parked-flows check: the ledger's PARKED row stays
 * as the history of that attempt, and the file taken again is a new flow.
 */
public final class ParkedFlows {

    /** A parked flow moved back: where from, where to. */
    public record Retried(String flowId, String partner, Path from, Path to) {
    }

    /** There is no parked flow of this id in failed/ (never parked, or already moved back or away). */
    public static final class NotParked extends Exception {
        NotParked(String message) {
            super(message, null, false, false);
        }
    }

    /** in/ already has a file of the parked flow's name: retried, it would replace it. */
    public static final class NameTaken extends Exception {
        NameTaken(String message) {
            super(message, null, false, false);
        }
    }

    private final Folders folders;

    public ParkedFlows(Folders folders) {
        this.folders = folders;
    }

    /** The parked file of a flow, if failed/ has it. */
    public Optional<Path> find(String flowId) throws IOException {
        Matcher id = FlowIds.FORMAT.matcher(flowId);
        if (!id.matches()) {
            return Optional.empty();
        }
        Path folder = folders.failed(id.group(1));
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, flowId + "__*")) {
            for (Path file : files) {
                if (!file.getFileName().toString().endsWith(Folders.REPORT_SUFFIX) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.of(file);
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Moves a parked flow back into in/ under the name it came with (shortened as failed/ kept it), then removes its
     * report. The move is a link made in in/, which fails when the name is taken, then the parked name removed: the
     * file is never in neither place, and a second retry of the same flow finds nothing to move.
     */
    public Retried retry(String flowId) throws IOException, NotParked, NameTaken {
        Path parked = find(flowId).orElseThrow(() -> new NotParked("no flow " + flowId + " is parked in failed/"));
        String partner = parked.getParent().getFileName().toString();
        String name = parked.getFileName().toString().substring(flowId.length() + 2);
        Path inbox = folders.createFolder(folders.in().resolve(partner));
        Path target = inbox.resolve(name);
        try {
            link(target, parked, flowId);
        } catch (FileAlreadyExistsException e) {
            if (sameFile(target, parked)) {
                throw new NotParked("flow " + flowId + " is being moved back by another retry");
            }
            throw new NameTaken("in/" + partner + "/ already has a file named " + name + ": retry once the engine has taken it");
        } catch (NoSuchFileException e) {
            throw new NotParked("no flow " + flowId + " is parked in failed/ (moved meanwhile)");
        }
        try {
            Files.delete(parked);
        } catch (NoSuchFileException e) {
            // Another retry of the same flow linked it first and removed it: that one moves it; this link goes.
            Files.deleteIfExists(target);
            throw new NotParked("no flow " + flowId + " is parked in failed/ (moved meanwhile)");
        }
        Files.deleteIfExists(parked.resolveSibling(parked.getFileName() + Folders.REPORT_SUFFIX));
        DiskSync.folder(inbox);
        DiskSync.folder(parked.getParent());
        return new Retried(flowId, partner, parked, target);
    }

    private static boolean sameFile(Path target, Path parked) {
        try {
            return Files.isSameFile(target, parked);
        } catch (IOException gone) {
            return true;
        }
    }

    /**
     * A link to {@code parked} as {@code target}. failed/ and in/ may be on two disks (an operator's links): the file
     * is then copied aside in in/ first, under a name the intake never takes, forced to disk, and linked from there.
     */
    private static void link(Path target, Path parked, String flowId) throws IOException {
        try {
            Files.createLink(target, parked);
            return;
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            throw e;
        } catch (IOException crossDevice) {
            // EXDEV, the two folders on two file systems: copied below.
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path aside = target.resolveSibling("." + flowId + ".retry.part");
        Files.deleteIfExists(aside);
        try {
            Files.copy(parked, aside);
            try (FileChannel copy = FileChannel.open(aside, StandardOpenOption.WRITE)) {
                copy.force(true);
            }
            Files.createLink(target, aside);
        } finally {
            Files.deleteIfExists(aside);
        }
    }
}
