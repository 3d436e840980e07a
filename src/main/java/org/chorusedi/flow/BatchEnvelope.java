package org.chorusedi.flow;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamReader;

/**
 * Our batch envelope (docs/partners/flows-and-checks.md, "Batches") while its document streams past: the namespaces its
 * root declares, which each invoice inherits when it is cut out, and the header's {@code InvoiceCount}, the one header
 * field the engine uses (the others are checked by the schema, never kept).
 */
public final class BatchEnvelope {

    static final String NS = "urn:chorus-edi:batch:1.0";
    private static final String COUNT_FIELD = "InvoiceCount";
    /** Enough for any count the schema takes as a positive integer that could match a flow. */
    private static final int MAX_COUNT_TEXT = 200;

    private final List<String[]> rootNamespaces = new ArrayList<>();
    private boolean inCount;
    private StringBuilder count;

    /** At the batch root: keeps the namespace declarations its invoices inherit. */
    BatchEnvelope(XMLStreamReader root) {
        for (int i = 0; i < root.getNamespaceCount(); i++) {
            rootNamespaces.add(new String[] {root.getNamespacePrefix(i), root.getNamespaceURI(i)});
        }
    }

    /** The root element of our batch envelope: a batch flow. */
    public static boolean isBatchRoot(QName root) {
        return NS.equals(root.getNamespaceURI()) && "Batch".equals(root.getLocalPart());
    }

    /**
     * Why a batch in this encoding is refused, or null: each invoice is cut out of the batch by its byte
     * offsets and given a UTF-8 declaration.
     */
    static String encodingProblem(String encoding) {
        return encoding == null || encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("US-ASCII")
                ? null : "a batch must be encoded in UTF-8, not " + encoding;
    }

    /** A child of a header element starts (outside any invoice). */
    void headerFieldStarts(String localName) {
        inCount = COUNT_FIELD.equals(localName);
        if (inCount) {
            count = new StringBuilder();
        }
    }

    void headerText(char[] chars, int start, int length) {
        if (inCount && count.length() < MAX_COUNT_TEXT) {
            count.append(chars, start, Math.min(length, MAX_COUNT_TEXT - count.length()));
        }
    }

    void headerFieldEnds() {
        inCount = false;
    }

    /** Namespace declarations (prefix, URI) of the batch root that the invoice starting here does not make itself. */
    List<String[]> inheritedNamespaces(XMLStreamReader invoiceStart) {
        List<String[]> inherited = new ArrayList<>();
        for (String[] ns : rootNamespaces) {
            String prefix = ns[0] == null ? "" : ns[0];
            if (prefix.isEmpty() && NS.equals(ns[1])) {
                continue;
            }
            boolean redeclared = false;
            for (int i = 0; i < invoiceStart.getNamespaceCount(); i++) {
                String own = invoiceStart.getNamespacePrefix(i);
                redeclared |= prefix.equals(own == null ? "" : own);
            }
            if (!redeclared) {
                inherited.add(new String[] {prefix, ns[1]});
            }
        }
        return inherited;
    }

    /** The same, as attributes of the invoice's root element in its staged file. */
    static byte[] declarations(List<String[]> namespaces) {
        StringBuilder declarations = new StringBuilder();
        for (String[] ns : namespaces) {
            declarations.append(ns[0].isEmpty() ? " xmlns=\"" : " xmlns:" + ns[0] + "=\"")
                    .append(ns[1].replace("&", "&amp;").replace("\"", "&quot;")).append('"');
        }
        return declarations.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Why the header's count does not match the invoices read, or null; the schema has checked its form. */
    String countProblem(int invoices) {
        if (count == null) {
            return null;
        }
        String declared = count.toString().strip();
        // A positive integer: 03 and +3 are 3.
        return new BigInteger(declared.replaceFirst("^\\+", "")).compareTo(BigInteger.valueOf(invoices)) == 0
                ? null : "the header declares " + declared + " invoices, the batch holds " + invoices;
    }
}
