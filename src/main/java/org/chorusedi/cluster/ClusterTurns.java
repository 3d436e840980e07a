package org.chorusedi.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Date;
import java.util.Optional;
import java.util.function.Supplier;
import org.chorusedi.directory.DirectoryDrop;
import org.chorusedi.far37.CatchUp;
import org.chorusedi.far37.Far37Publisher;
import org.chorusedi.far37.ExtractType;
import org.chorusedi.far37.PublicationResult;
import org.chorusedi.far37.SubscriptionStore;
import org.chorusedi.far37.SubscriptionStore.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the nodes do one at a time across the cluster, each in turn under an advisory lock of PostgreSQL (on a
 * connection of its own, released by the database if the node dies): FAR37 publications, the start-up catch-up
 * among them, and directory imports. Whoever comes second decides on what the first one committed: a catch-up
 * finds the extract already published, an import finds the file already moved away. The scheduled fires
 * themselves come once across the cluster from Quartz's clustered job store (ClusterQuartz).
 */
public final class ClusterTurns {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterTurns.class);

    /** The advisory locks' keys: any numbers, the same on every node, not the single-engine lock's (EngineLock). */
    private static final long FAR37 = 0x4348525346333701L;
    private static final long DIRECTORY = 0x4348525344495201L;

    private final String url;
    private final String user;
    private final String password;

    public ClusterTurns(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    <T> T inTurn(long key, Supplier<T> work) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            // Released when the connection closes, whatever the work did.
            return work.get();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take this node's turn in the database: " + e.getMessage(), e);
        }
    }

    /** The bean far37Publisher of routes/far37.camel.yaml on a node: each scheduled fire in turn. */
    public Object far37Publisher(Far37Publisher publisher, SubscriptionStore subscriptions) {
        return new Far37InTurn(publisher, subscriptions);
    }

    /** The bean far37CatchUp: the start-up catch-up in turn, deciding on what the other nodes published. */
    public Object far37CatchUp(CatchUp catchUp) {
        return new CatchUpInTurn(catchUp);
    }

    /** The bean directoryDrop of routes/intake.camel.yaml: one import at a time, of a file still there. */
    public DirectoryInTurn directoryDrop(DirectoryDrop drop) {
        return new DirectoryInTurn(drop);
    }

    public final class Far37InTurn {
        private final Far37Publisher publisher;
        private final SubscriptionStore subscriptions;

        Far37InTurn(Far37Publisher publisher, SubscriptionStore subscriptions) {
            this.publisher = publisher;
            this.subscriptions = subscriptions;
        }

        /**
         * A fire already served, by an extract made after it (another node's start-up catch-up, which found it
         * missed while this fire waited for its turn, or a FULL of the same time), publishes nothing: once per fire.
         */
        public PublicationResult publish(String subscriber, String type, Date scheduledFire) {
            return inTurn(FAR37, () -> {
                Optional<Subscription> last = subscriptions.find(subscriber);
                if (scheduledFire != null && last.isPresent()) {
                    java.time.Instant served = ExtractType.valueOf(type) == ExtractType.FULL ? last.get().lastFull()
                            : last.get().lastPublished();
                    if (served != null && !served.isBefore(scheduledFire.toInstant())) {
                        LOG.info("FAR37 {} fire of {} for {}: already served by the extract of {}", type, scheduledFire.toInstant(),
                                subscriber, served);
                        return null;
                    }
                }
                return publisher.publish(subscriber, type);
            });
        }
    }

    public final class CatchUpInTurn {
        private final CatchUp catchUp;

        CatchUpInTurn(CatchUp catchUp) {
            this.catchUp = catchUp;
        }

        public void run() {
            inTurn(FAR37, () -> {
                catchUp.run();
                return null;
            });
        }
    }

    public final class DirectoryInTurn {
        private final DirectoryDrop drop;

        DirectoryInTurn(DirectoryDrop drop) {
            this.drop = drop;
        }

        public void importFile(Path file) {
            inTurn(DIRECTORY, () -> {
                // Another node may have imported it, and moved it away, while this one waited.
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    drop.importFile(file);
                }
                return null;
            });
        }

        /** At start-up: the files waiting, listed once this node's turn has come. */
        public void importPending() throws IOException {
            IOException failed = inTurn(DIRECTORY, () -> {
                try {
                    drop.importPending();
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            if (failed != null) {
                throw failed;
            }
        }
    }
}
