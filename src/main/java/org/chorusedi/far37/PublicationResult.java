package org.chorusedi.far37;

import java.nio.file.Path;

/**
 * What one publication did: the extract published, or why nothing was.
 *
 * @param file the extract published; null when it failed
 * @param failure why nothing was published; null when it was
 */
public record PublicationResult(
        String subscriber,
        ExtractType type,
        long sequence,
        long structures,
        Path file,
        String failure) {

    public boolean published() {
        return failure == null;
    }
}
