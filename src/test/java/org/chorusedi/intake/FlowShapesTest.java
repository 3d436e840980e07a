package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.chorusedi.lifecycle.LifeCycleReader;
import org.chorusedi.validation.XmlLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which shape each kind of flow has, told by a look at its file, and which pipeline runs it. */
class FlowShapesTest {

    private static final Path SAMPLES = Path.of("sample-flows");
    private final LifeCycleReader reader = new LifeCycleReader(new XmlLimits(1_000_000, 1000, 10_000), 10_000, 3);
    private final FlowPipeline lifeCycleDocuments = (flow, publication, sniff, camel) -> { };
    private final FlowPipeline invoiceFlows = (flow, publication, sniff, camel) -> { };
    private final FlowShapes shapes = new FlowShapes(lifeCycleDocuments, invoiceFlows);

    @TempDir
    Path dir;

    @Test
    void eachSampleFlowHasItsShapeAndPipeline() throws IOException {
        assertShape("life-cycle document", lifeCycleDocuments, SAMPLES.resolve("cycle/1/in/MIN001/17-statuts-service-fait-et-mandat.xml"));
        assertShape("life-cycle document", lifeCycleDocuments, SAMPLES.resolve("cycle/2/in/AAA001/20-recyclage-F2026-0002.xml"));
        assertShape("life-cycle document", lifeCycleDocuments, SAMPLES.resolve("cycle/2/in/AAA001/21-complement-F2026-0003.xml"));
        assertShape("Factur-X", invoiceFlows, SAMPLES.resolve("in/AAA001/22-facturx-ministere-livree.pdf"));
        assertShape("archive", invoiceFlows, SAMPLES.resolve("in/AAA001/16-archive-zip-livree.zip"));
        assertShape("batch", invoiceFlows, SAMPLES.resolve("in/AAA001/15-lot-mixte-integration-partielle.xml"));
        assertShape("single invoice", invoiceFlows, SAMPLES.resolve("in/AAA001/01-ubl-ministere-livree.xml"));
        assertShape("single invoice", invoiceFlows, SAMPLES.resolve("in/AAA001/02-cii-ville-livree.xml"));
    }

    @Test
    void aGzipIsAnArchiveWhateverItHolds() throws IOException {
        Path gzip = dir.resolve("statuts.xml.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            Files.copy(SAMPLES.resolve("cycle/1/in/MIN001/17-statuts-service-fait-et-mandat.xml"), out);
        }
        assertShape("archive", invoiceFlows, gzip);
    }

    @Test
    void whatIsNoInvoiceAtAllIsTheInvoiceReadersToReject() throws IOException {
        assertShape("single invoice", invoiceFlows, SAMPLES.resolve("in/AAA001/13-rejet-F04-xxe.xml"));
        assertShape("single invoice", invoiceFlows, SAMPLES.resolve("in/AAA001/12-rejet-F03-tronque.xml"));
        assertShape("single invoice", invoiceFlows, Files.write(dir.resolve("empty.xml"), new byte[0]));
    }

    @Test
    void aFileThatIsNotARegularOneIsNeverOpened() throws IOException {
        TakenFile link = new TakenFile(dir.resolve("absent"), false, "a symbolic link", 0);
        FlowShapes.FlowShape shape = shapes.of(FlowSniff.of(link, reader));
        assertEquals("not a regular file", shape.name());
        assertSame(invoiceFlows, shape.pipeline(), "refused as F10 by the invoice pipeline");
    }

    private void assertShape(String name, FlowPipeline pipeline, Path file) throws IOException {
        FlowShapes.FlowShape shape = shapes.of(FlowSniff.of(new TakenFile(file, true, "a regular file", Files.size(file)), reader));
        assertEquals(name, shape.name(), file.toString());
        assertSame(pipeline, shape.pipeline(), file.toString());
    }
}
