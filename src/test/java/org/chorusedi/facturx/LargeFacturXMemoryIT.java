package org.chorusedi.facturx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.chorusedi.config.Configuration;
import org.chorusedi.engine.Engine;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.support.ChildJvm;
import org.chorusedi.support.ChildJvm.Run;
import org.chorusedi.testkit.TestDirectory;
import org.chorusedi.engine.EngineSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Factur-X PDF of about 70 MB through {@code validate} in a JVM of its own with a 32 MB heap: an
 * unfiltered 70 MB file beside the invoice, and an embedded invoice inflating to 40 MB (blanks under its
 * root). Holding the PDF, or the invoice, whole would end in an OutOfMemoryError.
 */
@Tag("h2-only")
class LargeFacturXMemoryIT {

    @TempDir
    Path dir;

    @Test
    void aLargeFacturXPdfIsCheckedWithA32MegabyteHeap() throws Exception {
        Path root = dir.resolve("root");
        try (Engine engine = Engine.open(EngineSettings.read(Configuration.of(Map.of("chorus.root", root.toString()))))) {
            TestDirectory.copyInto(engine.folders().directory());
            engine.directoryDrop().importPending();
        }
        String cii = InvoiceTemplate.toMinistry().cii();
        int rootEnd = cii.indexOf('>', cii.indexOf("<rsm:CrossIndustryInvoice")) + 1;
        InputStream invoice = new SequenceInputStream(new SequenceInputStream(
                new ByteArrayInputStream(cii.substring(0, rootEnd).getBytes(StandardCharsets.UTF_8)), blanks(40_000_000)),
                new ByteArrayInputStream(cii.substring(rootEnd).getBytes(StandardCharsets.UTF_8)));
        Path pdf = dir.resolve("AAA001/grande-facture.pdf");
        Files.createDirectories(pdf.getParent());
        // Written through a temporary file too: the test's own heap need not hold it either.
        try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            document.addPage(new PDPage());
            PDComplexFileSpecification xml = spec(new PDEmbeddedFile(document, invoice, COSName.FLATE_DECODE), "factur-x.xml");
            PDComplexFileSpecification plans = spec(new PDEmbeddedFile(document, blanks(70_000_000)), "plans.bin");
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of("factur-x.xml", xml, "plans.bin", plans));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            document.getDocumentCatalog().setNames(names);
            document.save(pdf.toFile());
        }
        assertTrue(Files.size(pdf) > 70_000_000L, "over 70 MB: " + Files.size(pdf));

        Run run = ChildJvm.chorusEdi(dir, "-Xmx32m", Duration.ofMinutes(5), "validate", "--root", root.toString(), pdf.toString());

        // Read whole and checked to the end: its 40 MB invoice is then over what the EN 16931 rules take into a tree.
        assertEquals(1, run.status(), run::all);
        Path report = Files.writeString(dir.resolve("report.xml"), run.out());
        assertEquals("93", Acks.status(report));
        assertEquals(List.of("I20"), Acks.errorCodes(report));
        assertTrue(Acks.errorDescriptions(report).get(0).contains("EN16931-SIZE"), run::all);
    }

    private static PDComplexFileSpecification spec(PDEmbeddedFile file, String name) {
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(name);
        spec.setEmbeddedFile(file);
        return spec;
    }

    /** So many blanks, made as they are read. */
    private static InputStream blanks(long count) {
        return new InputStream() {
            private long left = count;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                left -= n;
                return n;
            }
        };
    }
}
