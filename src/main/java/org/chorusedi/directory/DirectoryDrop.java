package org.chorusedi.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directory files dropped into {@code directory/}, told apart by the end of their name (CSV files,
 * FAR37 extracts): each is imported in one transaction, then moved to {@code directory/imported/},
 * or, with any bad line, to {@code directory/rejected/} beside a {@code .errors.txt} report listing
 * the errors, each with its line.
 */
public final class DirectoryDrop {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryDrop.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    // By the end of the file name, in lower case (".csv", ".xml.gz").
    private final Map<String, DirectoryImport> imports;
    private final Path folder;

    public DirectoryDrop(Map<String, DirectoryImport> importsBySuffix, Path folder) {
        this.imports = Map.copyOf(importsBySuffix);
        this.folder = folder;
    }

    /** Imports every directory file waiting in the folder, by name order (at start-up, before any flow). */
    public void importPending() throws IOException {
        List<Path> pending = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, file -> importFor(file) != null)) {
            files.forEach(pending::add);
        }
        for (Path file : pending.stream().filter(Files::isRegularFile).sorted().toList()) {
            importFile(file);
        }
    }

    public ImportReport importFile(Path file) throws IOException {
        DirectoryImport importer = importFor(file);
        if (importer == null) {
            throw new IllegalArgumentException("not a directory file: " + file);
        }
        ImportReport report = importer.importFile(file);
        String name = file.getFileName().toString();
        if (report.ok()) {
            Path done = Files.createDirectories(folder.resolve("imported"));
            Files.move(file, done.resolve(STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "_" + name), StandardCopyOption.ATOMIC_MOVE);
            LOG.info("directory file {} imported: {} structure(s), {} service(s)", name, report.structures(), report.services());
        } else {
            Path rejected = Files.createDirectories(folder.resolve("rejected"));
            String errors = report.errors().stream().map(ImportError::toString).collect(Collectors.joining("\n", "", "\n"));
            Path aside = rejected.resolve(name + ".errors.txt.part");
            Files.writeString(aside, errors, StandardCharsets.UTF_8);
            Files.move(aside, rejected.resolve(name + ".errors.txt"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(file, rejected.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("directory file {} rejected, nothing imported: {} error(s), see rejected/{}.errors.txt",
                name, report.errors().size(), name);
        }
        return report;
    }

    private DirectoryImport importFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return imports.entrySet().stream().filter(e -> name.endsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
