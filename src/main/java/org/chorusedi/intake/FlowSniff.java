package org.chorusedi.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.chorusedi.archive.ArchiveFormat;
import org.chorusedi.flow.BatchEnvelope;
import org.chorusedi.lifecycle.LifeCycleReader;
import org.chorusedi.lifecycle.LifeCycleReader.Kind;

/**
 * What a cheap look at a taken file tells of its shape, before any reader reads it: its first bytes, and the root
 * element of an XML document. A file that is not a regular one is never opened (F10).
 *
 * @param regular a regular file
 * @param head    its first bytes (none when it is not a regular file)
 * @param root    its root element, when it is an XML document whose root could be read; else empty
 */
record FlowSniff(boolean regular, byte[] head, Optional<QName> root) {

    /** Enough for every magic number {@link ArchiveFormat} tells. */
    private static final int HEAD = 5;

    static FlowSniff of(TakenFile taken, LifeCycleReader roots) throws IOException {
        if (!taken.regular()) {
            return new FlowSniff(false, new byte[0], Optional.empty());
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(taken.path())) {
            head = in.readNBytes(HEAD);
        }
        boolean binary = ArchiveFormat.isPdf(head) || ArchiveFormat.isGzip(head) || ArchiveFormat.isZip(head);
        return new FlowSniff(true, head, binary ? Optional.empty() : roots.root(taken.path()));
    }

    /** The kind of life-cycle document its root element tells, if any. */
    Optional<Kind> lifeCycleKind() {
        return root.flatMap(LifeCycleReader::kindOf);
    }

    boolean pdf() {
        return ArchiveFormat.isPdf(head);
    }

    /** A gzip (of an invoice, a batch or a tar) or a zip. */
    boolean archive() {
        return ArchiveFormat.isGzip(head) || ArchiveFormat.isZip(head);
    }

    boolean batch() {
        return root.filter(BatchEnvelope::isBatchRoot).isPresent();
    }
}
