package org.chorusedi.far37;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A subscriber's folder of extracts. An extract is named
 * {@code FAR37_<partner>_<FULL|DELTA>_<yyyyMMddHHmmss, UTC>_<sequence>.xml[.gz]}, its checksum
 * {@code <extract name>.sha256}; both are written aside under their name plus {@code .part}.
 */
final class ExtractFolder {

    static final String PART = ".part";
    static final String SIDECAR = ".sha256";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Path folder;
    private final String partner;
    private final Pattern extractName;

    ExtractFolder(Path folder, String partner) {
        this.folder = folder;
        this.partner = partner;
        this.extractName = Pattern.compile("FAR37_" + Pattern.quote(partner) + "_(FULL|DELTA)_[0-9]{14}_([0-9]{1,18})\\.xml(\\.gz)?");
    }

    Path extract(ExtractType type, Instant generated, long sequence, boolean gzip) {
        return folder.resolve("FAR37_" + partner + "_" + type + "_" + STAMP.format(generated) + "_" + sequence
                + (gzip ? ".xml.gz" : ".xml"));
    }

    static Path sidecar(Path extract) {
        return extract.resolveSibling(extract.getFileName() + SIDECAR);
    }

    static Path part(Path file) {
        return file.resolveSibling(file.getFileName() + PART);
    }

    /** The highest sequence number among the subscriber's extracts in the folder; 0 when none. */
    long highestSequence() throws IOException {
        return extracts().stream().mapToLong(this::sequence).max().orElse(0);
    }

    /** Deletes what an interrupted publication left aside (a link is deleted itself, never followed). */
    void removeParts() throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, "FAR37_" + partner + "_*" + PART)) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** Keeps the {@code count} latest extracts (0: all), deleting the others with their checksums; returns those deleted. */
    List<Path> retain(int count) throws IOException {
        if (count == 0) {
            return List.of();
        }
        List<Path> older = extracts().stream()
                .sorted(Comparator.comparingLong(this::sequence).reversed())
                .skip(count)
                .toList();
        for (Path extract : older) {
            Files.deleteIfExists(sidecar(extract));
            Files.deleteIfExists(extract);
        }
        return older;
    }

    private List<Path> extracts() throws IOException {
        List<Path> extracts = new ArrayList<>();
        // Regular files only: a link named like an extract is neither counted nor deleted.
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                file -> extractName.matcher(file.getFileName().toString()).matches()
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))) {
            files.forEach(extracts::add);
        }
        return extracts;
    }

    private long sequence(Path extract) {
        Matcher name = extractName.matcher(extract.getFileName().toString());
        name.matches();
        return Long.parseLong(name.group(2));
    }
}
