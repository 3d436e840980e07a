package org.chorusedi.lifecycle;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.chorusedi.decision.FlowStatus;
import org.chorusedi.ledger.InvoiceRow;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.lifecycle.LifeCycleReader.Kind;
import org.chorusedi.decision.Finding;

/**
 * The decision on a life-cycle flow, before anything is published: each line accepted (a change, or
 * nothing to change when it was already so) or refused with its reasons.
 *
 * @param flowFindings why the whole flow is rejected (an F code): none of its lines is decided then
 * @param refusals     one finding per reason a line is refused
 * @param refused      how many lines were refused
 * @param changes      the accepted lines that change an invoice, in order
 */
public record LifeCycleOutcome(String flowId, Kind kind, String partner, String fileName, long sizeBytes, String sha256,
                               OffsetDateTime decidedAt, List<Finding> flowFindings, int lines, int refused,
                               List<Finding> refusals, List<Change> changes) {

    /** An added attachment: its name as sent, and its bytes. */
    public record Attachment(String name, byte[] content) {
    }

    /**
     * An accepted line that changes an invoice: its event, and for a recycling its new keys and where its
     * bytes come from, for a completion its attachments and where each goes.
     *
     * @param invoice       the invoice before the change
     * @param recipientName the recipient as the directory names it (for the forwarded status), when known
     * @param source        a recycling: the invoice's bytes, to be copied to its new outbox
     * @param attachments   a completion: the attachments and where each is published
     */
    public record Change(InvoiceRow invoice, Ledger.Event event, Ledger.Rerouted rerouted, String recipientName,
                         String serviceName, Path source, List<Attachment> attachments, List<Path> attachmentTargets) {
    }

    /** CPPStatut flow status: 92 every line accepted, 96 some of them, 93 none (or the flow rejected as a whole). */
    public String status() {
        return FlowStatus.of(lines - refused, lines, !flowFindings.isEmpty()).code();
    }

    public boolean rejectedAsWhole() {
        return !flowFindings.isEmpty();
    }

    /** Every error line of the flow report. */
    public List<Finding> allFindings() {
        return rejectedAsWhole() ? flowFindings : refusals;
    }

    /** The flow report's comment. */
    public String comment() {
        String what = switch (kind) {
            case STATUSES -> "status(es)";
            case RECYCLING -> "recycling request(s)";
            case COMPLETION -> "completion request(s)";
        };
        if (rejectedAsWhole()) {
            return "File " + fileName + ": flow rejected as a whole";
        }
        return "File " + fileName + ": " + lines + " " + what + ", " + (lines - refused) + " accepted, " + refused + " refused";
    }
}
