package org.chorusedi.directory;

import java.sql.SQLException;

/** The directory database failed. Bad import content is never thrown: it is reported in an {@link ImportReport}. */
public final class DirectoryException extends RuntimeException {

    public DirectoryException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
