package org.chorusedi.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.chorusedi.config.Configuration;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.flow.FlowLimits;
import org.chorusedi.flow.FlowRead;
import org.chorusedi.flow.FlowReader;
import org.chorusedi.generator.PdfInvoiceWriter;
import org.chorusedi.generator.PdfInvoiceWriter.GeneratedPdf;
import org.chorusedi.generator.PdfInvoiceWriter.Layout;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.ValidationPipeline;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PDF of about 100 MB recognised in a JVM of its own with a 256 MB heap: a six-page invoice whose last page,
 * one of the three read, also shows an uncompressed 100 MB image (a scanned annex). Holding the file, or decoding
 * the image, would not fit beside what the JVM needs for itself.
 */
// No database: once, in the H2 pass (.ci/run).
@Tag("h2-only")
class LargePdfRecognitionIT {

    private static final int SIDE = 5800;

    @TempDir
    Path dir;

    @Test
    void aHundredMegabytePdfIsRecognisedWithA256MegabyteHeap() throws Exception {
        GeneratedPdf invoice = PdfInvoiceWriter.write(dir.resolve("invoice.pdf"), Layout.MULTI_PAGE, 4, 6);
        Path large = withAnnex(invoice.file(), dir.resolve("large.pdf"), SIDE);
        assertTrue(Files.size(large) > 100_000_000L, "about 100 MB: " + Files.size(large));

        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), LargePdfRecognitionIT.class.getName(),
                large.toString());
        File out = dir.resolve("child.out").toFile();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child JVM did not finish");
        String printed = Files.readString(out.toPath());
        assertEquals(0, child.exitValue(), printed);
        assertFalse(printed.contains("OutOfMemoryError"), printed);
        for (Field field : Field.values()) {
            assertTrue(printed.contains(field + "=" + RecognitionCorpusTest.expected(invoice.expected(), field) + "\n"), printed);
        }
        assertTrue(printed.contains("complete=true"), printed);
    }

    @Test
    void aPdfOverTheDepositLimitDroppedIntoAFolderIsRefusedAsOverTheApi() throws Exception {
        GeneratedPdf invoice = PdfInvoiceWriter.write(dir.resolve("invoice.pdf"), Layout.HEADER_BLOCKS, 0);
        // 121 MB: over the 120 MB of a PDF deposit, under chorus.facturx.max-pdf-bytes (120 MiB), which would say F11.
        Path oversized = withAnnex(invoice.file(), dir.resolve("oversized.pdf"), 6352);
        assertTrue(Files.size(oversized) > 121_000_000L && Files.size(oversized) < 122_000_000L, "121 MB: " + Files.size(oversized));
        ExecutorService validators = ValidationPipeline.newThreadPool();
        try {
            FlowRead read = new FlowReader(SchemaCatalog.shared(), FlowLimits.read(Configuration.of(Map.of())), validators)
                    .read(oversized, "oversized.pdf", Files.createDirectory(dir.resolve("staging")));
            assertEquals(List.of(ReasonCode.F02), read.flowFindings().stream().map(Finding::code).toList(), read.flowFindings()::toString);
            assertTrue(read.flowFindings().get(0).description().contains("over the limit of " + PdfTextReader.MAX_DEPOSIT_BYTES),
                    read.flowFindings()::toString);
        } finally {
            validators.shutdownNow();
        }
    }

    /** The invoice, its last page showing an uncompressed image of side x side pixels: about 3 x side x side bytes more. */
    private static Path withAnnex(Path invoice, Path out, int side) throws Exception {
        try (PDDocument document = Loader.loadPDF(invoice.toFile(), IOUtils.createTempFileOnlyStreamCache())) {
            PDPage last = document.getPage(document.getNumberOfPages() - 1);
            PDImageXObject annex = new PDImageXObject(document, zeros(3L * side * side), null, side, side, 8, PDDeviceRGB.INSTANCE);
            try (PDPageContentStream content = new PDPageContentStream(document, last, AppendMode.APPEND, false)) {
                content.drawImage(annex, 400, 20, 100, 100);
            }
            document.save(out.toFile());
        }
        return out;
    }

    /** The child JVM: recognises the PDF given and prints each value, then whether the draft is complete. */
    public static void main(String[] args) throws Exception {
        PdfText text = new PdfTextReader(PdfTextReader.MAX_DEPOSIT_BYTES).read(Path.of(args[0]));
        Recognition recognition = InvoiceRecognizer.recognise(text);
        List<String> lines = new ArrayList<>();
        recognition.values().forEach(value -> lines.add(value.field() + "=" + value.value()));
        lines.add("complete=" + recognition.complete());
        System.out.println(String.join("\n", lines));
    }

    /** So many zero bytes, made as they are read. */
    private static InputStream zeros(long count) {
        return new InputStream() {
            private long left = count;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}
