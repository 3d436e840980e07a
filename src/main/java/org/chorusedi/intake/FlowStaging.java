package org.chorusedi.intake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.xml.stream.XMLStreamException;
import org.chorusedi.acknowledgement.AcknowledgementDocument;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.config.Folders;

/**
 * What every pipeline stages the same way: its acknowledgements, its original (moved last), and everything forced to
 * disk before the commit.
 */
final class FlowStaging {

    private final Folders folders;
    private final CppStatutWriter acknowledgements;
    private final DiskSync sync;

    FlowStaging(Folders folders, CppStatutWriter acknowledgements, DiskSync sync) {
        this.folders = folders;
        this.acknowledgements = acknowledgements;
        this.sync = sync;
    }

    /** Writes an acknowledgement into the staging folder, to be moved into {@code ack/<partner>/} on publication. */
    void acknowledgement(Publication publication, String stagedName, AcknowledgementDocument document)
            throws IOException, XMLStreamException {
        Path target = folders.ack(document.partner()).resolve(document.file().fileName(document.flowId()));
        try (OutputStream out = Files.newOutputStream(publication.stage(stagedName, target))) {
            acknowledgements.write(document, out);
        }
    }

    /**
     * The original, moved last: to rejected/ when the flow is rejected as a whole, else to the day's archive.
     * Returns where it will be kept.
     */
    Path keepOriginal(Publication publication, TakenFile original, String flowId, String partner, String fileName,
                      boolean rejectedAsWhole, LocalDate day) {
        String keptName = Folders.keptName(flowId, fileName);
        Path destination = rejectedAsWhole ? folders.rejected(partner).resolve(keptName) : folders.archive(partner, day).resolve(keptName);
        publication.moveOriginal(original.path(), destination);
        return destination;
    }

    /** Every target folder made and every staged file forced to disk: what the commit relies on. */
    void forceToDisk(Publication publication, DroppedFlow flow) throws IOException {
        publication.prepare(sync, flow.taken(), flow.dropped().getParent());
    }
}
