package org.chorusedi.flow;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.Service;
import org.chorusedi.directory.Structure;
import org.chorusedi.routing.Finding;
import org.chorusedi.routing.InvoiceCheck;
import org.chorusedi.routing.ReasonCode;
import org.chorusedi.routing.RoutingControls;

/**
 * Decides a flow: the file checks, one pass of reading, then the routing controls per invoice.
 * Publishes nothing: the engine and the {@code validate} command share this code path.
 */
public final class FlowEvaluator {

    private static final int READ_BUFFER = 1 << 16;

    private final FlowReader reader;
    private final RoutingControls controls;
    private final long maxFlowBytes;

    public FlowEvaluator(FlowReader reader, RoutingControls controls, long maxFlowBytes) {
        this.reader = reader;
        this.controls = controls;
        this.maxFlowBytes = maxFlowBytes;
    }

    public FlowOutcome evaluate(Path file, String partner, String flowId, DirectoryLookup directory) throws IOException {
        String fileName = file.getFileName().toString();
        long size = Files.size(file);
        FlowRead read;
        if (size == 0) {
            read = FlowRead.rejected(new Finding(ReasonCode.F01, fileName + ": the file is empty"));
        } else if (size > maxFlowBytes) {
            read = FlowRead.rejected(new Finding(ReasonCode.F02,
                    fileName + ": " + size + " bytes, over the limit of " + maxFlowBytes + " bytes"));
        } else {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER)) {
                read = reader.read(in, fileName);
            }
        }
        List<InvoiceOutcome> invoices = new ArrayList<>();
        for (InvoiceRead invoice : read.invoices()) {
            InvoiceCheck check = controls.check(invoice.keys(), invoice.index(), directory);
            invoices.add(new InvoiceOutcome(invoice, invoiceId(flowId, invoice.index()), check.findings(),
                    check.structure().map(Structure::name).orElse(null), check.service().map(Service::name).orElse(null)));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS);
        return new FlowOutcome(flowId, partner, fileName, now, read.flowFindings(), invoices);
    }

    static String invoiceId(String flowId, int index) {
        return String.format("%s-%04d", flowId, index);
    }
}
