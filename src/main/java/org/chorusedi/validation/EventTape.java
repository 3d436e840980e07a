package org.chorusedi.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xml.sax.ext.DefaultHandler2;

/**
 * A stretch of a document's events, as the parser thread saw them, for the validation thread to
 * replay: names and values by reference (the parser interns names), text copied. Tapes are reused.
 */
final class EventTape {

    static final byte START = 1;
    static final byte CHARS = 2;
    static final byte END = 3;
    static final byte BEGIN_INVOICE = 4;
    static final byte END_INVOICE = 5;
    /** A comment or a processing instruction: nothing to the validator, kept in an invoice's tree. */
    static final byte COMMENT = 6;
    static final byte PROCESSING_INSTRUCTION = 7;

    private static final int OPS = 4096;
    private static final int TEXT = 1 << 16;

    byte[] ops = new byte[OPS];
    int opCount;
    int[] ints = new int[OPS * 4];
    int intCount;
    String[] strings = new String[OPS * 4];
    int stringCount;
    char[] text = new char[TEXT];
    int textCount;
    /** The trees of the invoices that begin on this tape, in order. */
    final List<DefaultHandler2> trees = new ArrayList<>();
    /** The last tape of the document: the validator ends it after this one. */
    boolean last;

    void clear() {
        opCount = 0;
        intCount = 0;
        Arrays.fill(strings, 0, stringCount, null);
        stringCount = 0;
        textCount = 0;
        trees.clear();
        last = false;
    }

    /** Room for one more event of this many ints, strings and characters? */
    boolean fits(int moreInts, int moreStrings, int moreText) {
        return opCount < ops.length && intCount + moreInts <= ints.length && stringCount + moreStrings <= strings.length
                && textCount + moreText <= text.length;
    }

    boolean isEmpty() {
        return opCount == 0;
    }

    /** Grows for one event larger than an empty tape (an element with very many attributes). */
    void ensure(int moreInts, int moreStrings) {
        if (intCount + moreInts > ints.length) {
            ints = Arrays.copyOf(ints, intCount + moreInts);
        }
        if (stringCount + moreStrings > strings.length) {
            strings = Arrays.copyOf(strings, stringCount + moreStrings);
        }
    }

    int textRoom() {
        return text.length - textCount;
    }
}
