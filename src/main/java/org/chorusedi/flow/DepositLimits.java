package org.chorusedi.flow;

/**
 * The size limits of a deposit mode (docs/partners/limits.md, "Limits by deposit mode"), beside the flow's own limit
 * (chorus.flow.max-bytes) that every mode keeps. Fixed, as Chorus Pro has them.
 *
 * @param maxAttachmentBytes one attachment, decoded (I14)
 * @param maxInvoiceBytes    an invoice with its attachments decoded (I15)
 * @param maxBatchBytes      an XML batch, the whole flow (F02)
 */
public record DepositLimits(long maxAttachmentBytes, long maxInvoiceBytes, long maxBatchBytes) {

    /** No limit beyond the flow's own. */
    private static final long NONE = Long.MAX_VALUE;

    public static DepositLimits of(DepositMode mode) {
        return switch (mode) {
            case EDI -> new DepositLimits(NONE, NONE, NONE);
            case API -> new DepositLimits(AttachmentRules.MAX_ATTACHMENT_BYTES, AttachmentRules.MAX_INVOICE_WITH_ATTACHMENTS_BYTES,
                    30L * 1000 * 1000);
        };
    }
}
