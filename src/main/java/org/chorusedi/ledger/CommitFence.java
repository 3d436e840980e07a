package org.chorusedi.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Checked first in a flow's commit transaction: throwing rolls the commit back. A cluster node's check that it
 * still holds its claim on the flow (package cluster): a node that lost it (its lease passed, another node took
 * the flow over) must not commit it as well. Its claim ends in the transaction that marks the flow published.
 */
public interface CommitFence {

    /** The single engine: no other engine may take its flows, and it claims none. */
    CommitFence NONE = new CommitFence() {
        @Override
        public void check(Connection connection, String flowId) {
        }

        @Override
        public void published(Connection connection, Collection<String> flowIds) {
        }
    };

    void check(Connection connection, String flowId) throws SQLException;

    /**
     * In the transaction that marks these flows published: their claims end with it, rather than in a transaction
     * (and a forcing of the database's log) a flow of their own.
     */
    void published(Connection connection, Collection<String> flowIds) throws SQLException;
}
