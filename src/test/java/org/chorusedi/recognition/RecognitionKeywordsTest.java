package org.chorusedi.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Recognition on page texts: what each keyword announces, how surely, and what is never taken for a value. */
// No database: once, in the H2 pass (.ci/run).
@Tag("h2-only")
class RecognitionKeywordsTest {

    private static final String MINISTRY = "11000201100044";
    private static final String SUPPLIER = "73282932000074";

    /** The pages' texts as the reader gives them, numbered from 1. */
    private static Recognition recognise(String... pages) {
        List<PdfText.Page> read = new ArrayList<>();
        for (int i = 0; i < pages.length; i++) {
            read.add(new PdfText.Page(i + 1, pages[i]));
        }
        return InvoiceRecognizer.recognise(new PdfText(pages.length, read));
    }

    private static String value(Recognition r, Field field) {
        return r.value(field).map(Recognition.Value::value).orElse(null);
    }

    @Test
    void aValueOnItsKeywordsLineIsSureAndKeepsItsPlace() {
        Recognition r = recognise("En-tête\nSIRET client : 110 002 011 00044\n");
        Recognition.Value recipient = r.value(Field.RECIPIENT_SIRET).orElseThrow();
        assertEquals(MINISTRY, recipient.value());
        assertEquals(1, recipient.page());
        assertEquals("SIRET client : 110 002 011 00044", recipient.context());
        assertEquals(Confidence.HIGH, recipient.confidence());
    }

    @Test
    void aValueAloneUnderItsKeywordIsLessSure() {
        Recognition.Value number = recognise("NUMÉRO DE FACTURE\nF-2026/118\n").value(Field.INVOICE_NUMBER).orElseThrow();
        assertEquals("F-2026/118", number.value());
        assertEquals(Confidence.MEDIUM, number.confidence());
        assertEquals("NUMÉRO DE FACTURE / F-2026/118", number.context());
    }

    @Test
    void aSiretUnderAMinistrysNameIsTheRecipients() {
        Recognition r = recognise("Ministère de l'Intérieur\nPlace Beauvau\nSIRET : " + MINISTRY + "\n");
        assertEquals(MINISTRY, value(r, Field.RECIPIENT_SIRET));
        assertEquals(Confidence.MEDIUM, r.value(Field.RECIPIENT_SIRET).orElseThrow().confidence());
    }

    @Test
    void theOnlySiretThatIsNotTheRecipientsIsTheSuppliersAtLowConfidence() {
        Recognition r = recognise("SIRET dest. : " + MINISTRY + "\n", "Papeterie SAS – SIRET " + SUPPLIER + " – RCS Lyon\n");
        Recognition.Value supplier = r.value(Field.SUPPLIER_SIRET).orElseThrow();
        assertEquals(SUPPLIER, supplier.value());
        assertEquals(Confidence.LOW, supplier.confidence());
        assertEquals(2, supplier.page());
    }

    @Test
    void twoOtherSiretsLeaveTheSupplierUnknown() {
        Recognition r = recognise("SIRET dest. : " + MINISTRY + "\nSIRET " + SUPPLIER + "\nSIRET 21750001600019\n");
        assertEquals(null, value(r, Field.SUPPLIER_SIRET));
        assertEquals(List.of(), r.doubtful());
    }

    @Test
    void aSiretFailingLuhnIsDoubtfulAndMissing() {
        Recognition r = recognise("SIRET destinataire : 11000201100045\n");
        assertEquals(null, value(r, Field.RECIPIENT_SIRET));
        assertTrue(r.missing().contains(Field.RECIPIENT_SIRET));
        Recognition.Doubt doubt = r.doubtful().get(0);
        assertEquals(Field.RECIPIENT_SIRET, doubt.field());
        assertEquals("11000201100045", doubt.value());
        assertTrue(doubt.why().contains("Luhn"), doubt.why());
    }

    @Test
    void keywordsAnnouncingDifferentValuesMakeTheFieldDoubtful() {
        Recognition r = recognise("Total TTC : 1 200,00 €\n", "Net à payer : 1 150,00 €\n");
        assertEquals(null, value(r, Field.TOTAL_AMOUNT));
        assertTrue(r.missing().contains(Field.TOTAL_AMOUNT));
        assertTrue(r.doubtful().get(0).why().contains("1200.00 (page 1), 1150.00 (page 2)"), r.doubtful().get(0).why());
    }

