package org.chorusedi.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports the directory from a CSV file: UTF-8, RFC 4180, a header row naming the columns of
 * {@link CsvColumn} in any order, one row per structure and service. The file is streamed, and
 * imported in one transaction: a file with any bad row changes nothing.
 */
public final class DirectoryCsvImport {

    // Blank lines are kept as records so that the physical line numbers can be followed; they are skipped below.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final DirectoryStore store;
    private final ImportLimits limits;

    public DirectoryCsvImport(DirectoryStore store, ImportLimits limits) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Bad content is reported, never thrown; throws only when the file cannot be read or the database fails. */
    public ImportReport importCsv(Path csv) throws IOException {
        if (Files.size(csv) > limits.maxBytes()) {
            return ImportReport.refused("the file is larger than " + limits.maxBytes() + " bytes (chorus.directory.max-bytes)");
        }
        try (CsvLineLimit reader = CsvLineLimit.openUtf8(csv, limits.maxLineChars());
             CSVParser parser = FORMAT.parse(reader);
             DirectoryTransaction transaction = store.begin()) {
            ImportRun run = new ImportRun(transaction, limits.maxEntries());
            read(parser, reader, run);
            ImportReport report = run.report();
            if (report.ok()) {
                transaction.commit();
            }
            return report;
        }
    }

    private static void read(CSVParser parser, CsvLineLimit lines, ImportRun run) throws IOException {
        Iterator<CSVRecord> records = parser.iterator();
        long line = 1; // where the next record starts
        try {
            if (!records.hasNext()) {
                run.error(line, "the file is empty, a header row is expected");
                return;
            }
            Consumer<String> problems = message -> run.error(1, message);
            CsvHeader<CsvColumn> header = CsvHeader.read(records.next().toList(), CsvColumn.class, problems);
            // both checks, so that every problem of the header row is told at once
            if (!header.complete(column -> column.presence == CsvColumn.Presence.REQUIRED, problems)
                    & !CsvColumn.withCodeService(header, problems)) {
                return;
            }
            line = parser.getCurrentLineNumber() + 1;
            lines.nextLine();
            while (!run.full() && records.hasNext()) {
                CSVRecord record = records.next();
                if (!isBlankLine(record)) {
                    readRow(header, record, line, run);
                }
                line = parser.getCurrentLineNumber() + 1;
                lines.nextLine();
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException malformed) {
                // The parser cannot find where the next record starts: the rest of the file is not checked.
                run.error(line, "malformed CSV, the rest of the file is not read: " + malformed.getMessage());
            } else if (e.getCause() instanceof CsvLineLimit.Exceeded) {
                run.error(line, "a line longer than " + lines.maxChars() + " characters (chorus.directory.max-line-chars),"
                        + " or a quote left open: the rest of the file is not read");
            } else {
                throw e.getCause();
            }
        }
    }

    private static void readRow(CsvHeader<CsvColumn> header, CSVRecord record, long line, ImportRun run) {
        if (record.size() != header.size()) {
            run.error(line, "the row has " + record.size() + " fields, the header has " + header.size());
            return;
        }
        CsvRow.parse(header, record, message -> run.error(line, message)).ifPresent(row -> run.accept(line, row));
    }

    private static boolean isBlankLine(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }
}
