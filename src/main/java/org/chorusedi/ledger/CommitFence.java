package org.chorusedi.ledger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Checked first in a flow's commit transaction: throwing rolls the commit back. A cluster node's check that it
 * still holds its claim on the flow (package cluster): a node that lost it (its lease passed, another node took
 * the flow over) must not commit it as well.
 */
public interface CommitFence {

    /** The single engine: no other engine may take its flows. */
    CommitFence NONE = (connection, flowId) -> { };

    void check(Connection connection, String flowId) throws SQLException;
}
