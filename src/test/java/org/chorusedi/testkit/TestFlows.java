package org.chorusedi.testkit;

import java.util.ArrayList;
import java.util.List;
import org.chorusedi.generator.InvoiceTemplate;

/**
 * Flows built for a test from the engine's invoice template ({@link InvoiceTemplate}: UBL or CII, any routing
 * keys): batches; archives are {@link Archives}, life-cycle documents {@link LifeCycleFlows}.
 */
public final class TestFlows {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private TestFlows() {
    }

    /**
     * A batch (docs/partners/flows-and-checks.md, "Batches") from a partner, its header's flow id
     * {@code senderFlowId}, holding these invoice documents.
     */
    public static String batch(String partner, String senderFlowId, List<String> invoices) {
        StringBuilder batch = new StringBuilder(DECLARATION + "<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n<Header><PartnerCode>" + partner
                + "</PartnerCode><FlowId>" + senderFlowId + "</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt><InvoiceCount>"
                + invoices.size() + "</InvoiceCount></Header>\n");
        for (String invoice : invoices) {
            batch.append(invoice.startsWith(DECLARATION) ? invoice.substring(DECLARATION.length()) : invoice);
        }
        return batch.append("</Batch>\n").toString();
    }

    /** A batch of these invoices, UBL and CII in turn. */
    public static String batch(String partner, InvoiceTemplate... invoices) {
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < invoices.length; i++) {
            documents.add(i % 2 == 0 ? invoices[i].ubl() : invoices[i].cii());
        }
        return batch(partner, "LOT-1", documents);
    }
}
