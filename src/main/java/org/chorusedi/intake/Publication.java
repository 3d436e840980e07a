package org.chorusedi.intake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow's outputs, staged in {@code work/<flow id>/} and published together: every staged file is
 * renamed into place, the original last. The plan file written once staging is complete is the
 * commit record: at start-up, a flow with a plan is finished, one without is dropped (its original
 * is still in the drop directory and is processed again).
 */
public final class Publication {

    private static final Logger LOG = LoggerFactory.getLogger(Publication.class);
    static final String PLAN = "publish.plan";

    private final Path staging;
    private final List<Path[]> moves = new ArrayList<>();

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
        moves.add(new Path[] {staged, target});
        return staged;
    }

    /** A file already staged (by the flow reader), to be moved to {@code target} on publication. */
    public void publish(Path staged, Path target) {
        moves.add(new Path[] {staged, target});
    }

    /** The original flow file, moved last, once everything it produced is in place. */
    public void moveOriginal(Path original, Path target) {
        moves.add(new Path[] {original, target});
    }

    /** Writes the commit record, then carries it out. */
    public void commit() throws IOException {
        Path plan = staging.resolve(PLAN);
        Path aside = staging.resolve(PLAN + ".part");
        // Binary strings: a sender's file name may hold tabs or newlines.
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(aside)))) {
            out.writeInt(moves.size());
            for (Path[] move : moves) {
                out.writeUTF(move[0].toString());
                out.writeUTF(move[1].toString());
            }
        }
        Files.move(aside, plan, StandardCopyOption.ATOMIC_MOVE);
        carryOut(staging);
    }

    /** Drops what was staged; the original stays where it is. */
    public void abandon() {
        try {
            deleteTree(staging);
        } catch (IOException e) {
            LOG.warn("could not clean {}: {}", staging, e.toString());
        }
    }

    /** At start-up: finish every committed flow, drop every uncommitted one. */
    public static void recover(Path workFolder) throws IOException {
        finishCommitted(workFolder);
        try (DirectoryStream<Path> flows = Files.newDirectoryStream(workFolder)) {
            for (Path staging : flows) {
                LOG.info("dropping the unfinished flow {}: its file will be processed again", staging.getFileName());
                deleteTree(staging);
            }
        }
    }

    /**
     * Finishes the publications that were committed but not carried out (a stop, a full disk, an
     * outbox made read-only). Until they succeed, no new flow is taken: its original would otherwise
     * be processed twice.
     */
    public static void finishCommitted(Path workFolder) throws IOException {
        try (DirectoryStream<Path> flows = Files.newDirectoryStream(workFolder, p -> Files.exists(p.resolve(PLAN)))) {
            for (Path staging : flows) {
                LOG.info("finishing the publication of flow {}", staging.getFileName());
                carryOut(staging);
            }
        }
    }

    private static void carryOut(Path staging) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(staging.resolve(PLAN))))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                Path from = Path.of(in.readUTF());
                Path to = Path.of(in.readUTF());
                // Done before a stop: the source is gone and the target is there.
                if (Files.exists(from)) {
                    Files.createDirectories(to.getParent());
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        deleteTree(staging);
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
