package org.chorusedi.far37;

import java.io.EOFException;
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
import java.util.zip.ZipException;
import javax.xml.stream.XMLStreamException;
import org.chorusedi.archive.UnsafeArchive;
import org.chorusedi.directory.DirectoryImport;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.directory.DirectoryTransaction;
import org.chorusedi.directory.ImportError;
import org.chorusedi.directory.ImportLimits;
import org.chorusedi.directory.ImportReport;
import org.chorusedi.directory.ServiceRow;
import org.chorusedi.directory.StructureEntry;
import org.chorusedi.validation.XmlLimitExceeded;
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

    /** What a limit met while the file is read comes out as, each with a message of its own. */
    private static final List<Class<? extends IOException>> LIMITS =
            List.of(LimitExceeded.class, XmlLimitExceeded.class, UnsafeArchive.class);

    private final DirectoryStore store;
    private final ImportLimits limits;

    public Far37Import(DirectoryStore store, ImportLimits limits) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public ImportReport importFile(Path file) throws IOException {
        if (Files.size(file) > limits.maxBytes()) {
            return ImportReport.refused("the file is larger than " + limits.maxBytes() + " bytes (chorus.directory.max-bytes)");
        }
        InputStream in;
        try {
            in = ExtractContent.open(file, gzipped(file), limits);
        } catch (ZipException | EOFException e) {
            return ImportReport.refused("not a gzip file: " + (e.getMessage() == null ? "it ends too soon" : e.getMessage()));
        }
        try (in; DirectoryTransaction transaction = store.begin()) {
            Run run = new Run(transaction);
            read(in, file, run);
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
            reader = new ExtractReader(in, file.toString(), limits);
        } catch (XMLStreamException | SAXException e) {
            run.errors.add(new ImportError(1, "the file cannot be read: " + message(e)));
            return;
        }
        try {
            run.read(reader);
        } catch (XMLStreamException | SAXException e) {
            XmlLimitExceeded limit = cause(e, XmlLimitExceeded.class);
            run.errors.add(new ImportError(limit == null ? reader.line() : limit.line(),
                    "the file cannot be read further: " + message(e)));
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
        // Every structure listed (bounded by chorus.directory.max-entries): a FULL deactivates the
        // others; one listed twice is an error.
        private final Set<String> identifiers = new HashSet<>();
        private ExtractHeader header;
        private int services;

        Run(DirectoryTransaction transaction) {
            this.transaction = transaction;
        }

        /** One more error, unless enough are known already (one entry may hold thousands). */
        private void error(long line, String message) {
            if (errors.size() < limits.maxErrors()) {
                errors.add(new ImportError(line, message));
            }
        }

        void read(ExtractReader reader) throws XMLStreamException, SAXException {
            header = reader.header();
            if (header == null) {
                if (reader.valid()) {
                    error(reader.line(), "not a FAR37 extract: no header");
                }
                return;
            }
            StructureEntry entry;
            while (!reader.full() && errors.size() < limits.maxErrors() && (entry = reader.next()) != null) {
                check(entry, reader.line());
                if (identifiers.size() + services > limits.maxEntries()) {
                    error(reader.line(), "more than " + limits.maxEntries() + " structures and"
                            + " services (chorus.directory.max-entries): the rest of the file is not read");
                    return;
                }
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
                error(line, "structure " + identifier + " is listed twice");
            }
            refuseBlank(identifier, line, "the identifier of a structure");
            refuseBlank(entry.structure().copiedFrom(), line, "IdentifiantStructureOrigine of " + identifier);
            services += entry.services().size();
            Set<String> codes = new HashSet<>();
            for (ServiceRow service : entry.services()) {
                // A service code names an outbox folder: it must hold more than white space.
                refuseBlank(service.code(), line, "a service code of " + identifier);
                if (!codes.add(service.code())) {
                    error(line, "service " + service.code() + " of " + identifier
                            + " is listed twice");
                }
                if (service.startDate() != null && service.endDate() != null
                        && service.endDate().isBefore(service.startDate())) {
                    error(line, "service " + service.code() + " of " + identifier
                            + " ends (" + service.endDate() + ") before it starts (" + service.startDate() + ")");
                }
            }
        }

        /** White space only passes the schema (at least one character, none a control character). */
        private void refuseBlank(String value, long line, String what) {
            if (value != null && !value.isEmpty() && value.isBlank()) {
                error(line, what + " is blank (white space only)");
            }
        }

        private void checkHeader(long line) {
            if (header.type() == ExtractType.DELTA && header.since() == null) {
                error(line, "a DELTA extract needs Depuis in its header");
            }
            if (header.type() == ExtractType.FULL && header.since() != null) {
                error(line, "a FULL extract has no Depuis in its header");
            }
            if (header.count() != identifiers.size()) {
                error(line, "the header announces " + header.count() + " structures, the file lists "
                        + identifiers.size());
            }
        }

        private void write(StructureEntry entry) {
            transaction.upsert(entry.structure());
            entry.services().forEach(transaction::upsert);
            transaction.deactivateServicesOtherThan(entry.structure().identifier(),
                    entry.services().stream().map(ServiceRow::code).toList());
        }

        /** After a valid file: what a FULL leaves out is deactivated. */
        void finish() {
            if (header.type() == ExtractType.FULL) {
                transaction.deactivateStructuresOtherThan(identifiers);
            }
        }
    }

    /** The parser's message without the location, which the report gives already; a limit's own. */
    private static String message(Exception e) {
        for (Class<? extends IOException> limit : LIMITS) {
            IOException over = cause(e, limit);
            if (over != null) {
                return over.getMessage();
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int text = message.indexOf("Message: ");
        if (message.startsWith("ParseError at") && text >= 0) {
            return message.substring(text + "Message: ".length()).strip();
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** A limit met below the parser, or by the reader at an event, comes out nested in the parser's exception. */
    private static <T extends Throwable> T cause(Exception e, Class<T> type) {
        for (Throwable cause = e; cause != null;
                cause = cause instanceof XMLStreamException x ? x.getNestedException() : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static void closeQuietly(ExtractReader reader) {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // the import's outcome is decided already
        }
    }
}
