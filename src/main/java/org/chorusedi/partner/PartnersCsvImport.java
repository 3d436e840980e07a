package org.chorusedi.partner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.chorusedi.config.Folders;
import org.chorusedi.directory.CsvHeader;
import org.chorusedi.directory.CsvLineLimit;
import org.chorusedi.directory.ImportError;
import org.chorusedi.directory.ImportLimits;
import org.chorusedi.directory.ImportReport;

/**
 * Imports the partner registry from a partners file ({@code partenaires*.csv} dropped into {@code directory/};
 * docs/operators/directory-and-partners.md, "Partners and their connections"): UTF-8, RFC 4180, a header row, one row
 * per connection. The file is the whole registry: every partner it lists is written with exactly its connections, and a
 * stored partner it leaves out becomes inactive, keeping its connections. It is checked whole first, under the limits
 * of directory files, then written in one transaction: a file with any bad row changes nothing.
 */
public final class PartnersCsvImport {

    /** A partners file is told apart from a directory file by its name, in any case. */
    private static final Pattern FILE_NAME = Pattern.compile("partenaires.*\\.csv");

    // Blank lines are kept as records so that the physical line numbers can be followed; they are skipped below.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';
    // The sizes of the database columns.
    private static final int NAME_LENGTH = 255;
    private static final int IDENTIFIER_LENGTH = 80;
    private static final Pattern SIRET = Pattern.compile("[0-9]{14}");
    // A file that is wrong throughout would otherwise fill memory with messages.
    private static final int MAX_LISTED_ERRORS = 1000;
    // Enough of a bad value to recognise it, without copying a huge field into the report.
    private static final int QUOTED_LENGTH = 100;

    /** The columns of a partners file; the header names each by its lower-case constant name. */
    enum Column {
        CODE_PARTENAIRE, NOM, ACTIF, SENS, IDENTIFIANT;


        /** Every column is required but actif (true when left out). */
        boolean required() {
            return this != ACTIF;
        }
    }

    private final DataSource dataSource;
    private final ImportLimits limits;
    private final Clock clock;

