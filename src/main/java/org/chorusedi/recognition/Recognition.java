package org.chorusedi.recognition;

import java.util.List;
import java.util.Optional;

/**
 * What recognition found in a PDF's text, field by field, for a deposit's draft.
 *
 * @param values    the values recognised, at most one per field
 * @param doubtful  what was found but is not given as a value: a SIRET failing its check, keywords announcing
 *                  different values
 * @param missing   the required fields without a value (a doubtful one among them)
 * @param pageCount the pages of the PDF
 * @param pagesRead the pages read: the first, the one before the last, the last
 */
public record Recognition(List<Value> values, List<Doubt> doubtful, List<Field> missing, int pageCount, List<Integer> pagesRead) {

    /**
     * A recognised value, normalised: a SIRET as its 14 digits, a date as yyyy-MM-dd, an amount as digits with two
     * decimals after a dot, a currency as its ISO 4217 code.
     *
     * @param page    the page it was read on, from 1
     * @param context the text around it, as printed: its line (and its keyword's line when it stands under it)
     */
    public record Value(Field field, String value, int page, String context, Confidence confidence) {
    }

    /** Something found for a field and not given as its value, with why. */
    public record Doubt(Field field, String value, int page, String context, String why) {
    }

    public Recognition {
        values = List.copyOf(values);
        doubtful = List.copyOf(doubtful);
        missing = List.copyOf(missing);
        pagesRead = List.copyOf(pagesRead);
    }

    public Optional<Value> value(Field field) {
        return values.stream().filter(v -> v.field() == field).findFirst();
    }

    /** Whether every required field has a value and nothing is doubtful. */
    public boolean complete() {
        return missing.isEmpty() && doubtful.isEmpty();
    }
}
