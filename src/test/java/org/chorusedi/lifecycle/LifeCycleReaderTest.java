package org.chorusedi.lifecycle;

import static org.chorusedi.testkit.LifeCycleFlows.status;
import static org.chorusedi.testkit.LifeCycleFlows.statuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.validation.XmlLimits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reader of life-cycle documents takes and refuses before any line is decided. */
@Tag("h2-only")
class LifeCycleReaderTest {

    private static final String LINE = status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, "F-1", "2026-11-20", "07", null, null);

    @TempDir
    Path dir;

    @Test
    void aDocumentIsToldByItsRootElementAndHeldToItsSizeAndLineLimits() throws Exception {
        LifeCycleReader reader = new LifeCycleReader(new XmlLimits(1_000_000, 1000, 10_000), 10_000, 3);
        Path three = Files.writeString(dir.resolve("three.xml"), statuses("DEST01", Collections.nCopies(3, LINE).toArray(String[]::new)));
        Path four = Files.writeString(dir.resolve("four.xml"), statuses("DEST01", Collections.nCopies(4, LINE).toArray(String[]::new)));
        Path large = Files.writeString(dir.resolve("large.xml"), statuses("DEST01", Collections.nCopies(30, LINE).toArray(String[]::new)));
        Path invoice = Files.writeString(dir.resolve("invoice.xml"), InvoiceTemplate.toMinistry().ubl());
        Path notXml = Files.write(dir.resolve("archive.zip"), new byte[] {'P', 'K', 3, 4, 0, 0});

        assertEquals(Optional.of(LifeCycleReader.Kind.STATUSES), reader.kind(three));
        assertEquals(Optional.empty(), reader.kind(invoice), "an invoice is the flow reader's");
        assertEquals(Optional.empty(), reader.kind(notXml), "so is anything that is no XML");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            LifeCycleReader.Read read = reader.read(three, "three.xml", LifeCycleReader.Kind.STATUSES, camel);
            assertNull(read.rejection());
            LifeCycleReader.Read tooMany = reader.read(four, "four.xml", LifeCycleReader.Kind.STATUSES, camel);
            assertEquals(ReasonCode.F07, tooMany.rejection().code());
            assertTrue(tooMany.rejection().description().contains("4 lines, at most 3 (chorus.lifecycle.max-lines)"));
            LifeCycleReader.Read tooLarge = reader.read(large, "large.xml", LifeCycleReader.Kind.STATUSES, camel);
            assertEquals(ReasonCode.F11, tooLarge.rejection().code());
            assertTrue(tooLarge.rejection().description().contains("(chorus.lifecycle.max-bytes)"));
        }
    }
}
