package org.chorusedi.far37;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import javax.xml.stream.XMLStreamException;
import org.chorusedi.directory.DirectorySnapshot;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.far37.SubscriptionStore.Subscription;
import org.chorusedi.far37.SubscriptionStore.UnclearCommit;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes FAR37 extracts into subscribers' folders, for the schedule and the command line alike.
 * An extract is written aside in one streaming pass over a snapshot of the directory, with its
 * SHA-256 computed on the way; then its checksum file is written aside; then, in the transaction
 * that advances the subscriber's sequence and watermark, both are renamed into place, last before
 * the commit. A subscriber sees a complete extract or none, and a failed publication changes
 * nothing: the next one catches up. One publication runs at a time.
 */
public final class Far37Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(Far37Publisher.class);
    private static final int WRITE_BUFFER = 256 * 1024;

    private final Far37Settings settings;
    private final DirectoryStore directory;
    private final SubscriptionStore subscriptions;
    private final String emitter;
    private final Consumer<PublicationResult> observer;

    /** {@code emitter}: the engine's partner code, named in every extract's header. */
    public Far37Publisher(Far37Settings settings, DirectoryStore directory, SubscriptionStore subscriptions,
            String emitter) {
        this(settings, directory, subscriptions, emitter, result -> { });
    }

    /** The same, telling {@code observer} what each publication did (the engine's meters). */
    public Far37Publisher(Far37Settings settings, DirectoryStore directory, SubscriptionStore subscriptions,
            String emitter, Consumer<PublicationResult> observer) {
        this.settings = settings;
        this.directory = directory;
        this.subscriptions = subscriptions;
        this.emitter = emitter;
        this.observer = observer;
    }

    /** The schedule's entry point (routes/far37.camel.yaml): a configured subscriber, FULL or DELTA. */
    public PublicationResult publish(String subscriber, String type) {
        return publish(settings.subscriber(subscriber).orElseThrow(
                () -> new IllegalArgumentException("no FAR37 subscriber " + subscriber + " is configured")),
                ExtractType.valueOf(type));
    }

    /**
     * The same, told when the fire was scheduled (the route passes Quartz's {@code scheduledFireTime}): what a
     * cluster node's turn looks at (cluster.ClusterTurns); the single engine publishes at every fire.
     */
    public PublicationResult publish(String subscriber, String type, java.util.Date scheduledFire) {
        return publish(subscriber, type);
    }

    /**
     * Publishes one extract now. A subscriber's first extract is a FULL, whatever is asked: a DELTA
     * needs one before it. Never throws for a failed publication: it is logged and returned.
     */
    public synchronized PublicationResult publish(Subscriber subscriber, ExtractType requested) {
        PublicationResult result = publishOnce(subscriber, requested);
        observer.accept(result);
        return result;
    }

    private PublicationResult publishOnce(Subscriber subscriber, ExtractType requested) {
        long started = System.nanoTime();
        Optional<Subscription> previous = Optional.empty();
        ExtractType type = requested;
        long sequence = 0;
        Path extract = null;
        try {
            previous = subscriptions.find(subscriber.code());
            type = previous.isEmpty() ? ExtractType.FULL : requested;
            ExtractFolder folder = folder(subscriber);
            // An extract renamed into place just before a crash kept its number: the next one follows it.
            sequence = Math.max(previous.map(Subscription::lastSequence).orElse(0L), folder.highestSequence()) + 1;
            Instant generated = directory.snapshotTime();
            Instant since = type == ExtractType.DELTA ? previous.get().lastPublished() : null;
            extract = folder.extract(type, generated, sequence, subscriber.gzip());

            long structures;
            byte[] sha256;
            try (DirectorySnapshot snapshot = directory.snapshot()) {
                structures = snapshot.count(since);
                ExtractHeader header = new ExtractHeader(emitter, subscriber.code(), type, sequence, generated, since,
                        structures);
                sha256 = writeExtract(ExtractFolder.part(extract), header, snapshot, subscriber.gzip());
            }
            long bytes = Files.size(ExtractFolder.part(extract));
            Path sidecar = ExtractFolder.sidecar(extract);
            writeDurably(ExtractFolder.part(sidecar), (HexFormat.of().formatHex(sha256) + "  "
                    + extract.getFileName() + "\n").getBytes(StandardCharsets.US_ASCII));

            Subscription next = new Subscription(subscriber.code(), sequence, generated,
                    type == ExtractType.FULL ? generated : previous.get().lastFull());
            renameIntoPlace(previous, next, extract, sidecar);

            // Published: nothing from here on may fail the publication.
            List<Path> removed = retain(folder, subscriber);
            LOG.info("FAR37 {} extract {} for {} published: {} ({} structures, {} bytes, {} ms){}", type, sequence,
                    subscriber.code(), extract, structures, bytes, elapsedMillis(started),
                    removed.isEmpty() ? "" : "; retention removed " + removed.size() + " older extract(s)");
            return new PublicationResult(subscriber.code(), type, sequence, structures, extract, null);
        } catch (UnclearCommit e) {
            LOG.error("FAR37 {} extract {} for {}: {}. The extract is left in place ({}), since it may be recorded:"
                    + " the next publication follows the highest number in the folder.", type, sequence,
                    subscriber.code(), e.getMessage(), extract);
            return new PublicationResult(subscriber.code(), type, sequence, 0, null, e.getMessage());
        } catch (IOException | XMLStreamException | RuntimeException e) {
            // A subscriber may name files in its folder: whatever a message quotes is escaped.
            String reason = Printable.of(e.toString());
            if (extract != null) {
                deleteQuietly(ExtractFolder.part(extract));
                deleteQuietly(ExtractFolder.part(ExtractFolder.sidecar(extract)));
            }
            LOG.error("FAR37 {} extract for {} NOT published: {}. Its sequence ({}) and watermark ({}) are unchanged;"
                    + " the next publication catches up.", type, subscriber.code(), reason,
                    previous.map(Subscription::lastSequence).orElse(0L),
                    previous.map(s -> s.lastPublished().toString()).orElse("none"), e);
            return new PublicationResult(subscriber.code(), type, sequence, 0, null, reason);
        }
    }

    /**
     * The engine's own folders (under the root) are created, and must be real folders: a subscriber
     * who could replace its folder by a link would have the engine write wherever it points. Any
     * other folder, such as a mounted share, is the operator's choice, and must exist.
     */
    private ExtractFolder folder(Subscriber subscriber) throws IOException {
        Path folder = subscriber.folder();
        if (folder.startsWith(settings.root())) {
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(folder);
            }
            refuseLinks(settings.root(), folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException("the subscriber's folder " + folder + " is missing or is not a folder");
        }
        ExtractFolder extracts = new ExtractFolder(folder, subscriber.code());
        extracts.removeParts();
        return extracts;
    }

    /** Refuses a folder under the root that is, or lies under, a symbolic link below the root. */
    private static void refuseLinks(Path root, Path folder) throws IOException {
        Path below = root;
        for (Path name : root.relativize(folder)) {
            below = below.resolve(name);
            if (Files.isSymbolicLink(below)) {
                throw new IOException("the subscriber's folder " + folder + " is, or lies under, a symbolic link ("
                        + below + "): refused, a folder under the root must be a real folder");
            }
        }
    }

    /** Applies the subscriber's retention; a failure there leaves older extracts, and the publication stands. */
    private static List<Path> retain(ExtractFolder folder, Subscriber subscriber) {
        try {
            return folder.retain(subscriber.retention());
        } catch (IOException e) {
            LOG.warn("FAR37 retention for {} failed, older extracts are left: {}", subscriber.code(), e.toString());
            return List.of();
        }
    }

    /** Streams the extract into {@code part}, synced to disk; returns the SHA-256 of the bytes written. */
    private static byte[] writeExtract(Path part, ExtractHeader header, DirectorySnapshot snapshot, boolean gzip)
            throws IOException, XMLStreamException {
        MessageDigest sha256 = sha256();
        try (FileChannel channel = createNew(part)) {
            OutputStream sink = new DigestOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), WRITE_BUFFER), sha256);
            GZIPOutputStream zip = gzip ? new GZIPOutputStream(sink, WRITE_BUFFER) : null;
            ExtractWriter writer = new ExtractWriter(zip != null ? zip : sink, header);
            snapshot.forEach(header.since(), writer::write);
            writer.finish();
            if (zip != null) {
                zip.finish();
            }
            sink.flush();
            channel.force(true);
        }
        return sha256.digest();
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel channel = createNew(file)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    /**
     * A new file, never an existing one opened again: a link planted under that name by whoever can
     * write into the folder is removed (deleting a link does not follow it), and if one is planted
     * again meanwhile, the creation fails rather than follow it.
     */
    private static FileChannel createNew(Path file) throws IOException {
        Files.deleteIfExists(file);
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /** Renames the extract then its checksum into place, in the transaction that records them. */
    private void renameIntoPlace(Optional<Subscription> previous, Subscription next, Path extract, Path sidecar)
            throws IOException {
        boolean[] renamed = {false};
        try {
            subscriptions.advance(previous, next, () -> {
                Files.move(ExtractFolder.part(extract), extract, StandardCopyOption.ATOMIC_MOVE);
                renamed[0] = true;
                Files.move(ExtractFolder.part(sidecar), sidecar, StandardCopyOption.ATOMIC_MOVE);
                syncFolder(extract.getParent());
            });
        } catch (UnclearCommit e) {
            throw e; // it may be recorded: it stays
        } catch (IOException | RuntimeException e) {
            if (renamed[0]) {
                // Not recorded: take it back, so that its number is used again.
                deleteQuietly(extract);
                deleteQuietly(sidecar);
            }
            throw e;
        }
    }

    /** Makes the renames durable before they are recorded; where a folder cannot be synced, the renames stand as they are. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync the folder {}: {}", folder, e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static long elapsedMillis(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }
}
