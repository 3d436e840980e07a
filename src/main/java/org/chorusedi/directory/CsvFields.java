package org.chorusedi.directory;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/** Reads and checks the fields of one record; each bad field is reported, and remembered as a failure. */
final class CsvFields {

    // What the decoder puts in place of bytes that are not UTF-8.
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';
    // Enough of a bad value to recognise it, without copying a huge field into the report.
    private static final int QUOTED_LENGTH = 100;
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private final CsvHeader<CsvColumn> header;
    private final CSVRecord record;
    private final Consumer<String> problems;
    private boolean failed;

    CsvFields(CsvHeader<CsvColumn> header, CSVRecord record, Consumer<String> problems) {
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

    /** White space only: read as no value, which is not what the writer meant where a value names something. */
    boolean isBlank(CsvColumn column) {
        return isEmpty(column) && !header.raw(record, column).isEmpty();
    }

    /** An identifier or a code: no control characters. Null when empty and not required, or bad. */
    String key(CsvColumn column, int maxLength, boolean required) {
        String value = text(column, maxLength, required);
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            return fail(column, quoted(value) + " contains a control character");
        }
        return value;
    }

    /**
     * A free text: control characters other than tab, line feed and carriage return are refused (FAR37
     * extracts are XML 1.0, which cannot carry them; PostgreSQL cannot store NUL). Null when empty and
     * not required, or bad.
     */
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
        if (value.chars().anyMatch(CsvFields::notInXml)) {
            return fail(column, quoted(value) + " contains a control character");
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

    /** An optional flag: true or false in any case, false when empty. Null when bad. */
    Boolean flag(CsvColumn column) {
        return isEmpty(column) ? Boolean.FALSE : bool(column);
    }

    /** A date written yyyy-MM-dd. Null when empty, or bad. */
    LocalDate date(CsvColumn column) {
        String value = header.value(record, column);
        if (value.isEmpty()) {
            return null;
        }
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // not a day of the calendar, such as 2025-02-30
        }
        return fail(column, quoted(value) + " is not a date written yyyy-MM-dd");
    }

    /** One of the identifier types; SIRET when empty. Null when bad. */
    IdentifierType identifierType(CsvColumn column) {
        String value = header.value(record, column);
        if (value.isEmpty()) {
            return IdentifierType.SIRET;
        }
        try {
            return IdentifierType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fail(column, quoted(value) + " is not one of " + Arrays.toString(IdentifierType.values()));
        }
    }

    /** A value that must match a pattern, such as a country code. Null when empty, or bad. */
    String matching(CsvColumn column, Pattern pattern, String description) {
        String value = header.value(record, column);
        if (value.isEmpty()) {
            return null;
        }
        return pattern.matcher(value).matches() ? value : fail(column, quoted(value) + " is not " + description);
    }

    /** Reports the problem against that column, as a failure of the record. */
    <T> T fail(CsvColumn column, String problem) {
        problems.accept("column " + column + ": " + problem);
        failed = true;
        return null;
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

    /** XML 1.0 allows no control character below space but tab, line feed and carriage return. */
    private static boolean notInXml(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    static String quoted(String value) {
        if (value.codePointCount(0, value.length()) <= QUOTED_LENGTH) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, value.offsetByCodePoints(0, QUOTED_LENGTH)) + "...'";
    }
}
