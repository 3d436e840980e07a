package org.chorusedi.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.component.quartz.QuartzComponent;

/**
 * The quartz component of a cluster node: Quartz's clustered JDBC job store in the engine's PostgreSQL database
 * (tables QRTZ_*, made by the migration V19 from Quartz's own tables_postgres.sql), so that each fire of the FAR37
 * schedule runs on one node of the cluster, and a fire a dead node had taken is run again by another one. Quartz
 * keeps a small pool of its own connections (its check-ins must never wait for the engine's).
 */
public final class ClusterQuartz {

    private ClusterQuartz() {
    }

    /** Bound as "quartz": Camel takes a component of that name from the registry before making its own. */
    public static QuartzComponent component(ClusterSettings cluster, String url, String user, String password) {
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(properties(cluster, url, user, password));
        // One scheduler name for the whole cluster: the nodes' Camel contexts share it.
        quartz.setPrefixInstanceName(false);
        return quartz;
    }

    static Map<String, Object> properties(ClusterSettings cluster, String url, String user, String password) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("org.quartz.scheduler.instanceName", "chorus-edi");
        p.put("org.quartz.scheduler.instanceId", cluster.nodeId());
        p.put("org.quartz.threadPool.threadCount", "2");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.isClustered", "true");
        // A node that stops checking in for this long is dead to Quartz too: its fires are recovered by another.
        p.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(cluster.renewal().toMillis()));
        p.put("org.quartz.jobStore.dataSource", "chorus");
        p.put("org.quartz.dataSource.chorus.provider", "hikaricp");
        p.put("org.quartz.dataSource.chorus.driver", "org.postgresql.Driver");
        p.put("org.quartz.dataSource.chorus.URL", url);
        p.put("org.quartz.dataSource.chorus.user", user);
        p.put("org.quartz.dataSource.chorus.password", password == null ? "" : password);
        p.put("org.quartz.dataSource.chorus.maxConnections", "3");
        return p;
    }
}
