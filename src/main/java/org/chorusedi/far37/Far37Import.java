package org.chorusedi.far37;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import javax.xml.stream.XMLStreamException;
import org.chorusedi.directory.DirectoryImport;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.directory.DirectoryTransaction;
import org.chorusedi.directory.ImportError;
import org.chorusedi.directory.ImportReport;
import org.chorusedi.directory.ServiceRow;
import org.chorusedi.directory.StructureEntry;
import org.xml.sax.SAXException;

/**
 * Imports a FAR37 extract ({@code .xml}, or gzipped {@code .xml.gz}) into the directory in one
 * transaction, validated against the FAR37 schema while it streams: a file with any error changes
 * nothing. Each structure listed is written as given, with its services; a service of a listed
 * structure that the file leaves out is deactivated, since an extract gives a structure with all
 * its services. A FULL covers the whole directory: a stored structure it leaves out is deactivated
 * too. A DELTA touches only the structures it lists. Nothing is deleted, so that this engine's own
 * DELTAs carry every change on. Each row keeps the last-modified time of the file; rows that do not
 * change keep every time.
 */
public final class Far37Import implements DirectoryImport {

    private static final int READ_BUFFER = 64 * 1024;

    private final DirectoryStore store;
    private final int maxErrors;

    /** {@code maxErrors}: the schema errors, and the other errors, reported for one file at most. */
    public Far37Import(DirectoryStore store, int maxErrors) {
        this.store = Objects.requireNonNull(store, "store");
        this.maxErrors = maxErrors;
    }

    @Override
    public ImportReport importFile(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER);
             DirectoryTransaction transaction = store.begin()) {
            Run run = new Run(transaction);
            try {
                read(gzipped(file) ? new GZIPInputStream(in, READ_BUFFER) : in, file, run);
            } catch (ZipException e) {
                run.errors.add(new ImportError(1, "not a gzip file: " + e.getMessage()));
            }
            if (!run.errors.isEmpty()) {
                run.errors.sort(Comparator.comparingLong(ImportError::line));
                return new ImportReport(0, 0, run.errors);
            }
            run.finish();
            transaction.commit();
            return new ImportReport(run.identifiers.size(), run.services, List.of());
        }
    }

    /** Reads the whole file into the run: its schema errors and its other errors too. */
    private void read(InputStream in, Path file, Run run) {
        ExtractReader reader;
        try {
            reader = new ExtractReader(in, file.toString(), maxErrors);
        } catch (XMLStreamException | SAXException e) {
            run.errors.add(new ImportError(1, "the file cannot be read: " + message(e)));
            return;
        }
        try {
            run.read(reader);
        } catch (XMLStreamException | SAXException e) {
            run.errors.add(new ImportError(reader.line(), "the file cannot be read further: " + message(e)));
        } finally {
            closeQuietly(reader);
        }
        run.errors.addAll(reader.errors());
    }

    private static boolean gzipped(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** One import of one file: its checks beyond the schema, and its writes while the file is valid. */
    private final class Run {
        private final DirectoryTransaction transaction;
        private final List<ImportError> errors = new ArrayList<>();
        // Every structure listed: a FULL deactivates the others; one listed twice is an error.
        private final Set<String> identifiers = new HashSet<>();
        private ExtractHeader header;
        private int services;

        Run(DirectoryTransaction transaction) {
            this.transaction = transaction;
        }

        void read(ExtractReader reader) throws XMLStreamException, SAXException {
            header = reader.header();
            if (header == null) {
                if (reader.valid()) {
                    errors.add(new ImportError(reader.line(), "not a FAR37 extract: no header"));
                }
                return;
            }
            StructureEntry entry;
            while (!reader.full() && errors.size() < maxErrors && (entry = reader.next()) != null) {
                check(entry, reader.line());
                if (reader.valid() && errors.isEmpty()) {
                    write(entry);
                }
            }
            if (reader.valid() && errors.isEmpty()) {
                checkHeader(reader.line());
            }
        }

        private void check(StructureEntry entry, long line) {
            String identifier = entry.structure().identifier();
            if (!identifiers.add(identifier)) {
                errors.add(new ImportError(line, "structure " + identifier + " is listed twice"));
            }
            Set<String> codes = new HashSet<>();
            for (ServiceRow service : entry.services()) {
                if (!codes.add(service.code())) {
                    errors.add(new ImportError(line, "service " + service.code() + " of " + identifier
                            + " is listed twice"));
                }
                if (service.startDate() != null && service.endDate() != null
                        && service.endDate().isBefore(service.startDate())) {
                    errors.add(new ImportError(line, "service " + service.code() + " of " + identifier
                            + " ends (" + service.endDate() + ") before it starts (" + service.startDate() + ")"));
                }
            }
        }

        private void checkHeader(long line) {
            if (header.type() == ExtractType.DELTA && header.since() == null) {
                errors.add(new ImportError(line, "a DELTA extract needs Depuis in its header"));
            }
            if (header.type() == ExtractType.FULL && header.since() != null) {
                errors.add(new ImportError(line, "a FULL extract has no Depuis in its header"));
            }
            if (header.count() != identifiers.size()) {
                errors.add(new ImportError(line, "the header announces " + header.count() + " structures, the file lists "
                        + identifiers.size()));
            }
        }

        private void write(StructureEntry entry) {
            transaction.upsert(entry.structure());
            entry.services().forEach(transaction::upsert);
            transaction.deactivateServicesOtherThan(entry.structure().identifier(),
                    entry.services().stream().map(ServiceRow::code).toList());
            services += entry.services().size();
        }

        /** After a valid file: what a FULL leaves out is deactivated. */
        void finish() {
            if (header.type() == ExtractType.FULL) {
                transaction.deactivateStructuresOtherThan(identifiers);
            }
        }
    }

    /** The parser's message without the location, which the report gives already. */
    private static String message(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int text = message.indexOf("Message: ");
        if (message.startsWith("ParseError at") && text >= 0) {
            return message.substring(text + "Message: ".length()).strip();
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    private static void closeQuietly(ExtractReader reader) {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // the import's outcome is decided already
        }
    }
}
