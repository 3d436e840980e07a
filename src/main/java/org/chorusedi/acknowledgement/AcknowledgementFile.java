package org.chorusedi.acknowledgement;

import java.util.Arrays;
import java.util.Optional;

/**
 * The acknowledgement files a flow leaves in {@code ack/<partner>/}, named {@code <flow id>.<document>.xml}, and
 * the same documents served by the partners' API under {@code .../acknowledgements/<document>}
 * (docs/partners/acknowledgements.md).
 */
public enum AcknowledgementFile {

    /** The flow report (CPPFluxStatuts), of every flow. */
    FLOW_REPORT("flux"),
    /** The statuses of invoices (CPPFactureStatuts): those an invoice flow delivered, or those a life-cycle flow changed. */
    INVOICE_STATUSES("factures");

    private final String document;

    AcknowledgementFile(String document) {
        this.document = document;
    }

    /** Its name in the API's paths, and in its file name: {@code flux} or {@code factures}. */
    public String document() {
        return document;
    }

    /** Its file name in {@code ack/<partner>/}. */
    public String fileName(String flowId) {
        return flowId + "." + document + ".xml";
    }

    /** The acknowledgement the API's path names, if any. */
    public static Optional<AcknowledgementFile> ofDocument(String document) {
        return Arrays.stream(values()).filter(file -> file.document.equals(document)).findFirst();
    }
}
