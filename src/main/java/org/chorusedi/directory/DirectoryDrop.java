package org.chorusedi.directory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Directory files dropped into {@code directory/}, told apart by the end of their name (CSV files,
 * FAR37 extracts): each is imported in one transaction, then moved to {@code directory/imported/},
 * or, with any bad line, to {@code directory/rejected/} beside a {@code .errors.txt} report listing
 * the errors, each with its line (see {@link KeptFiles} for their names). Whatever a file holds, it
 * ends in one of the two with one log line, and the others and the engine go on: a file that fails
 * for a reason other than its content (the database, the disk) stays and is tried again, a bounded
 * number of times (see {@link ImportRetries}), then is rejected with a report that says so.
 */
public final class DirectoryDrop {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryDrop.class);
    // Enough of a failure's message to tell what happened, on one line.
    private static final int QUOTED_FAILURE = 500;

    // By the end of the file name, in lower case (".csv", ".xml.gz").
    private final Map<String, DirectoryImport> imports;
    private final Path folder;
    private final KeptFiles kept;
    private final ImportRetries retries;

    /**
     * @param attempts   how many times a file whose import fails for a reason other than its content is tried
     * @param retryDelay how long it waits after its first failed attempt; twice as long after each next one
     */
    public DirectoryDrop(Map<String, DirectoryImport> importsBySuffix, Path folder, int attempts, Duration retryDelay,
            Clock clock) {
        this.imports = Map.copyOf(importsBySuffix);
        this.folder = folder;
        this.kept = new KeptFiles(folder, clock);
        this.retries = new ImportRetries(attempts, retryDelay, clock);
    }

    /** Imports every directory file waiting in the folder, by name order (at start-up, before any flow). */
    public void importPending() throws IOException {
        List<Path> pending = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, file -> importFor(file) != null)) {
            files.forEach(pending::add);
        }
        for (Path file : pending.stream().filter(file -> !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))
                .sorted().toList()) {
            importFile(file);
        }
    }

    /**
     * Imports the file, unless it waits to be tried again, and moves it out of the folder. Never
     * throws for a directory file, whatever it holds: every outcome is logged.
     */
    public void importFile(Path file) {
        DirectoryImport importer = importFor(file);
        if (importer == null) {
            throw new IllegalArgumentException("not a directory file: " + Printable.of(file.toString()));
        }
        if (!retries.due(file)) {
            return;
        }
        ImportReport report;
        Level rejection = Level.WARN;
        try {
            report = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? importer.importFile(file)
                    : ImportReport.refused("not a regular file (a link, a device...): refused without being opened");
        } catch (NoSuchFileException e) {
            retries.forget(file); // taken away meanwhile
            return;
        } catch (IOException | DirectoryException e) {
            report = notImported(file, e);
            rejection = Level.ERROR; // the operator has a cause to fix
        } catch (RuntimeException | Error e) {
            // An OutOfMemoryError too: what the file needed is garbage now, and the engine goes on.
            report = ImportReport.refused("the file cannot be imported: " + (e instanceof OutOfMemoryError
                    ? "it needs more memory than the engine has (" + e + ")" : e.toString()));
        }
        if (report != null) {
            keep(file, report, rejection);
        }
    }

    /**
     * The database or the disk failed, not the file: it stays to be tried again (null), or, after its
     * last attempt, is refused with that reason.
     */
    private ImportReport notImported(Path file, Exception failure) {
        int attempt = retries.failed(file);
        if (attempt < retries.attempts()) {
            LOG.warn("directory file {} not imported (attempt {} of {}), the database or the disk failed: {};"
                    + " tried again in {} s", Printable.of(file.getFileName().toString()), attempt, retries.attempts(),
                    Printable.capped(failure.toString(), QUOTED_FAILURE), retries.delay(attempt).toSeconds());
            return null;
        }
        return ImportReport.refused("not imported after " + attempt + " attempts, for a reason other than its"
                + " content (the database or the disk failed): " + failure + ". Nothing of it was imported:"
                + " drop it again once the cause is fixed.");
    }

    private void keep(Path file, ImportReport report, Level rejection) {
        String name = Printable.of(file.getFileName().toString());
        try {
            if (report.ok()) {
                Path imported = kept.imported(file);
                LOG.info("directory file {} imported: {}; kept as imported/{}", name, report.summary(),
                        Printable.of(imported.getFileName().toString()));
            } else {
                StringBuilder lines = new StringBuilder();
                report.errors().forEach(error -> lines.append(Printable.capped(error.toString(), QUOTED_FAILURE))
                        .append('\n'));
                Path rejected = kept.rejected(file, lines.toString());
                LOG.atLevel(rejection).log("directory file {} rejected, nothing imported: {}; see rejected/{}{}", name,
                        (report.errors().size() == 1 ? "" : report.errors().size() + " errors, the first: ")
                                + Printable.capped(report.errors().get(0).toString(), QUOTED_FAILURE),
                        Printable.of(rejected.getFileName().toString()), KeptFiles.REPORT);
            }
            retries.forget(file);
        } catch (IOException | RuntimeException e) {
            int attempt = retries.failed(file);
            LOG.error("directory file {} {} but cannot be moved out of directory/: {}; it stays there, tried again in {} s",
                    name, report.ok() ? "imported" : "rejected", Printable.capped(e.toString(), QUOTED_FAILURE),
                    retries.delay(attempt).toSeconds());
        }
    }

    private DirectoryImport importFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return imports.entrySet().stream().filter(e -> name.endsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
