package org.chorusedi.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The trees of one flow's invoices, built from its first pass for the EN 16931 rules (see {@link InvoiceTree}).
 * Closed with the flow, whatever became of it (decided, rejected as a whole, failed): every share still held is
 * given back.
 */
public final class InvoiceTrees implements AutoCloseable {

    /** Builds none: the rules are off for the flow's partner, or its reader does not run them. */
    public static final InvoiceTrees NONE = new InvoiceTrees(null);

    private final RulesHeap heap;
    private final List<InvoiceTree> made = new ArrayList<>();

    InvoiceTrees(RulesHeap heap) {
        this.heap = heap;
    }

    /** A tree for the invoice staged there, to be fed its events; null when the flow builds none. */
    public InvoiceTree newTree(Path staged) {
        if (heap == null) {
            return null;
        }
        InvoiceTree tree = new InvoiceTree(heap.newShare(), BusinessRules.treeBuilder(staged));
        made.add(tree);
        return tree;
    }

    @Override
    public void close() {
        made.forEach(InvoiceTree::release);
        made.clear();
    }
}
