package org.chorusedi.intake;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a dropped file is completely written: its size, date and identity (inode) have stayed the same
 * for at least the check interval, and it is at least the minimum age old. Both are checked, whatever
 * the minimum age (Camel's {@code changed} read lock checks only the age once one is set). The lock
 * never waits: a file is looked at once per poll, and taken at the first poll that finds it settled, so
 * that a file still being written, or one dated in the future, never holds up the others. A file dated
 * in the future (a sender's clock) counts its age from when it was first seen settled, and the log says
 * so. A file that is not a regular one (a link, a FIFO) is let through at once, never opened: the intake
 * refuses it (F10).
 */
public final class IntakeReadLock implements GenericFileExclusiveReadLockStrategy<File> {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeReadLock.class);
    /** A file not seen for this long is forgotten (taken by another route, or removed). */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final Duration checkInterval;
    private final Duration minAge;
    private final Clock clock;
    private final Map<Path, Seen> seen = new ConcurrentHashMap<>();
    private volatile Instant lastForget = Instant.EPOCH;

    /** How a file looked when first seen so, and when it was last looked at. */
    private record Seen(long size, long modified, Object identity, Instant since, Instant lastLook, boolean futureLogged) {
        boolean same(BasicFileAttributes attributes) {
            return size == attributes.size() && modified == attributes.lastModifiedTime().toMillis()
                    && Objects.equals(identity, attributes.fileKey());
        }
    }

    public IntakeReadLock(Duration checkInterval, Duration minAge, Clock clock) {
        this.checkInterval = checkInterval;
        this.minAge = minAge;
        this.clock = clock;
    }

    /** Whether the file is settled and may be taken now. */
    boolean settled(Path file) throws IOException {
        Instant now = clock.instant();
        forgetOld(now);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            seen.remove(file);
            return false;
        }
        if (!attributes.isRegularFile()) {
            seen.remove(file);
            return true;
        }
        Seen before = seen.get(file);
        if (before == null || !before.same(attributes)) {
            seen.put(file, new Seen(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey(), now, now, false));
            return false;
        }
        Duration settledFor = Duration.between(before.since(), now);
        Instant modified = attributes.lastModifiedTime().toInstant();
        boolean future = modified.isAfter(now);
        Duration age = future ? settledFor : Duration.between(modified, now);
        if (settledFor.compareTo(checkInterval) < 0 || age.compareTo(minAge) < 0) {
            seen.put(file, new Seen(before.size(), before.modified(), before.identity(), before.since(), now, before.futureLogged()));
            return false;
        }
        seen.remove(file);
        if (future) {
            LOG.warn("{} is dated in the future ({}): taken once it stayed the same for {} ms", Printable.of(file.toString()),
                    modified, settledFor.toMillis());
        }
        return true;
    }

    /**
     * A first look at the files waiting in the drop directories ({@code in/<partner>/<file>}) while the engine starts:
     * the route's first poll then takes those that stayed the same since, for the check interval, instead of only
     * looking at them. The rule is the same; only its first look comes earlier. A folder that cannot be read is left
     * to the polls, which look at it as before.
     */
    public void lookAtWaiting(Path in) {
        try (DirectoryStream<Path> partners = Files.newDirectoryStream(in, Files::isDirectory)) {
            for (Path partner : partners) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(partner)) {
                    for (Path file : files) {
                        settled(file.toAbsolutePath().normalize());
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("the waiting flows are left to the first polls: {}", e.toString());
        }
    }

    private void forgetOld(Instant now) {
        if (Duration.between(lastForget, now).compareTo(FORGET_AFTER) < 0) {
            return;
        }
        lastForget = now;
        for (Iterator<Seen> i = seen.values().iterator(); i.hasNext(); ) {
            if (Duration.between(i.next().lastLook(), now).compareTo(FORGET_AFTER) > 0) {
                i.remove();
            }
        }
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange) {
        try {
            return settled(file.getFile().toPath().toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new GenericFileOperationFailedException("cannot look at " + Printable.of(file.getAbsoluteFilePath()) + ": " + e, e);
        }
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint) {
        // nothing kept on disk
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange) {
        // nothing held
    }

    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange) {
        // nothing held
    }

    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange) {
        // nothing held
    }

    @Override
    public void setTimeout(long timeout) {
        // never waits
    }

    @Override
    public void setCheckInterval(long checkInterval) {
        // given at construction, from the configuration
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel readLockLoggingLevel) {
        // logs its own lines
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
        // never writes a marker file
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean deleteOrphanLockFiles) {
        // writes no lock file
    }
}
