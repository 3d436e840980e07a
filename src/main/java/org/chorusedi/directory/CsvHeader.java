package org.chorusedi.directory;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVRecord;

/** Where each known column sits in the records of a file, read from its header row. */
final class CsvHeader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Map<CsvColumn, Integer> indexes;
    private final int size;

    private CsvHeader(Map<CsvColumn, Integer> indexes, int size) {
        this.indexes = indexes;
        this.size = size;
    }

    /** Names match trimmed and in any case; unknown names are ignored. Empty when a needed column is missing. */
    static Optional<CsvHeader> read(List<String> names, Consumer<String> problems) {
        Map<CsvColumn, Integer> indexes = new EnumMap<>(CsvColumn.class);
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
            Optional<CsvColumn> column = CsvColumn.named(normalized(names.get(i), i));
            if (column.isPresent() && indexes.putIfAbsent(column.get(), i) != null) {
                problems.accept("column " + column.get() + " appears more than once");
                ok = false;
            }
        }
        for (CsvColumn column : CsvColumn.values()) {
            if (column.presence == CsvColumn.Presence.REQUIRED && !indexes.containsKey(column)) {
                problems.accept("missing column " + column);
                ok = false;
            }
            if (column.presence == CsvColumn.Presence.WITH_CODE_SERVICE && !indexes.containsKey(column)
                    && indexes.containsKey(CsvColumn.CODE_SERVICE)) {
                problems.accept("missing column " + column + ", required with column " + CsvColumn.CODE_SERVICE);
                ok = false;
            }
        }
        return ok ? Optional.of(new CsvHeader(indexes, names.size())) : Optional.empty();
    }

    /** The number of fields every record must have. */
    int size() {
        return size;
    }

    /** The trimmed value of that column in the record, or "" when the file has no such column. */
    String value(CSVRecord record, CsvColumn column) {
        return raw(record, column).strip();
    }

    /** The value of that column in the record as written, or "" when the file has no such column. */
    String raw(CSVRecord record, CsvColumn column) {
        Integer index = indexes.get(column);
        return index == null ? "" : record.get(index);
    }

    private static String normalized(String name, int index) {
        // Spreadsheets often save UTF-8 with a byte order mark, which then starts the first name.
        String unmarked = index == 0 && !name.isEmpty() && name.charAt(0) == BYTE_ORDER_MARK ? name.substring(1) : name;
        return unmarked.strip().toLowerCase(Locale.ROOT);
    }
}
