package org.chorusedi.intake;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.chorusedi.config.Folders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the intake poll only drop directories named by a valid partner code; a file in any other
 * folder stays where it is, pending, and the folder is reported in the log. In a partner's folder, a
 * file whose name holds a backslash is renamed first (the backslash becomes '_', and the log says so):
 * Camel reads a backslash as a folder separator and could never take it.
 */
public final class PartnerFolderFilter implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerFolderFilter.class);

    @Override
    public boolean accept(GenericFile<File> file) {
        if (!file.isDirectory()) {
            return true;
        }
        boolean partner = Folders.PARTNER_CODE.matcher(file.getFileNameOnly()).matches();
        if (!partner) {
            LOG.warn("ignoring drop folder {}: not a partner code (3 to 8 letters and digits)", file.getAbsoluteFilePath());
        } else {
            renameBackslashes(Path.of(file.getAbsoluteFilePath()));
        }
        return partner;
    }

    private static void renameBackslashes(Path folder) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, entry -> entry.getFileName().toString().contains("\\"))) {
            for (Path file : files) {
                Path renamed = file.resolveSibling(file.getFileName().toString().replace('\\', '_'));
                if (Files.notExists(renamed)) {
                    Files.move(file, renamed, StandardCopyOption.ATOMIC_MOVE);
                    LOG.warn("renamed '{}' to '{}' in {}: a backslash cannot stand in a dropped file's name",
                            file.getFileName(), renamed.getFileName(), folder);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot look for backslashes in the names of {}: {}", folder, e.toString());
        }
    }
}
