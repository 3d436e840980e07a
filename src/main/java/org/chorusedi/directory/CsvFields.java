package org.chorusedi.directory;

import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVRecord;

/** Reads and checks the fields of one record; each bad field is reported, and remembered as a failure. */
final class CsvFields {

    // What the decoder puts in place of bytes that are not UTF-8.
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';
    // Enough of a bad value to recognise it, without copying a huge field into the report.
    private static final int QUOTED_LENGTH = 100;

    private final CsvHeader header;
    private final CSVRecord record;
    private final Consumer<String> problems;
    private boolean failed;

    CsvFields(CsvHeader header, CSVRecord record, Consumer<String> problems) {
        this.header = header;
        this.record = record;
        this.problems = problems;
    }

    boolean failed() {
        return failed;
    }

    boolean isEmpty(CsvColumn column) {
        return header.value(record, column).isEmpty();
    }

    /** An identifier or a code: no control characters. Null when empty and not required, or bad. */
    String key(CsvColumn column, int maxLength, boolean required) {
        String value = text(column, maxLength, required);
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            return fail(column, quoted(value) + " contains a control character");
        }
        return value;
    }

    /** A free text: only NUL is refused, which PostgreSQL cannot store. Null when empty and not required, or bad. */
    String text(CsvColumn column, int maxLength, boolean required) {
        String value = header.value(record, column);
        if (value.isEmpty()) {
            return required ? fail(column, "a value is required") : null;
        }
        if (value.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            return fail(column, quoted(value) + " is not valid UTF-8");
        }
        if (value.indexOf('\0') >= 0) {
            return fail(column, quoted(value) + " contains a NUL character");
        }
        // The database counts characters, not the UTF-16 units of String.length().
        if (value.codePointCount(0, value.length()) > maxLength) {
            return fail(column, quoted(value) + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** Exactly true or false, in any case. Null when bad. */
    Boolean bool(CsvColumn column) {
        String value = header.value(record, column);
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> fail(column, quoted(value) + " is not true or false");
        };
    }

    /** These columns only make sense with {@code given}, which is empty. */
    void requireEmpty(CsvColumn given, CsvColumn... columns) {
        for (CsvColumn column : columns) {
            String value = header.value(record, column);
            if (!value.isEmpty()) {
                fail(column, quoted(value) + " is given without " + given);
            }
        }
    }

    private <T> T fail(CsvColumn column, String problem) {
        problems.accept("column " + column + ": " + problem);
        failed = true;
        return null;
    }

    static String quoted(String value) {
        if (value.codePointCount(0, value.length()) <= QUOTED_LENGTH) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, value.offsetByCodePoints(0, QUOTED_LENGTH)) + "...'";
    }
}
