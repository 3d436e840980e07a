package org.chorusedi.intake;

import java.util.List;
import java.util.function.Predicate;

/**
 * The shapes of flow the engine tells apart, in the order they are tried, each with the pipeline that runs it: the
 * one place where a flow's kind chooses its pipeline (the readers then read the shape they are given:
 * {@code flow.FlowReader} by its bytes, {@code flow.DocumentReader} by its root element). A new kind of flow is a new
 * shape here, with its pipeline (docs/contributors/architecture.md, "A flow's path through the code").
 */
final class FlowShapes {

    /** A shape: whether a taken file has it, told by a look at the file, and the pipeline that runs it. */
    record FlowShape(String name, Predicate<FlowSniff> matches, FlowPipeline pipeline) {
    }

    private final List<FlowShape> shapes;

    FlowShapes(FlowPipeline lifeCycleDocuments, FlowPipeline invoiceFlows) {
        this.shapes = List.of(
                // Refused by the invoice pipeline without being opened (F10), as every flow of it is acknowledged.
                new FlowShape("not a regular file", sniff -> !sniff.regular(), invoiceFlows),
                new FlowShape("life-cycle document", sniff -> sniff.lifeCycleKind().isPresent(), lifeCycleDocuments),
                new FlowShape("Factur-X", FlowSniff::pdf, invoiceFlows),
                new FlowShape("archive", FlowSniff::archive, invoiceFlows),
                new FlowShape("batch", FlowSniff::batch, invoiceFlows),
                // Whatever else: the invoice reader tells an invoice from what it rejects (F03, F05 ...).
                new FlowShape("single invoice", sniff -> true, invoiceFlows));
    }

    /** The first shape the file has. */
    FlowShape of(FlowSniff sniff) {
        return shapes.stream().filter(shape -> shape.matches().test(sniff)).findFirst().orElseThrow();
    }
}
