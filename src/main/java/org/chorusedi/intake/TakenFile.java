package org.chorusedi.intake;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A dropped file once the engine has taken hold of it: renamed from the drop directory into its flow's
 * staging folder, so that the bytes read are the bytes archived, whatever is put at the dropped path
 * afterwards.
 *
 * @param path    where it is now: {@code work/<flow id>/original}
 * @param regular a regular file (a link, a FIFO or a device is refused without being opened, F10)
 * @param kind    what it is, in words, when it is not a regular file
 * @param size    its size when it was taken
 */
record TakenFile(Path path, boolean regular, String kind, long size) {

    static TakenFile of(Path path, BasicFileAttributes attributes) {
        String kind = attributes.isRegularFile() ? "a regular file"
                : attributes.isSymbolicLink() ? "a symbolic link"
                : attributes.isDirectory() ? "a folder"
                : "a special file (FIFO, socket or device)";
        return new TakenFile(path, attributes.isRegularFile(), kind, attributes.isRegularFile() ? attributes.size() : 0);
    }
}
