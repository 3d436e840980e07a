package org.chorusedi.directory;

import java.io.IOException;
import java.nio.file.Path;

/** Imports one kind of directory file in one transaction: bad content is reported, never thrown. */
@FunctionalInterface
public interface DirectoryImport {

    /** Throws only when the file cannot be read or the database fails. */
    ImportReport importFile(Path file) throws IOException;
}
