package org.chorusedi.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where directory files go once imported: {@code imported/}, or {@code rejected/} beside their
 * report. Each is kept under {@code <UTC time yyyyMMdd'T'HHmmss>_<name>}, or, when that name is
 * taken (the same name twice within a second), {@code <time>-2_<name>}, {@code <time>-3_<name>}...:
 * nothing kept earlier is ever replaced.
 */
final class KeptFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    static final String REPORT = ".errors.txt";
    // Far more than one second's worth of files of one name.
    private static final int MAX_TRIES = 1000;

    private final Path imported;
    private final Path rejected;
    private final Clock clock;

    KeptFiles(Path folder, Clock clock) {
        this.imported = folder.resolve("imported");
        this.rejected = folder.resolve("rejected");
        this.clock = clock;
    }

    /** Moves the file into imported/; returns where it is kept. */
    Path imported(Path file) throws IOException {
        Files.createDirectories(imported);
        String stamp = stamp();
        for (int n = 1; n <= MAX_TRIES; n++) {
            Path target = imported.resolve(keptName(stamp, n, file));
            if (moveUnlessTaken(file, target)) {
                return target;
            }
        }
        throw new IOException("no free name for " + file.getFileName() + " in " + imported);
    }

    /** Moves the file into rejected/, its report beside it (written first); returns where the file is kept. */
    Path rejected(Path file, String report) throws IOException {
        Files.createDirectories(rejected);
        // Written aside, then linked into place: a reader never sees half a report.
        Path aside = Files.createTempFile(rejected, ".report-", ".part");
        try {
            Files.writeString(aside, report, StandardCharsets.UTF_8);
            String stamp = stamp();
            for (int n = 1; n <= MAX_TRIES; n++) {
                Path target = rejected.resolve(keptName(stamp, n, file));
                Path reportTarget = target.resolveSibling(target.getFileName() + REPORT);
                if (Files.exists(target) || !moveUnlessTaken(aside, reportTarget)) {
                    continue;
                }
                if (moveUnlessTaken(file, target)) {
                    return target;
                }
                Files.move(reportTarget, aside);
            }
            throw new IOException("no free name for " + file.getFileName() + " in " + rejected);
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    private String stamp() {
        return STAMP.format(clock.instant().atZone(ZoneOffset.UTC));
    }

    private static String keptName(String stamp, int n, Path file) {
        return stamp + (n == 1 ? "" : "-" + n) + "_" + file.getFileName();
    }

    /**
     * Moves without ever replacing: a hard link made at the target (which fails when the name is
     * taken) then the source deleted, atomic on one file system. False when the target is taken.
     */
    private static boolean moveUnlessTaken(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // A file system without hard links (some network shares): a move, which refuses an
            // existing target too, only not atomically.
            try {
                Files.move(source, target);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
        Files.delete(source);
        return true;
    }
}
