package org.chorusedi.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chorusedi.generator.PdfInvoice;
import org.chorusedi.generator.PdfInvoiceWriter;
import org.chorusedi.generator.PdfInvoiceWriter.GeneratedPdf;
import org.chorusedi.generator.PdfInvoiceWriter.Layout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recognition measured over a corpus of 48 generated PDFs, 6 per layout: precision and recall per field, printed
 * one line per field. The goal: nothing wrong is ever read (precision 1.0 everywhere: a wrong SIRET is worse than
 * a missing one), and every value the fully readable layouts print is found (recall 1.0 over them): HEADER_BLOCKS,
 * LABELS_ABOVE, TABLE, BLOCK_AND_FOOTER, MULTI_PAGE and CONDITIONS_LAST. TWO_COLUMNS (SIRETs announced by their
 * column only) and MISPRINTED_SIRET (a recipient's SIRET failing Luhn) are read partly, and never wrongly.
 */
// No database: once, in the H2 pass (.ci/run).
@Tag("h2-only")
class RecognitionCorpusTest {

    private static final int VARIANTS_PER_LAYOUT = 6;

    @TempDir
    static Path dir;

    private record Read(GeneratedPdf pdf, Recognition recognition) {
    }

    private static final List<Read> corpus = new ArrayList<>();

    @BeforeAll
    static void readTheCorpus() throws Exception {
        PdfTextReader reader = new PdfTextReader(PdfTextReader.MAX_DEPOSIT_BYTES);
        for (Layout layout : Layout.values()) {
            for (int i = 0; i < VARIANTS_PER_LAYOUT; i++) {
                int variant = layout.ordinal() * VARIANTS_PER_LAYOUT + i;
                GeneratedPdf pdf = PdfInvoiceWriter.write(dir.resolve(layout + "-" + variant + ".pdf"), layout, variant);
                corpus.add(new Read(pdf, InvoiceRecognizer.recognise(reader.read(pdf.file()))));
            }
        }
    }

    static String expected(PdfInvoice invoice, Field field) {
        return switch (field) {
            case RECIPIENT_SIRET -> invoice.recipientSiret();
            case SERVICE_CODE -> invoice.serviceCode();
            case ENGAGEMENT -> invoice.engagement();
            case SUPPLIER_SIRET -> invoice.supplierSiret();
            case INVOICE_NUMBER -> invoice.number();
            case INVOICE_DATE -> invoice.date().toString();
            case AMOUNT_BEFORE_TAX -> invoice.beforeTax().toPlainString();
            case VAT_AMOUNT -> invoice.vat().toPlainString();
            case TOTAL_AMOUNT -> invoice.total().toPlainString();
            case CURRENCY -> invoice.currency();
        };
    }

    /** Counts for one field: values read, of which right; values printed, of which found (all, fully readable). */
    private static final class Counts {
        int read;
        int right;
        int printed;
        int found;
        int readablePrinted;
        int readableFound;

        double precision() {
            return read == 0 ? 1.0 : (double) right / read;
        }

        double recall() {
            return printed == 0 ? 1.0 : (double) found / printed;
        }

        double readableRecall() {
            return readablePrinted == 0 ? 1.0 : (double) readableFound / readablePrinted;
        }
    }

    @Test
    void nothingIsReadWronglyAndEveryAnnouncedValueIsFound() {
        Map<Field, Counts> counts = new EnumMap<>(Field.class);
        List<String> wrong = new ArrayList<>();
        List<String> unfound = new ArrayList<>();
        for (Read read : corpus) {
            for (Field field : Field.values()) {
                Counts c = counts.computeIfAbsent(field, f -> new Counts());
                String expected = expected(read.pdf.expected(), field);
                String value = read.recognition.value(field).map(Recognition.Value::value).orElse(null);
                String name = read.pdf.file().getFileName() + " " + field;
                if (value != null) {
                    c.read++;
                    if (value.equals(expected)) {
                        c.right++;
                    } else {
                        wrong.add(name + ": read " + value + ", printed " + expected);
                    }
                }
                if (expected != null) {
                    c.printed++;
                    c.found += value != null && value.equals(expected) ? 1 : 0;
                    if (read.pdf.layout().fullyReadable()) {
                        c.readablePrinted++;
                        if (value != null && value.equals(expected)) {
                            c.readableFound++;
                        } else {
                            unfound.add(name + ": printed " + expected + ", " + read.recognition.doubtful());
                        }
                    }
                }
            }
        }
        System.out.println("Recognition over " + corpus.size() + " PDFs (" + Layout.values().length + " layouts):");
        counts.forEach((field, c) -> System.out.println(String.format(Locale.ROOT,
                "%-17s precision %.3f (%d/%d)  recall %.3f (%d/%d)  recall, fully readable layouts %.3f (%d/%d)", field,
                c.precision(), c.right, c.read, c.recall(), c.found, c.printed, c.readableRecall(), c.readableFound, c.readablePrinted)));

        assertTrue(corpus.size() >= 40, "a corpus of 40 PDFs at least");
        assertEquals(List.of(), wrong, "values read wrongly");
        assertEquals(List.of(), unfound, "values of the fully readable layouts not found");
    }

    @Test
    void theFullyReadableLayoutsGiveCompleteDrafts() {
        for (Read read : corpus) {
            if (read.pdf.layout().fullyReadable()) {
                assertTrue(read.recognition.complete(), read.pdf.file().getFileName() + ": " + read.recognition);
            }
        }
    }

    @Test
    void eachValuesConfidenceSaysHowItWasAnnounced() {
        for (Read read : corpus) {
            Recognition r = read.recognition;
            switch (read.pdf.layout()) {
                case HEADER_BLOCKS, TABLE -> {
                    assertEquals(Confidence.HIGH, r.value(Field.RECIPIENT_SIRET).orElseThrow().confidence());
                    assertEquals(Confidence.HIGH, r.value(Field.INVOICE_NUMBER).orElseThrow().confidence());
                }
                case LABELS_ABOVE -> {
                    assertEquals(Confidence.MEDIUM, r.value(Field.RECIPIENT_SIRET).orElseThrow().confidence());
                    assertEquals(Confidence.MEDIUM, r.value(Field.TOTAL_AMOUNT).orElseThrow().confidence());
                }
                case BLOCK_AND_FOOTER -> {
                    assertEquals(Confidence.MEDIUM, r.value(Field.RECIPIENT_SIRET).orElseThrow().confidence());
                    assertEquals(Confidence.LOW, r.value(Field.SUPPLIER_SIRET).orElseThrow().confidence());
                }
                default -> {
                }
            }
        }
    }

    @Test
    void aMisprintedSiretIsDoubtfulAndNeverAValue() {
        for (Read read : corpus) {
            if (read.pdf.layout() == Layout.MISPRINTED_SIRET) {
                Recognition r = read.recognition;
                assertTrue(r.value(Field.RECIPIENT_SIRET).isEmpty(), r::toString);
                assertTrue(r.missing().contains(Field.RECIPIENT_SIRET), r::toString);
                Recognition.Doubt doubt = r.doubtful().stream().filter(d -> d.field() == Field.RECIPIENT_SIRET).findFirst().orElseThrow();
                assertEquals(PdfInvoice.misprinted(PdfInvoice.variant(read.pdf.variant()).recipientSiret()), doubt.value());
                assertTrue(doubt.why().contains("Luhn"), doubt::why);
            }
        }
    }
}
