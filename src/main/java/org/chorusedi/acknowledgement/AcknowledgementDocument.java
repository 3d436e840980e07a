package org.chorusedi.acknowledgement;

import java.time.OffsetDateTime;

/**
 * One acknowledgement document, as a pipeline decided it and before it is written ({@link CppStatutWriter#write}):
 * each kind of flow says what its acknowledgements hold, the writer alone knows the format.
 */
public sealed interface AcknowledgementDocument permits FlowReport, InvoiceStatuses {

    /** The flow it acknowledges. */
    String flowId();

    /** The partner it is written for: its file goes to {@code ack/<partner>/}. */
    String partner();

    /** When the flow was decided: the document's production date. */
    OffsetDateTime decidedAt();

    /** Which file it is. */
    AcknowledgementFile file();
}
