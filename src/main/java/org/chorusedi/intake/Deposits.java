package org.chorusedi.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.chorusedi.config.Folders;
import org.chorusedi.ledger.ApiDeposits;
import org.chorusedi.ledger.ApiDeposits.Deposit;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flows deposited over the partners' API, handed to the same intake as a dropped file: the body is streamed
 * to disk aside ({@code in/<partner>/.<flow id>.part}, which the intake never takes), forced to disk, recorded in
 * the database (ledger.ApiDeposits) with the path it will wait at, then linked into the partner's drop directory,
 * where the intake takes it as any dropped file, with every guarantee of the ledger. Its flow id is given at once:
 * whichever engine takes the file, another node or this one after a restart, numbers it with that id ({@link
 * #waiting}). docs/partners/api.md.
 */
public final class Deposits {

    private static final Logger LOG = LoggerFactory.getLogger(Deposits.class);
    private static final int MAX_NAME_BYTES = 200;

    private final Folders folders;
    private final FlowIds flowIds;
    private final ApiDeposits records;
    private final Clock clock;

    /** The deposit is refused before anything is kept: said to the client (400 or 413). */
    public static final class Refused extends Exception {
        private final boolean tooLarge;

        Refused(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }

    Deposits(Folders folders, FlowIds flowIds, ApiDeposits records, Clock clock) {
        this.folders = folders;
        this.flowIds = flowIds;
        this.records = records;
        this.clock = clock;
    }

    /**
     * Streams a flow to disk and hands it to the intake; returns it with its flow id.
     *
     * @param maxBytes past this many bytes the deposit is refused (and its bytes dropped) without reading further
     * @throws Refused a name the drop directory would not take, an empty body, or one over {@code maxBytes}
     * @throws IOException the disk failed, or the client's body was cut short: nothing is kept
     */
    public Deposit deposit(String partner, String name, InputStream body, long maxBytes) throws Refused, IOException {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new Refused("name: " + problem, false);
        }
        Path folder = folders.createFolder(folders.in().resolve(partner));
        String flowId = flowIds.next(partner);
        Deposit deposit = new Deposit(flowId, partner, name, clock.instant());
        Path aside = folder.resolve("." + flowId + ".part");
        long size;
        try {
            size = write(body, aside, maxBytes);
            if (size == 0) {
                throw new Refused("the body is empty: a flow is its file's bytes (Content-Type: application/octet-stream)", false);
            }
            handOver(deposit, size, aside, folder);
        } catch (Refused | IOException | RuntimeException e) {
            Files.deleteIfExists(aside);
            throw e;
        }
        // Renamed: the intake takes it whatever follows, so the deposit is answered (never sent twice by its client).
        try {
            DiskSync.folder(folder);
        } catch (IOException e) {
            LOG.warn("flow {} deposited, but its drop directory could not be forced to disk: {}", flowId, e.toString());
        }
        LOG.info("flow {} ({} bytes, {}) deposited over the API by {}", flowId, size, Printable.of(name), partner);
        return deposit;
    }

    /**
     * Recorded with the path it will wait at, then linked there: under its name, or under its flow id and name when
     * that is taken (a file waiting, or another deposit on its way there). A hard link never replaces a file, as a
     * rename would, whatever another node or a sender puts there meanwhile (one file system).
     */
    private void handOver(Deposit deposit, long size, Path aside, Path folder) throws IOException {
        for (Path target : List.of(folder.resolve(deposit.name()), folder.resolve(Folders.keptName(deposit.flowId(), deposit.name())))) {
            if (!records.waitsAt(deposit, size, target)) {
                continue;
            }
            try {
                Files.createLink(target, aside);
            } catch (FileAlreadyExistsException taken) {
                records.forget(deposit.flowId());
                continue;
            } catch (IOException | RuntimeException e) {
                records.forget(deposit.flowId());
                throw e;
            }
            Files.delete(aside);
            return;
        }
        throw new IOException("neither " + deposit.name() + " nor its flow id and name is free in " + folder);
    }

    /** The deposit waiting at this path in in/, if the file there is one: the intake numbers it with its flow id. */
    Optional<Deposit> waiting(Path dropped) {
        long size;
        try {
            size = Files.readAttributes(dropped, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
        } catch (IOException gone) {
            return Optional.empty();
        }
        return records.at(dropped, size);
    }

    /** Its file is taken into work/: the path it waited at is free for a new file. */
    void taken(String flowId) {
        records.taken(flowId);
    }

    /** A deposit the ledger does not hold yet (it is being taken or decided, by any node). */
    public Optional<Deposit> pending(String flowId) {
        return records.pending(flowId);
    }

    /** Copies with a fixed buffer, forcing the file before it is linked into in/: never whole in memory. */
    private static long write(InputStream body, Path aside, long maxBytes) throws IOException, Refused {
        long size = 0;
        try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                size += read;
                if (size > maxBytes) {
                    throw new Refused(tooLarge(maxBytes), true);
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            out.force(true);
        }
        return size;
    }

    /** Why a deposit over the flow limit is refused (413): past it while it streams, or as soon as its length says so. */
    public static String tooLarge(long maxBytes) {
        return "the flow is larger than " + maxBytes + " bytes (chorus.flow.max-bytes)";
    }

    /** Why the drop directory would not take this name as it is, or null (docs/operators/folders.md, "For senders"). */
    public static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "give the file's name (?name=facture.xml)";
        }
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            return "a file name, not a path";
        }
        if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp")) {
            return "a name starting with a dot or ending in .part or .tmp is never taken";
        }
        if (name.codePoints().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return "no control character";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return "at most " + MAX_NAME_BYTES + " bytes in UTF-8";
        }
        return null;
    }
}
