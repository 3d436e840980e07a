package org.chorusedi.rules;

import net.sf.saxon.s9api.BuildingContentHandler;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.ext.DefaultHandler2;
import org.xml.sax.ext.LexicalHandler;

/**
 * One invoice's tree for the EN 16931 rules, built from the events of the first pass (on the validation thread) so
 * that its check does not parse the staged file again: the same tree, the attachments' base64 already four
 * characters. It is built while its {@link RulesHeap.Share} can grow without waiting; past that, or once the share is
 * taken back, it is dropped and its invoice is checked from its staged file, as without it. Never throws: a tree
 * that cannot be built is one the rules do without.
 */
public final class InvoiceTree extends DefaultHandler2 {

    /** Heap asked ahead of the tree's growth, so that the share is not asked at every node. */
    private static final long STEP = 64 * 1024;
    /**
     * The most heap a tree may take from the first pass: 1 MiB, an invoice of about 250,000 characters of text. The
     * second parse it spares matters for small invoices, read by the thousand; a larger one is parsed from its staged
     * file after the first pass, as before, so that its tree does not take heap while the first pass still reads (Saxon's
     * text buffers grow by doubling: a tree takes for a moment more than it keeps).
     */
    static final long MAX_HEAP = 1L << 20;

    private final RulesHeap.Share share;
    private BuildingContentHandler builder;
    private LexicalHandler lexical;
    private long nodes;
    private long chars;
    private long held;

    InvoiceTree(RulesHeap.Share share, BuildingContentHandler builder) {
        this.share = share;
        this.builder = builder;
        this.lexical = (LexicalHandler) builder;
    }

    /**
     * Its invoice is read: the tree holds what its check needs (see {@link RulesHeap}), else it is dropped.
     *
     * @param ownBytes  its size without its attachments' base64
     * @param treeNodes the nodes of its tree, counted as it was read
     */
    public void settle(long ownBytes, long treeNodes) {
        share.hold(RulesHeap.need(ownBytes, treeNodes));
    }

    /** Its check will not run (its invoice failed, its flow was given up) or has run: gives its share back. */
    public void release() {
        share.release();
    }

    /** The tree for its check, holding its share until {@link #release}; null when it was dropped. */
    XdmNode use() {
        return share.use();
    }

    /** Whether it still holds its share, its tree kept (for the tests). */
    boolean held() {
        return !share.dropped();
    }

    /** Counts what the tree will hold so far; drops it when its share cannot grow as far. */
    private void grow(long moreNodes, long moreChars) {
        if (builder == null) {
            return;
        }
        nodes += moreNodes;
        chars += moreChars;
        long need = Math.max(nodes * RulesHeap.HEAP_PER_NODE, chars * RulesHeap.HEAP_PER_OWN_BYTE);
        if (need > held) {
            held = need + STEP;
            if (held > MAX_HEAP || !share.hold(held)) {
                share.release();
                builder = null;
                lexical = null;
            }
        }
    }

    /** One event to the builder, unless the tree is dropped; whatever goes wrong in Saxon drops it: the staged file is there. */
    private void send(Event event) {
        if (builder != null) {
            try {
                event.send();
            } catch (SAXException | RuntimeException e) {
                builder = null;
                lexical = null;
                share.release();
            }
        }
    }

    private interface Event {
        void send() throws SAXException;
    }

    @Override
    public void startDocument() {
        grow(1, 0);
        send(() -> builder.startDocument());
    }

    @Override
    public void endDocument() {
        send(() -> {
            builder.endDocument();
            try {
                share.keep(builder.getDocumentNode());
            } catch (SaxonApiException e) {
                throw new SAXException(e);
            }
        });
        builder = null;
        lexical = null;
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
        send(() -> builder.startPrefixMapping(prefix, uri));
    }

    @Override
    public void endPrefixMapping(String prefix) {
        send(() -> builder.endPrefixMapping(prefix));
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes attributes) {
        long valueChars = 0;
        for (int i = 0; i < attributes.getLength(); i++) {
            valueChars += attributes.getValue(i).length();
        }
        grow(1 + attributes.getLength(), valueChars);
        send(() -> builder.startElement(uri, local, qName, attributes));
    }

    @Override
    public void endElement(String uri, String local, String qName) {
        send(() -> builder.endElement(uri, local, qName));
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        grow(1, length);
        send(() -> builder.characters(ch, start, length));
    }

    @Override
    public void processingInstruction(String target, String data) {
        grow(1, target.length() + data.length());
        send(() -> builder.processingInstruction(target, data));
    }

    @Override
    public void comment(char[] ch, int start, int length) {
        grow(1, length);
        send(() -> lexical.comment(ch, start, length));
    }
}
