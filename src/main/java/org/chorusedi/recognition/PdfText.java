package org.chorusedi.recognition;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The text of the pages of a PDF that recognition reads, as Chorus Pro does: the first, the one before the
 * last and the last (fewer when the PDF has fewer pages).
 *
 * @param pageCount the pages of the PDF
 * @param pages     the pages read, in their order in the PDF
 */
public record PdfText(int pageCount, List<Page> pages) {

    /** One page's text, lines separated by {@code \n}; {@code number} counts from 1. */
    public record Page(int number, String text) {
    }

    public PdfText {
        pages = List.copyOf(pages);
    }

    /** The numbers of the pages read: first, one before the last, last, each once. */
    public static List<Integer> pagesToRead(int pageCount) {
        return IntStream.of(1, pageCount - 1, pageCount).filter(n -> n >= 1).distinct().sorted().boxed().toList();
    }
}
