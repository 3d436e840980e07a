package org.chorusedi.far37;

import java.io.IOException;

/**
 * A FAR37 file goes beyond the directory's size once decompressed (chorus.directory.max-bytes): its reading
 * stops there, and it is rejected. The limits it shares with flows have exceptions of their own
 * ({@code XmlLimitExceeded}, {@code UnsafeArchive}).
 */
final class LimitExceeded extends IOException {

    LimitExceeded(String message) {
        super(message);
    }
}