    @Test
    void theSameValueAnnouncedTwiceIsOneValue() {
        Recognition r = recognise("Facture n° F-7 – page 1/2\n", "Facture n° F-7 – page 2/2\n");
        assertEquals("F-7", value(r, Field.INVOICE_NUMBER));
        assertEquals(List.of(), r.doubtful());
    }

    @Test
    void amountsAreReadAfterTheirKeywordsRatesAside() {
        Recognition r = recognise("Total HT 1.000,00 € TVA (20,00 %) 200,00 € Total TTC 1 200,00 €\n");
        assertEquals("1000.00", value(r, Field.AMOUNT_BEFORE_TAX));
        assertEquals("200.00", value(r, Field.VAT_AMOUNT));
        assertEquals("1200.00", value(r, Field.TOTAL_AMOUNT));
        assertEquals("EUR", value(r, Field.CURRENCY));
    }

    @Test
    void theCurrencyIsTheOneSaidOrNone() {
        assertEquals("EUR", value(recognise("Total TTC 1 200,00\nDevise : EUR\n"), Field.CURRENCY));
        assertEquals(null, value(recognise("Total TTC 1 200,00\nDevise : les montants sont en euros\n"), Field.CURRENCY),
                "\"les\" is no ISO 4217 code");
        assertEquals(null, value(recognise("Total TTC 1 200,00\n"), Field.CURRENCY));
    }

    @Test
    void datesAreReadInTheirUsualFormsAndNeverInvented() {
        assertEquals("2026-11-12", value(recognise("Date : 12/11/2026\n"), Field.INVOICE_DATE));
        assertEquals("2026-11-12", value(recognise("Date de facture : 12.11.2026\n"), Field.INVOICE_DATE));
        assertEquals("2026-02-01", value(recognise("Émise le 1er février 2026\n"), Field.INVOICE_DATE));
        assertEquals("2026-11-12", value(recognise("Invoice date: 2026-11-12\n"), Field.INVOICE_DATE));
        assertEquals(null, value(recognise("Date : 31/02/2026\n"), Field.INVOICE_DATE));
    }

    @Test
    void theSeedsCommitmentKeywordsAnnounceTheEngagement() {
        assertEquals("1300012345", value(recognise("EJ : 1300012345\n"), Field.ENGAGEMENT));
        assertEquals("1300012345", value(recognise("N° d’engagement juridique : 1300012345\n"), Field.ENGAGEMENT));
        assertEquals("BC-77", value(recognise("Bon de commande n° BC-77\n"), Field.ENGAGEMENT));
        assertEquals("EJ-2026-1", value(recognise("EJ : EJ-2026-1\n"), Field.ENGAGEMENT));
    }

    @Test
    void wordsThatLookLikeKeywordsAnnounceNothing() {
        Recognition r = recognise(String.join("\n",
                "N° TVA intracommunautaire : FR44732829320",
                "Date d'échéance : 12/12/2026",
                "Date de commande : 01/10/2026",
                "Toute commande implique l'acceptation de nos conditions.",
                "Service fait le 10/11/2026 ; prestation de service informatique",
                "Sous-total HT 500,00 €",
                "Total HT à reporter 500,00 €",
                "Désignation Qté Prix unitaire HT Montant HT",
                "Ramettes papier A4 2 12,50 25,00",
                "SAS au capital de 10 000,00 €"));
        assertEquals(List.of(), r.values());
        assertEquals(List.of(), r.doubtful());
        assertEquals(List.of(Field.RECIPIENT_SIRET, Field.SUPPLIER_SIRET, Field.INVOICE_NUMBER, Field.INVOICE_DATE, Field.TOTAL_AMOUNT),
                r.missing());
    }

    @Test
    void twoSiretsSideBySideBelongToNoParty() {
        Recognition r = recognise("Fournisseur Client\nSIRET : " + SUPPLIER + " SIRET : " + MINISTRY + "\n");
        assertEquals(null, value(r, Field.RECIPIENT_SIRET));
        assertEquals(null, value(r, Field.SUPPLIER_SIRET));
    }
}
