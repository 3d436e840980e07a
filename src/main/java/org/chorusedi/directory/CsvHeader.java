package org.chorusedi.directory;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVRecord;

/**
 * Where each known column sits in the records of a CSV file (the directory's, the partners', the markets'), read
 * from its header row: a column is named by its constant's name in lower case, matched trimmed and in any case;
 * unknown names are ignored.
 */
public final class CsvHeader<C extends Enum<C>> {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Class<C> columns;
    private final Map<C, Integer> indexes;
    private final int size;
    private final boolean repeated;

    private CsvHeader(Class<C> columns, Map<C, Integer> indexes, int size, boolean repeated) {
        this.columns = columns;
        this.indexes = indexes;
        this.size = size;
        this.repeated = repeated;
    }

    /** The header row; a column given twice is told to {@code problems} (and the header is not {@link #complete} then). */
    public static <C extends Enum<C>> CsvHeader<C> read(List<String> names, Class<C> columns, Consumer<String> problems) {
        Map<C, Integer> indexes = new EnumMap<>(columns);
        boolean repeated = false;
        for (int i = 0; i < names.size(); i++) {
            String name = normalized(names.get(i), i);
            for (C column : columns.getEnumConstants()) {
                if (nameOf(column).equals(name) && indexes.putIfAbsent(column, i) != null) {
                    problems.accept("column " + nameOf(column) + " appears more than once");
                    repeated = true;
                }
            }
        }
        return new CsvHeader<>(columns, indexes, names.size(), repeated);
    }

    /** True when no column is given twice and every required one is there; each missing one told to {@code problems}. */
    public boolean complete(Predicate<C> required, Consumer<String> problems) {
        boolean ok = !repeated;
        for (C column : columns.getEnumConstants()) {
            if (required.test(column) && !indexes.containsKey(column)) {
                problems.accept("missing column " + nameOf(column));
                ok = false;
            }
        }
        return ok;
    }

    /** How a header row names that column. */
    public static String nameOf(Enum<?> column) {
        return column.name().toLowerCase(Locale.ROOT);
    }

    /** The number of fields every record must have. */
    public int size() {
        return size;
    }

    /** Whether the file has that column. */
    public boolean has(C column) {
        return indexes.containsKey(column);
    }

    /** The trimmed value of that column in the record, or "" when the file has no such column. */
    public String value(CSVRecord record, C column) {
        return raw(record, column).strip();
    }

    /** The value of that column in the record as written, or "" when the file has no such column. */
    public String raw(CSVRecord record, C column) {
        Integer index = indexes.get(column);
        return index == null ? "" : record.get(index);
    }

    private static String normalized(String name, int index) {
        // Spreadsheets often save UTF-8 with a byte order mark, which then starts the first name.
        String unmarked = index == 0 && !name.isEmpty() && name.charAt(0) == BYTE_ORDER_MARK ? name.substring(1) : name;
        return unmarked.strip().toLowerCase(Locale.ROOT);
    }
}
