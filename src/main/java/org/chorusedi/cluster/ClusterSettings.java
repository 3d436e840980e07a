package org.chorusedi.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import org.chorusedi.config.Configuration;
import org.chorusedi.config.InvalidSetting;
import org.chorusedi.database.DatabaseSettings;

/**
 * Cluster mode (docs/operators/cluster.md): several engine nodes on one PostgreSQL database and one
 * shared root. Read and checked once: a bad value, or cluster mode on H2, stops start-up naming its key.
 *
 * @param enabled whether this node cooperates with others (off: the single engine, which holds the root alone)
 * @param nodeId  this node's name in the database: its claims and its lease are under it
 * @param lease   how long this node's claims hold after its last renewal; renewed every third of it
 */
public record ClusterSettings(boolean enabled, String nodeId, Duration lease) {

    /** A node id: letters, digits, '.', '_' and '-', as a host name and a pid give it. */
    private static final String NODE_ID = "[A-Za-z0-9._-]{1,64}";

    /** The single engine: no cluster. */
    public static ClusterSettings off() {
        return new ClusterSettings(false, defaultNodeId(), Duration.ofSeconds(30));
    }

    public static ClusterSettings read(Configuration c) {
        boolean enabled = c.bool("chorus.cluster.enabled");
        String nodeId = c.value("chorus.cluster.node-id");
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = defaultNodeId();
        } else if (!nodeId.strip().matches(NODE_ID)) {
            throw new InvalidSetting("chorus.cluster.node-id", nodeId, "1 to 64 letters, digits, '.', '_' or '-'");
        }
        Duration lease = Duration.ofSeconds(c.count("chorus.cluster.lease-seconds", 3));
        // H2 is embedded: one process opens its file. The nodes share their claims and their schedule in PostgreSQL.
        String database = DatabaseSettings.read(c).url();
        if (enabled && !database.startsWith("jdbc:postgresql:")) {
            throw new InvalidSetting("chorus.cluster.enabled: cluster mode needs PostgreSQL (chorus.db.url = jdbc:postgresql://...),"
                    + " shared by every node; the database is " + database);
        }
        return new ClusterSettings(enabled, nodeId.strip(), lease);
    }

    /** How often a live node renews its lease: three times per lease, so that one late renewal loses nothing. */
    public Duration renewal() {
        return lease.dividedBy(3);
    }

    /** The host name and the process id: unique among live nodes, new at each start. */
    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = ManagementFactory.getRuntimeMXBean().getName();
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + ProcessHandle.current().pid();
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }
}
