package org.chorusedi.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files under a folder that a running engine may be changing while a test looks. */
public final class FolderFiles {

    private FolderFiles() {
    }

    /**
     * Every file under a folder (links and special files too, never followed), sorted; none when the folder does
     * not exist. A running engine moves files while the folder is walked: a file or folder gone between listing
     * and visit makes the walk start again, up to 100 times.
     */
    public static List<Path> under(Path folder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                return List.of();
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            } catch (UncheckedIOException | NoSuchFileException e) {
                boolean moved = e instanceof NoSuchFileException || e.getCause() instanceof NoSuchFileException;
                if (!moved || attempt == 100) {
                    throw e;
                }
            }
        }
    }
}
