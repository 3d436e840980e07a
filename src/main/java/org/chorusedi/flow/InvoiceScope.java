package org.chorusedi.flow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamReader;
import org.chorusedi.invoice.InvoiceKeyReader;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.rules.InvoiceTree;
import org.chorusedi.validation.Quoted;
import org.chorusedi.validation.Syntax;
import org.chorusedi.validation.ValidationPipeline.SchemaError;

/**
 * One invoice while its flow streams past: its keys, its schema errors, its attachments, and the file
 * its bytes are staged into.
 */
final class InvoiceScope {

    final int index;
    final Syntax syntax;
    final InvoiceKeyReader keys;
    final StagedBytes staged;
    /** Its tree for the EN 16931 rules, built from the first pass; null when none is. */
    final InvoiceTree tree;
    private final String label;
    private final DepositLimits sizes;
    private long stagedBytes;
    private final List<Finding> findings = new ArrayList<>();
    private long attachmentText;
    private long attachmentBytes;
    private boolean pdfSeen;
    private long treeNodes;

    /** {@code staged} receives the invoice's bytes; {@code sizes}: its deposit mode's. */
    InvoiceScope(int index, Syntax syntax, StagedBytes staged, InvoiceTree tree, String label, DepositLimits sizes) {
        this.tree = tree;
        this.index = index;
        this.sizes = sizes;
        this.syntax = syntax;
        this.keys = new InvoiceKeyReader(syntax);
        this.staged = staged;
        this.label = label;
    }

    /**
     * An attachment as measured: its name, its text, its decoded size. A minimal document's first PDF attachment is
     * its legal invoice (a mixed flow), not held to the size of an attachment: the invoice's own limit (I15) holds.
     */
    void attachment(String name, String mimeCode, Base64Meter meter, int line, int column) {
        boolean legalInvoice = !pdfSeen && isPdf(mimeCode) && keys.keys().minimal();
        pdfSeen |= isPdf(mimeCode);
        String where = "attachment '" + (name == null ? "" : Quoted.capped(name)) + "' (line " + line + ", column " + column + "): ";
        String nameProblem = AttachmentRules.nameProblem(name);
        if (nameProblem != null) {
            reject(ReasonCode.I13, where + nameProblem);
        }
        String base64Problem = meter.problem();
        if (base64Problem != null) {
            reject(ReasonCode.I16, where + "not valid base64: " + base64Problem);
        } else if (meter.decodedBytes() == 0) {
            reject(ReasonCode.I14, where + "empty");
        } else if (meter.decodedBytes() > sizes.maxAttachmentBytes() && !legalInvoice) {
            reject(ReasonCode.I14, where + meter.decodedBytes() + " bytes once decoded, over " + sizes.maxAttachmentBytes()
                    + " (deposited over the API)");
        }
        attachmentText += meter.textLength();
        attachmentBytes += meter.decodedBytes();
    }

    /** Nodes of the tree the EN 16931 rules will build of it: a dense invoice's tree is larger than its bytes say. */
    void countNodes(int nodes) {
        treeNodes += nodes;
    }

    void reject(ReasonCode code, String detail) {
        findings.add(new Finding(code, label + ": " + detail));
    }

    /** The invoice's bytes are all read: stages them. */
    void complete(long stagedBytes) throws IOException {
        this.stagedBytes = stagedBytes;
        staged.close();
    }

    /**
     * What was read of the invoice, once validation is over; its schema errors, if any, are reported
     * first, with this code.
     */
    InvoiceRead read(List<SchemaError> schemaErrors, int schemaErrorCount, ReasonCode schemaCode) {
        long withAttachments = stagedBytes - attachmentText + attachmentBytes;
        if (withAttachments > sizes.maxInvoiceBytes()) {
            reject(ReasonCode.I15, "the invoice with its attachments weighs " + withAttachments + " bytes, over "
                    + sizes.maxInvoiceBytes() + " (deposited over the API)");
        }
        if (!schemaErrors.isEmpty()) {
            findings.add(0, new Finding(schemaCode, label + ": " + describe(schemaErrors, schemaErrorCount)));
        }
        if (tree != null) {
            tree.settle(stagedBytes - attachmentText, treeNodes);
        }
        return new InvoiceRead(index, syntax, keys.keys(), findings, staged.file(), stagedBytes - attachmentText, treeNodes, null, tree);
    }

    static String describe(List<SchemaError> errors, int count) {
        StringBuilder text = new StringBuilder();
        for (SchemaError error : errors) {
            text.append(text.length() == 0 ? "" : "; ").append(Quoted.capped(error.toString()));
        }
        if (count > errors.size()) {
            text.append("; and ").append(count - errors.size()).append(" more error(s)");
        }
        return text.toString();
    }

    /** Whether an attachment's mimeCode says PDF: a minimal document's first such attachment is its legal invoice. */
    static boolean isPdf(String mimeCode) {
        return mimeCode != null && "application/pdf".equalsIgnoreCase(mimeCode.strip());
    }

    static boolean isAttachment(XMLStreamReader reader) {
        String local = reader.getLocalName();
        return ("EmbeddedDocumentBinaryObject".equals(local)
                        && "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2".equals(reader.getNamespaceURI()))
                || ("AttachmentBinaryObject".equals(local)
                        && "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100".equals(reader.getNamespaceURI()));
    }
}
