package org.chorusedi.cluster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.chorusedi.database.Database;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the claims two nodes hold on their flows in PostgreSQL. One of two nodes that found the same file takes
 * it; a live node's flow is never settled by another; a dead node's flow is taken over by one node, and the dead
 * node's commit of it is refused from then on (the fence in the commit's own transaction).
 */
class NodeClaimsTest {

    private static final String FLOW = "AAA001-20261128T100000000-0001";

    @TempDir
    Path dir;

    @Test
    void aLiveNodesFlowIsItsOwnAndADeadNodesFlowIsTakenOverOnceAndFencedOff() throws Exception {
        assumeTrue(TestDatabase.postgres(), "claims need PostgreSQL: set CHORUS_TEST_POSTGRES (skipped on H2)");
        String url = TestDatabase.url(dir);
        Path dropped = Files.createDirectories(dir.resolve("in/AAA001")).resolve("facture.xml");
        Files.writeString(dropped, "<Invoice/>");
        try (Database database = Database.open(url, TestDatabase.user(), "");
             ClusterNode nodeA = ClusterNode.join(settings("node-a"), url, TestDatabase.user(), "");
             ClusterNode nodeB = ClusterNode.join(settings("node-b"), url, TestDatabase.user(), "")) {
            NodeClaims a = new NodeClaims(database.dataSource(), "node-a");
            NodeClaims b = new NodeClaims(database.dataSource(), "node-b");

            assertTrue(a.claim(FLOW, dropped));
            assertTrue(a.claim(FLOW, dropped), "its own claim again: an attempt that failed after claiming is tried again");
            assertFalse(b.claim("AAA001-20261128T100000000-0002", dropped), "node A is taking that file");
            Files.move(dropped, Files.createDirectories(dir.resolve("work/" + FLOW)).resolve("facture.xml"));
            assertFalse(b.claim("AAA001-20261128T100000000-0002", dropped), "taken: gone from in/");
            Files.writeString(dropped, "<Invoice/>");
            assertTrue(b.claim("AAA001-20261128T100000000-0003", dropped), "a new file at that name is another file");
            b.release("AAA001-20261128T100000000-0003");

            assertFalse(b.settle(FLOW), "node A lives: its flow is its own");
            assertEquals(List.of(), b.abandoned());
            assertTrue(a.settle(FLOW));
            assertTrue(b.settle("AAA001-20261128T100000000-0004"), "a folder nobody claims is settled by whoever finds it");
            b.release("AAA001-20261128T100000000-0004");
            inTransaction(database, connection -> a.check(connection, FLOW));

            // Node A stalls: its lease passes (as the database's clock tells), and node B takes its flow over, once.
            execute(database, "UPDATE cluster_node SET lease_until = now() - INTERVAL '1 second' WHERE node_id = 'node-a'");
            assertEquals(List.of(FLOW), b.abandoned());
            SQLException lapsed = assertThrows(SQLException.class, () -> inTransaction(database, connection -> a.check(connection, FLOW)));
            assertTrue(b.settle(FLOW));
            assertFalse(a.settle(FLOW), "node A, back, finds its flow taken over");
            SQLException fenced = assertThrows(SQLException.class, () -> inTransaction(database, connection -> a.check(connection, FLOW)));
            inTransaction(database, connection -> b.check(connection, FLOW));
            b.release(FLOW);

            assertAll(
                    () -> assertTrue(lapsed.getMessage().contains("the lease of node node-a has passed"), lapsed.getMessage()),
                    () -> assertTrue(fenced.getMessage().contains("was taken over by node node-b"), fenced.getMessage()),
                    () -> assertEquals(List.of(), b.abandoned()));
        }
    }

    @Test
    void aNodeThatLeavesLeavesItsFlowsToTheOthersAtOnce() throws Exception {
        assumeTrue(TestDatabase.postgres(), "claims need PostgreSQL: set CHORUS_TEST_POSTGRES (skipped on H2)");
        String url = TestDatabase.url(dir);
        try (Database database = Database.open(url, TestDatabase.user(), "");
             ClusterNode nodeB = ClusterNode.join(settings("node-b"), url, TestDatabase.user(), "")) {
            NodeClaims a = new NodeClaims(database.dataSource(), "node-a");
            NodeClaims b = new NodeClaims(database.dataSource(), "node-b");
            try (ClusterNode nodeA = ClusterNode.join(settings("node-a"), url, TestDatabase.user(), "")) {
                assertTrue(a.claim(FLOW, dropped("x.xml")));
                assertFalse(b.settle(FLOW));
            }
            assertEquals(List.of(FLOW), b.abandoned());
            assertTrue(b.settle(FLOW));
        }
    }

    @Test
    void aFlowsClaimEndsInTheTransactionThatMarksItPublished() throws Exception {
        assumeTrue(TestDatabase.postgres(), "claims need PostgreSQL: set CHORUS_TEST_POSTGRES (skipped on H2)");
        String url = TestDatabase.url(dir);
        String other = "AAA001-20261128T100000000-0002";
        try (Database database = Database.open(url, TestDatabase.user(), "");
             ClusterNode nodeA = ClusterNode.join(settings("node-a"), url, TestDatabase.user(), "");
             ClusterNode nodeB = ClusterNode.join(settings("node-b"), url, TestDatabase.user(), "")) {
            NodeClaims a = new NodeClaims(database.dataSource(), "node-a");
            NodeClaims b = new NodeClaims(database.dataSource(), "node-b");
            assertTrue(a.claim(FLOW, dropped("a.xml")));
            assertTrue(b.claim(other, dropped("b.xml")));

            inTransaction(database, connection -> a.published(connection, List.of(FLOW, other)));
            List<String> ownUndone = a.own();
            try (Connection connection = database.dataSource().getConnection()) {
                a.published(connection, List.of(FLOW, other));
            }

            assertAll(
                    () -> assertEquals(List.of(FLOW), ownUndone, "a mark rolled back ends no claim"),
                    () -> assertEquals(List.of(), a.own(), "node A's claim ended with the mark"),
                    () -> assertEquals(List.of(other), b.own(), "node B's claim is not node A's to end"));
        }
    }

    private Path dropped(String name) throws IOException {
        Path dropped = Files.createDirectories(dir.resolve("in/AAA001")).resolve(name);
        Files.writeString(dropped, "<Invoice/>");
        return dropped;
    }

    /** A long lease: no renewal comes while a test makes a lease pass by hand. */
    private static ClusterSettings settings(String nodeId) {
        return new ClusterSettings(true, nodeId, Duration.ofMinutes(5));
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private static void inTransaction(Database database, Work work) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
