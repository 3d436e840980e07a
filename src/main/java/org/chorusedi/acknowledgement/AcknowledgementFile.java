package org.chorusedi.acknowledgement;

import java.util.Arrays;
import java.util.Optional;

/**
 * The acknowledgement files a flow leaves in {@code ack/<partner>/}, named {@code <flow id>.<document>.xml} (.txt for
 * the recognition's report), and
 * the same documents served by the partners' API under {@code .../acknowledgements/<document>}
 * (docs/partners/acknowledgements.md).
 */
public enum AcknowledgementFile {

    /** The flow report (CPPFluxStatuts), of every flow. */
    FLOW_REPORT("flux", "xml", "application/xml"),
    /** The statuses of invoices (CPPFactureStatuts): those an invoice flow delivered, or those a life-cycle flow changed. */
    INVOICE_STATUSES("factures", "xml", "application/xml"),
    /** What was read in a plain PDF, in plain text (docs/partners/pdf-deposit.md): of a flow that was one. */
    RECOGNITION("reconnaissance", "txt", "text/plain; charset=utf-8");

    private final String document;
    private final String extension;
    private final String contentType;

    AcknowledgementFile(String document, String extension, String contentType) {
        this.document = document;
        this.extension = extension;
        this.contentType = contentType;
    }

    /** Its type, as the API answers it. */
    public String contentType() {
        return contentType;
    }

    /** Its name in the API's paths, and in its file name: {@code flux}, {@code factures}, {@code reconnaissance}. */
    public String document() {
        return document;
    }

    /** Its file name in {@code ack/<partner>/}. */
    public String fileName(String flowId) {
        return flowId + "." + document + "." + extension;
    }

    /** The acknowledgement the API's path names, if any. */
    public static Optional<AcknowledgementFile> ofDocument(String document) {
        return Arrays.stream(values()).filter(file -> file.document.equals(document)).findFirst();
    }
}
