package org.chorusedi.generator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes made-up invoices as text PDFs of varied layouts, as small suppliers make them with a word processor, for
 * the recognition's tests and the benchmark: keywords in several spellings (accents, case, abbreviations), values
 * on the keyword's line or the next, in a header, a table or a footer, on one page or several. Each PDF comes with
 * the values it prints ({@link GeneratedPdf#expected()}). Also a scan-like PDF (an image, no text) and encrypted ones.
 */
public final class PdfInvoiceWriter {

    /** Where the values stand; the fully readable ones announce every value the way recognition reads it. */
    public enum Layout {
        /** Supplier and recipient blocks in the header, each value after its keyword, totals under the lines. */
        HEADER_BLOCKS(true),
        /** Each keyword alone on its line, its value alone on the next. */
        LABELS_ABOVE(true),
        /** A two-column table (keyword, value), the totals side by side in one band. */
        TABLE(true),
        /** The recipient under a ministry's (or a client's) heading, the supplier's SIRET only in the footer. */
        BLOCK_AND_FOOTER(true),
        /** The parties on page 1, the EJ and the totals on the last page; middle pages of lines, with decoys. */
        MULTI_PAGE(true),
        /** The totals on the one before the last page, the general conditions on the last one. */
        CONDITIONS_LAST(true),
        /** Supplier and client side by side: their SIRETs on one line, each announced by its column only. */
        TWO_COLUMNS(false),
        /** The recipient's SIRET misprinted (it fails Luhn): it must never be read as a value. */
        MISPRINTED_SIRET(false);

        private final boolean fullyReadable;

        Layout(boolean fullyReadable) {
            this.fullyReadable = fullyReadable;
        }

        /** Whether every value it prints is announced by its keyword (or its party's heading), so all must be found. */
        public boolean fullyReadable() {
            return fullyReadable;
        }
    }

    /** A written PDF and the values it prints (a null value is not printed, or misprinted). */
    public record GeneratedPdf(Path file, Layout layout, int variant, PdfInvoice expected) {
    }

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float TOP = 800;
    private static final float LEADING = 14;
    private static final float LEFT = 56;
    private static final String SUPPLIER_NAME = "Papeterie Martin SAS";

    private static final List<String> RECIPIENT_KEYWORDS = List.of("SIRET client :", "SIRET du client", "SIRET dest. :",
            "SIRET destinataire :", "N° SIRET client", "Siret Destinataire");
    private static final List<String> SUPPLIER_KEYWORDS = List.of("SIRET fournisseur :", "SIRET du fournisseur", "SIRET émetteur :",
            "N° SIRET vendeur");
    private static final List<String> NUMBER_KEYWORDS = List.of("Facture n°", "FACTURE N° :", "Numéro de facture :", "N° de facture",
            "Facture No.", "Invoice No");
    private static final List<String> DATE_KEYWORDS = List.of("Date :", "Date de facture :", "Date d'émission :", "Émise le",
            "Date de facturation", "Invoice date:");
    private static final List<String> SERVICE_KEYWORDS = List.of("Code service :", "Service :", "Code du service", "CODE SERVICE");
    private static final List<String> ENGAGEMENT_KEYWORDS = List.of("EJ :", "N° d'engagement :", "Engagement juridique n°",
            "Bon de commande n°", "N° de commande :", "Commande :");
    private static final List<String> BEFORE_TAX_KEYWORDS = List.of("Total HT", "Montant HT :", "Total hors taxes", "TOTAL H.T.");
    private static final List<String> VAT_KEYWORDS = List.of("TVA 20 %", "Montant TVA :", "Total TVA", "TVA (20,00 %)");
    private static final List<String> TOTAL_KEYWORDS = List.of("Total TTC", "Net à payer :", "Montant TTC", "Total toutes taxes comprises",
            "NET À PAYER");
    private static final List<String> RECIPIENT_HEADINGS = List.of("Ministère de la Transition écologique", "Destinataire :",
            "Facturé à :", "Client : Mairie de Villeurbanne", "MINISTÈRE DE L'INTÉRIEUR");
    private static final DateTimeFormatter WORDED = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

    private PdfInvoiceWriter() {
    }

    /** The invoice of {@code variant} in this layout (a multi-page one has 2 to 8 pages, by variant). */
    public static GeneratedPdf write(Path pdf, Layout layout, int variant) throws IOException {
        return write(pdf, layout, variant, PdfInvoice.variant(variant));
    }

    /** A multi-page layout with this many pages (the memory test's long PDF). */
    public static GeneratedPdf write(Path pdf, Layout layout, int variant, int pages) throws IOException {
        return write(pdf, layout, variant, pages, PdfInvoice.variant(variant));
    }

    /** This invoice, printed in the layout of {@code variant} (one page, or the layout's pages for that variant). */
    public static GeneratedPdf write(Path pdf, Layout layout, int variant, PdfInvoice invoice) throws IOException {
        int pages = layout == Layout.MULTI_PAGE ? 3 + variant % 6 : layout == Layout.CONDITIONS_LAST ? 2 + variant % 4 : 1;
        return write(pdf, layout, variant, pages, invoice);
    }

    private static GeneratedPdf write(Path pdf, Layout layout, int variant, int pages, PdfInvoice invoice) throws IOException {
        Sheet sheet = new Sheet();
        new Composer(invoice, variant, sheet).compose(layout, pages);
        sheet.save(pdf, null);
        return new GeneratedPdf(pdf, layout, variant, layout == Layout.MISPRINTED_SIRET ? invoice.withRecipient(null) : invoice);
    }

    /** An invoice protected by a user password, or (null) only by an owner's permissions, which opens without one. */
    public static Path writeEncrypted(Path pdf, String userPassword) throws IOException {
        Sheet sheet = new Sheet();
        new Composer(PdfInvoice.variant(1), 1, sheet).compose(Layout.HEADER_BLOCKS, 1);
        AccessPermission permissions = new AccessPermission();
        permissions.setCanModify(false);
        StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword == null ? "" : userPassword, permissions);
        policy.setEncryptionKeyLength(128);
        sheet.save(pdf, policy);
        return pdf;
    }

    /** A scan-like PDF: one page showing an image of grey text lines, no text layer. */
    public static Path writeScan(Path pdf) throws IOException {
        Files.createDirectories(pdf.toAbsolutePath().getParent());
        BufferedImage scan = new BufferedImage(595, 842, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scan.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 595, 842);
        g.setColor(Color.DARK_GRAY);
        Random random = new Random(42);
        for (int y = 60; y < 780; y += 18) {
            g.fillRect(56, y, 120 + random.nextInt(360), 8);
        }
        g.dispose();
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDImageXObject image = LosslessFactory.createFromImage(document, scan);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            document.save(pdf.toFile());
        }
        return pdf;
    }

    /** Text placed on pages: a line at the left margin, or a cell at a given x on the current line. */
    private static final class Sheet {
        private record Placed(float x, float y, String text) {
        }

        private final List<List<Placed>> pages = new ArrayList<>();
        private float y;

        void newPage() {
            pages.add(new ArrayList<>());
            y = TOP;
        }

        void line(String text) {
            cells(LEFT, text);
        }

        /** Cells on one line: x, text, x, text... */
        void cells(Object... xAndText) {
            for (int i = 0; i < xAndText.length; i += 2) {
                pages.get(pages.size() - 1).add(new Placed(((Number) xAndText[i]).floatValue(), y, (String) xAndText[i + 1]));
            }
            y -= LEADING;
        }

        void gap() {
            y -= LEADING / 2;
        }

        void save(Path pdf, StandardProtectionPolicy protection) throws IOException {
            Files.createDirectories(pdf.toAbsolutePath().getParent());
            // Pages spill to a temporary file, so that a long PDF is written in little memory.
            try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
                 InputStream fontFile = PdfInvoiceWriter.class.getResourceAsStream(FONT)) {
                PDType0Font font = PDType0Font.load(document, fontFile);
                for (List<Placed> placed : pages) {
                    PDPage page = new PDPage(PDRectangle.A4);
                    document.addPage(page);
                    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                        content.setFont(font, 10);
                        for (Placed text : placed) {
                            content.beginText();
                            content.newLineAtOffset(text.x, text.y);
                            content.showText(text.text);
                            content.endText();
                        }
                    }
                }
                if (protection != null) {
                    document.protect(protection);
                }
                document.save(pdf.toFile());
            }
        }
    }

    /** Lays an invoice out, its spellings and formats chosen by the variant. */
    private static final class Composer {
        private final PdfInvoice invoice;
        private final int variant;
        private final Sheet sheet;
        /** Amounts without a currency sign, the currency said once ("Devise : EUR"). */
        private final boolean currencyApart;

        Composer(PdfInvoice invoice, int variant, Sheet sheet) {
            this.invoice = invoice;
            this.variant = variant;
            this.sheet = sheet;
            this.currencyApart = variant % 7 == 6;
        }

        private String pick(List<String> choices, int salt) {
            return choices.get((variant + salt) % choices.size());
        }

        void compose(Layout layout, int pages) {
            sheet.newPage();
            switch (layout) {
                case HEADER_BLOCKS -> {
                    header(invoice.recipientSiret());
                    items(4);
                    totals();
                    footer(true);
                }
                case MISPRINTED_SIRET -> {
                    header(PdfInvoice.misprinted(invoice.recipientSiret()));
                    items(3);
                    totals();
                    footer(true);
                }
                case LABELS_ABOVE -> labelsAbove();
                case TABLE -> table();
                case BLOCK_AND_FOOTER -> blockAndFooter();
                case TWO_COLUMNS -> twoColumns();
                case MULTI_PAGE, CONDITIONS_LAST -> multiPage(layout, pages);
            }
        }

        private void header(String recipientSiret) {
            sheet.line("FACTURE");
            sheet.gap();
            supplier();
            sheet.gap();
            sheet.line(pick(RECIPIENT_HEADINGS, 1));
            sheet.line("1 place de la République, 75003 Paris");
            sheet.line(pick(RECIPIENT_KEYWORDS, 0) + " " + siret(recipientSiret));
            serviceAndEngagement();
            sheet.gap();
            numberAndDates();
        }

        private void supplier() {
            sheet.line(SUPPLIER_NAME);
            sheet.line("12 rue des Papetiers, 69002 Lyon");
            sheet.line(pick(SUPPLIER_KEYWORDS, 2) + " " + siret(invoice.supplierSiret()));
            sheet.line("N° TVA intracommunautaire : FR44732829320");
        }

        private void serviceAndEngagement() {
            if (invoice.serviceCode() != null) {
                sheet.line(pick(SERVICE_KEYWORDS, 3) + " " + invoice.serviceCode());
            }
            if (invoice.engagement() != null) {
                sheet.line(pick(ENGAGEMENT_KEYWORDS, 4) + " " + invoice.engagement());
            }
        }

        private void numberAndDates() {
            sheet.line(pick(NUMBER_KEYWORDS, 5) + " " + invoice.number());
            sheet.line(pick(DATE_KEYWORDS, 6) + " " + date(invoice.date()));
            // Other dates, which are not the invoice's.
            sheet.line("Date de commande : " + date(invoice.date().minusDays(12)));
            sheet.line("Date d'échéance : " + date(invoice.date().plusDays(30)));
        }

        /** Lines of goods; the table's heading says "Montant HT", which announces no total. */
        private void items(int count) {
            sheet.gap();
            sheet.cells(LEFT, "Désignation", 300, "Qté", 360, "Prix unitaire HT", 470, "Montant HT");
            List<String> goods = List.of("Ramettes papier A4 80 g", "Prestation de service informatique", "Classeurs à levier",
                    "Enveloppes C5 (boîte de 500)", "Stylos bille bleus");
            for (int i = 0; i < count; i++) {
                sheet.cells(LEFT, goods.get((variant + i) % goods.size()), 300, String.valueOf(1 + i), 360, "12,50", 470,
                        String.format(Locale.FRENCH, "%.2f", 12.5 * (1 + i)));
            }
            sheet.gap();
        }

        private void totals() {
            sheet.cells(330, pick(BEFORE_TAX_KEYWORDS, 7), 470, amount(invoice.beforeTax()));
            sheet.cells(330, pick(VAT_KEYWORDS, 8), 470, amount(invoice.vat()));
            sheet.cells(330, pick(TOTAL_KEYWORDS, 9), 470, amount(invoice.total()));
            if (currencyApart) {
                sheet.cells(330, "Devise : EUR");
            }
        }

        private void footer(boolean withSiret) {
            sheet.gap();
            sheet.line("Conditions : toute commande implique l'acceptation de nos conditions générales de vente.");
            sheet.line("Pénalités de retard : trois fois le taux d'intérêt légal ; indemnité forfaitaire de 40,00 € pour frais de recouvrement.");
            sheet.line(SUPPLIER_NAME + " au capital de 10 000,00 € – RCS Lyon"
                    + (withSiret ? "" : " – SIRET " + siret(invoice.supplierSiret())));
        }

        private void labelsAbove() {
            sheet.line("FACTURE");
            String[][] pairs = {
                    {pick(NUMBER_KEYWORDS, 5), invoice.number()},
                    {pick(DATE_KEYWORDS, 6), date(invoice.date())},
                    {pick(SUPPLIER_KEYWORDS, 2), siret(invoice.supplierSiret())},
                    {pick(RECIPIENT_KEYWORDS, 0), siret(invoice.recipientSiret())},
                    {pick(SERVICE_KEYWORDS, 3), invoice.serviceCode()},
                    {pick(ENGAGEMENT_KEYWORDS, 4), invoice.engagement()},
            };
            for (String[] pair : pairs) {
                if (pair[1] != null) {
                    sheet.line(pair[0]);
                    sheet.line(pair[1]);
                    sheet.gap();
                }
            }
            items(3);
            String[][] totals = {
                    {pick(BEFORE_TAX_KEYWORDS, 7), amount(invoice.beforeTax())},
                    {pick(VAT_KEYWORDS, 8), amount(invoice.vat())},
                    {pick(TOTAL_KEYWORDS, 9), amount(invoice.total())},
            };
            for (String[] pair : totals) {
                sheet.cells(330, pair[0]);
                sheet.cells(330, pair[1]);
            }
            if (currencyApart) {
                sheet.cells(330, "Devise : EUR");
            }
            footer(true);
        }

        private void table() {
            sheet.line("FACTURE");
            sheet.line(SUPPLIER_NAME + ", 12 rue des Papetiers, 69002 Lyon");
            sheet.gap();
            row(pick(NUMBER_KEYWORDS, 5), invoice.number());
            row(pick(DATE_KEYWORDS, 6), date(invoice.date()));
            row(pick(SUPPLIER_KEYWORDS, 2), siret(invoice.supplierSiret()));
            row(pick(RECIPIENT_KEYWORDS, 0), siret(invoice.recipientSiret()));
            if (invoice.serviceCode() != null) {
                row(pick(SERVICE_KEYWORDS, 3), invoice.serviceCode());
            }
            if (invoice.engagement() != null) {
                row(pick(ENGAGEMENT_KEYWORDS, 4), invoice.engagement());
            }
            row("Date d'échéance", date(invoice.date().plusDays(30)));
            items(5);
            // The totals side by side in one band.
            sheet.cells(LEFT, pick(BEFORE_TAX_KEYWORDS, 7) + " " + amount(invoice.beforeTax()),
                    220, pick(VAT_KEYWORDS, 8) + " " + amount(invoice.vat()),
                    380, pick(TOTAL_KEYWORDS, 9) + " " + amount(invoice.total()));
            if (currencyApart) {
                sheet.line("Devise : EUR");
            }
            footer(true);
        }

        private void row(String keyword, String value) {
            sheet.cells(LEFT, keyword, 260, value);
        }

        private void blockAndFooter() {
            sheet.line("FACTURE");
            sheet.line(SUPPLIER_NAME + ", 12 rue des Papetiers, 69002 Lyon");
            sheet.gap();
            sheet.line(pick(RECIPIENT_HEADINGS, 1));
            sheet.line("Direction des achats");
            sheet.line("SIRET : " + siret(invoice.recipientSiret()));
            serviceAndEngagement();
            sheet.gap();
            numberAndDates();
            items(4);
            totals();
            footer(false);
        }

        private void twoColumns() {
            sheet.line("FACTURE");
            sheet.cells(LEFT, "Fournisseur", 320, "Client");
            sheet.cells(LEFT, SUPPLIER_NAME, 320, "Mairie de Villeurbanne");
            sheet.cells(LEFT, "SIRET : " + siret(invoice.supplierSiret()), 320, "SIRET : " + siret(invoice.recipientSiret()));
            serviceAndEngagement();
            sheet.gap();
            numberAndDates();
            items(4);
            totals();
            footer(true);
        }

        /**
         * The parties and the service code on page 1; lines on every page, each page's subtotal carried over; the EJ
         * and the totals on the last page (MULTI_PAGE) or on the one before it, the conditions last (CONDITIONS_LAST).
         * Pages that recognition must not read (the second to the one before the one before the last) carry decoys:
         * another recipient, another number, another total, which would make those fields doubtful if read.
         */
        private void multiPage(Layout layout, int pages) {
            int totalsPage = layout == Layout.MULTI_PAGE ? pages : pages - 1;
            for (int page = 1; page <= pages; page++) {
                if (page > 1) {
                    sheet.newPage();
                }
                sheet.line(SUPPLIER_NAME + " – page " + page + "/" + pages);
                if (page == 1) {
                    sheet.line("FACTURE");
                    supplier();
                    sheet.gap();
                    sheet.line(pick(RECIPIENT_HEADINGS, 1));
                    sheet.line(pick(RECIPIENT_KEYWORDS, 0) + " " + siret(invoice.recipientSiret()));
                    if (invoice.serviceCode() != null) {
                        sheet.line(pick(SERVICE_KEYWORDS, 3) + " " + invoice.serviceCode());
                    }
                    sheet.gap();
                    numberAndDates();
                } else if (page < pages - 1) {
                    sheet.line("Lignes de la page " + page + " (PAGE-NON-LUE) :");
                    sheet.line("SIRET client : " + PdfInvoice.validSiret(new Random(page)));
                    sheet.line("Facture n° LEURRE-" + page);
                    sheet.line("Total TTC : 99 999,99 €");
                }
                if (page == pages && layout == Layout.CONDITIONS_LAST) {
                    sheet.line("Conditions générales de vente");
                    sheet.line("Toute commande implique l'acceptation des présentes conditions.");
                    sheet.line("Le service client répond du lundi au vendredi ; réclamations sous 8 jours.");
                    sheet.line("Escompte pour paiement anticipé : néant. Pénalités : 10,00 € par jour de retard.");
                    continue;
                }
                items(page == 1 ? 3 : 12);
                if (page == totalsPage) {
                    if (invoice.engagement() != null) {
                        sheet.line(pick(ENGAGEMENT_KEYWORDS, 4) + " " + invoice.engagement());
                    }
                    totals();
                    footer(true);
                } else {
                    sheet.cells(330, "Sous-total HT à reporter", 470, amount(invoice.beforeTax().divide(BigDecimal.valueOf(2))));
                }
            }
        }

        private String siret(String siret) {
            return variant % 2 == 0 ? siret
                    : siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6, 9) + " " + siret.substring(9);
        }

        private String date(LocalDate date) {
            return switch (variant % 4) {
                case 0 -> date.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
                case 1 -> date.format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
                case 2 -> date.format(WORDED);
                default -> date.toString();
            };
        }

        private String amount(BigDecimal amount) {
            String units = amount.toBigInteger().toString();
            String cents = amount.toPlainString().substring(amount.toPlainString().indexOf('.') + 1);
            String sign = currencyApart ? "" : variant % 4 == 1 ? " EUR" : " €";
            return switch ((variant / 2) % 4) {
                case 0 -> grouped(units, " ") + "," + cents + sign;
                case 1 -> units + "," + cents + sign;
                case 2 -> grouped(units, ".") + "," + cents + sign;
                default -> grouped(units, "\u00A0") + "," + cents + sign;
            };
        }

        private static String grouped(String units, String separator) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < units.length(); i++) {
                if (i > 0 && (units.length() - i) % 3 == 0) {
                    out.append(separator);
                }
                out.append(units.charAt(i));
            }
            return out.toString();
        }
    }
}
