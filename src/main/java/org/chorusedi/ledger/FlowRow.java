package org.chorusedi.ledger;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A flow as the ledger holds it, for every reader (the commands, both APIs, the health checks).
 *
 * @param status   92, 96 or 93; null for a parked flow
 * @param state    PUBLISHING, PUBLISHED or PARKED (see {@link Ledger.State})
 * @param problem  why it is parked or its publication stuck
 * @param kind     INVOICES, or a life-cycle flow's (STATUSES, RECYCLING, COMPLETION)
 * @param reasons  the codes that rejected it as a whole (none for a flow decided before V16 kept them)
 * @param node     the node that decided or parked it (null for a flow decided before V21 kept it)
 */
public record FlowRow(String flowId, String partner, String fileName, long sizeBytes, String sha256,
                      OffsetDateTime receivedAt, OffsetDateTime finishedAt, String status, String state, String keptAs,
                      int invoices, int delivered, String problem, String kind, List<String> reasons, String node) {
}
