package org.chorusedi.flow;

import java.nio.file.Path;
import java.util.List;
import org.chorusedi.decision.Finding;
import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.rules.InvoiceTree;
import org.chorusedi.text.Digits;
import org.chorusedi.validation.Syntax;

/**
 * One invoice as read from a flow.
 *
 * @param index    its position in the flow, from 1
 * @param findings what reading found wrong with it alone (schema, attachments); the flow goes on
 * @param staged   its own bytes, a standalone document, staged for delivery
 * @param ownBytes the size of its staged bytes without its attachments' base64 (what the EN 16931 rules hold)
 * @param treeNodes its elements, attributes and texts, as read: the nodes of the tree the EN 16931 rules build
 * @param pdf      the Factur-X PDF that carried it (the legal invoice), staged to be delivered beside it;
 *                 null for an invoice that came as XML
 * @param tree     its tree for the EN 16931 rules, built as it was read; null when none was
 */
public record InvoiceRead(int index, Syntax syntax, InvoiceKeys keys, List<Finding> findings, Path staged, long ownBytes,
                          long treeNodes, Path pdf, InvoiceTree tree) {

    InvoiceRead withKeys(InvoiceKeys sharedKeys) {
        return new InvoiceRead(index, syntax, sharedKeys, findings, staged, ownBytes, treeNodes, pdf, tree);
    }

    InvoiceRead withPdf(Path stagedPdf) {
        return new InvoiceRead(index, syntax, keys, findings, staged, ownBytes, treeNodes, stagedPdf, tree);
    }

    /**
     * Where the invoice at this position is staged in its flow's staging folder. The ledger derives a
     * committed flow's deliveries from it, so it stays the same for the life of a flow.
     */
    public static Path stagedFile(Path staging, int index) {
        return staging.resolve("invoice-" + Digits.padded(index, 6) + ".xml");
    }

    /** Where the PDF of the Factur-X invoice at this position is staged. */
    public static Path stagedPdf(Path staging, int index) {
        return staging.resolve("invoice-" + Digits.padded(index, 6) + ".pdf");
    }
}