    public PartnersCsvImport(DataSource dataSource, ImportLimits limits, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static boolean isPartnersFile(Path file) {
        return FILE_NAME.matcher(file.getFileName().toString().toLowerCase(Locale.ROOT)).matches();
    }

    /** Bad content is reported, never thrown; throws only when the file cannot be read or the database fails. */
    public ImportReport importCsv(Path csv) throws IOException {
        if (Files.size(csv) > limits.maxBytes()) {
            return ImportReport.refused("the file is larger than " + limits.maxBytes() + " bytes (chorus.directory.max-bytes)");
        }
        Reading reading = new Reading();
        try (CsvLineLimit reader = CsvLineLimit.openUtf8(csv, limits.maxLineChars());
             CSVParser parser = FORMAT.parse(reader)) {
            reading.read(parser, reader);
        }
        if (!reading.errors.isEmpty()) {
            return new ImportReport(0, 0, reading.errors);
        }
        if (reading.partners.isEmpty()) {
            return ImportReport.refused("the file lists no partner: it would make every partner inactive (to do so,"
                    + " list them with actif false)");
        }
        List<String> deactivated = new RegistryWrite(dataSource, clock).replace(reading.partners.values());
        int connections = reading.partners.values().stream().mapToInt(p -> p.connections.size()).sum();
        return new ImportReport(0, 0, List.of(), reading.partners.size() + " partner(s), " + connections
                + " connection(s)" + (deactivated.isEmpty() ? "" : "; left out, now inactive: " + String.join(", ", deactivated)));
    }

    /** A partner as the file gives it: its first row's values, and its connections in file order. */
    static final class Entry {
        final String code;
        final String name;
        final boolean active;
        final long line;
        final Set<PartnerConnection> connections = new LinkedHashSet<>();

        Entry(String code, String name, boolean active, long line) {
            this.code = code;
            this.name = name;
            this.active = active;
            this.line = line;
        }
    }

    /** One reading of one file: the partners it lists and the errors, each with its line. */
    private final class Reading {
        private final Map<String, Entry> partners = new LinkedHashMap<>();
        private final List<ImportError> errors = new ArrayList<>();
        private long unlistedErrors;
        private int rows;

        void read(CSVParser parser, CsvLineLimit lines) throws IOException {
            Iterator<CSVRecord> records = parser.iterator();
            long line = 1; // where the next record starts
            try {
                if (!records.hasNext()) {
                    error(line, "the file is empty, a header row is expected");
                    return;
                }
                CsvHeader<Column> header = CsvHeader.read(records.next().toList(), Column.class, message -> error(1, message));
                if (!header.complete(Column::required, message -> error(1, message))) {
                    return;
                }
                line = parser.getCurrentLineNumber() + 1;
                lines.nextLine();
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    if (!(record.size() == 1 && record.get(0).isBlank())) {
                        if (++rows > limits.maxEntries()) {
                            error(line, "more than " + limits.maxEntries() + " rows (chorus.directory.max-entries):"
                                    + " the rest of the file is not read");
                            return;
                        }
                        row(header, record, line);
                    }
                    line = parser.getCurrentLineNumber() + 1;
                    lines.nextLine();
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CSVException malformed) {
                    error(line, "malformed CSV, the rest of the file is not read: " + malformed.getMessage());
                } else if (e.getCause() instanceof CsvLineLimit.Exceeded) {
                    error(line, "a line longer than " + lines.maxChars() + " characters (chorus.directory.max-line-chars),"
                            + " or a quote left open: the rest of the file is not read");
                } else {
                    throw e.getCause();
                }
            } finally {
                if (unlistedErrors > 0) {
                    errors.add(new ImportError(0, unlistedErrors + " more errors are not listed"));
                }
            }
        }


        private void row(CsvHeader<Column> header, CSVRecord record, long line) {
            if (record.size() != header.size()) {
                error(line, "the row has " + record.size() + " fields, the header has " + header.size());
                return;
            }
            long before = errorCount();
            String code = header.value(record, Column.CODE_PARTENAIRE);
            if (code.isEmpty()) {
                fail(line, Column.CODE_PARTENAIRE, "a value is required");
            } else if (!Folders.PARTNER_CODE.matcher(code).matches()) {
                fail(line, Column.CODE_PARTENAIRE, quoted(code) + " is not a partner code (3 to 8 letters and digits,"
                        + " the name of its folder in/)");
            }
            String name = text(line, header, record, Column.NOM, NAME_LENGTH);
            Boolean active = active(line, header, record);
            String direction = header.value(record, Column.SENS).toUpperCase(Locale.ROOT);
            String identifier = header.value(record, Column.IDENTIFIANT);
            PartnerConnection connection = null;
            if (direction.isEmpty() != identifier.isEmpty()) {
                fail(line, direction.isEmpty() ? Column.SENS : Column.IDENTIFIANT, "a value is required with column "
                        + CsvHeader.nameOf(direction.isEmpty() ? Column.IDENTIFIANT : Column.SENS)
                        + " (both empty: a partner without a connection on this row)");
            } else if (!direction.isEmpty()) {
                Direction sens = direction(line, direction);
                String id = identifier(line, identifier, sens);
                if (sens != null && id != null) {
                    connection = new PartnerConnection(code, id, sens);
                }
            }
            if (errorCount() > before) {
                return;
            }
            Entry entry = partners.get(code);
            if (entry == null) {
                entry = new Entry(code, name, active, line);
                partners.put(code, entry);
            } else {
                agree(line, Column.NOM, entry.name, name, entry.line);
                agree(line, Column.ACTIF, String.valueOf(entry.active), String.valueOf(active), entry.line);
            }
            if (connection != null) {
                entry.connections.add(connection);
            }
        }

        private String text(long line, CsvHeader<Column> header, CSVRecord record, Column column, int maxLength) {
            String value = header.value(record, column);
            if (value.isEmpty()) {
                fail(line, column, "a value is required");
            } else if (value.indexOf(REPLACEMENT_CHARACTER) >= 0) {
                fail(line, column, quoted(value) + " is not valid UTF-8");
            } else if (value.chars().anyMatch(Character::isISOControl)) {
                fail(line, column, quoted(value) + " contains a control character");
            } else if (value.codePointCount(0, value.length()) > maxLength) {
                fail(line, column, quoted(value) + " is longer than " + maxLength + " characters");
            }
            return value;
        }

        /** True when the column is left out or empty. */
        private Boolean active(long line, CsvHeader<Column> header, CSVRecord record) {
            String value = header.value(record, Column.ACTIF);
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "", "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> {
                    fail(line, Column.ACTIF, quoted(value) + " is not true or false");
                    yield null;
                }
            };
        }

        private Direction direction(long line, String value) {
            try {
                return Direction.valueOf(value);
            } catch (IllegalArgumentException e) {
                fail(line, Column.SENS, quoted(value) + " is not EMISSION or RECEPTION");
                return null;
            }
        }

        /**
         * A recipient is a SIRET (invoices name no other, I02); a supplier may have another identifier,
         * as its invoices carry it. Luhn is not checked: the directory holds SIRETs that fail it.
         */
        private String identifier(long line, String value, Direction direction) {
            if (value.indexOf(REPLACEMENT_CHARACTER) >= 0) {
                fail(line, Column.IDENTIFIANT, quoted(value) + " is not valid UTF-8");
            } else if (value.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
                fail(line, Column.IDENTIFIANT, quoted(value) + " contains white space or a control character");
            } else if (value.codePointCount(0, value.length()) > IDENTIFIER_LENGTH) {
                fail(line, Column.IDENTIFIANT, quoted(value) + " is longer than " + IDENTIFIER_LENGTH + " characters");
            } else if (direction == Direction.RECEPTION && !SIRET.matcher(value).matches()) {
                fail(line, Column.IDENTIFIANT, quoted(value) + " is not a SIRET (14 digits): a recipient is named by"
                        + " its SIRET");
            } else {
                return value;
            }
            return null;
        }

        private void agree(long line, Column column, String first, String value, long firstLine) {
            if (!first.equals(value)) {
                fail(line, column, quoted(value) + " contradicts " + quoted(first) + " on line " + firstLine
                        + " for the same partner");
            }
        }

        private long errorCount() {
            return errors.size() + unlistedErrors;
        }

        private void fail(long line, Column column, String message) {
            error(line, "column " + CsvHeader.nameOf(column) + ": " + message);
        }

        private void error(long line, String message) {
            if (errors.size() < MAX_LISTED_ERRORS) {
                errors.add(new ImportError(line, message));
            } else {
                unlistedErrors++;
            }
        }
    }

    private static String quoted(String value) {
        if (value.codePointCount(0, value.length()) <= QUOTED_LENGTH) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, value.offsetByCodePoints(0, QUOTED_LENGTH)) + "...'";
    }
}
