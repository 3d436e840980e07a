package org.chorusedi.intake;

import java.nio.file.Path;
import java.time.Instant;
import org.chorusedi.flow.DepositMode;
import org.chorusedi.ledger.ApiDeposits;
import org.chorusedi.text.Printable;

/**
 * A file dropped into a partner's drop directory, on its way through the intake. The route's exchange
 * carries it from step to step and through retries, so that a retry knows how far the last attempt went:
 * numbered (its flow id), taken (moved into its staging folder), a commit attempted.
 */
public final class DroppedFlow {

    private final Path dropped;
    private final String partner;
    private String name;
    private Instant receivedAt;
    private DepositMode mode;
    private String flowId;
    private TakenFile taken;
    private boolean commitAttempted;
    private int attempts;

    DroppedFlow(Path dropped, Instant receivedAt) {
        this.dropped = dropped;
        this.partner = dropped.getParent().getFileName().toString();
        this.name = dropped.getFileName().toString();
        this.receivedAt = receivedAt;
        this.mode = DepositMode.EDI;
    }

    /** Where the sender dropped it: {@code in/<partner>/<name>}. */
    public Path dropped() {
        return dropped;
    }

    public String partner() {
        return partner;
    }

    /** The name the sender gave the file. */
    public String name() {
        return name;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** Dropped into the directory (EDI) or deposited over the API: its size limits follow. */
    public DepositMode mode() {
        return mode;
    }

    /** Its flow id, once numbered; null before. */
    public String flowId() {
        return flowId;
    }

    void numbered(String id) {
        this.flowId = id;
    }

    /** The file is a flow deposited over the API: numbered, named and dated as its deposit says. */
    void deposited(ApiDeposits.Deposit deposit) {
        this.flowId = deposit.flowId();
        this.name = deposit.name();
        this.receivedAt = deposit.receivedAt();
        this.mode = DepositMode.API;
    }

    /** The file as the engine took hold of it, once taken; null before. */
    TakenFile taken() {
        return taken;
    }

    void taken(TakenFile file) {
        this.taken = file;
    }

    boolean commitAttempted() {
        return commitAttempted;
    }

    void commitAttempted(boolean attempted) {
        this.commitAttempted = attempted;
    }

    /** How many times its processing was started (retries included). */
    int attempts() {
        return attempts;
    }

    void attempt() {
        attempts++;
    }

    @Override
    public String toString() {
        return (flowId == null ? "" : flowId + " ") + "in/" + partner + "/" + Printable.of(name);
    }
}
