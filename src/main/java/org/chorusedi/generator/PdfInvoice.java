package org.chorusedi.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * A made-up invoice for a text PDF, and what recognition should read from it: SIRETs as 14 digits, the date as
 * yyyy-MM-dd, amounts with two decimals after a dot, the currency's ISO code. A null value is not printed.
 */
public record PdfInvoice(String recipientSiret, String serviceCode, String engagement, String supplierSiret, String number,
                         LocalDate date, BigDecimal beforeTax, BigDecimal vat, BigDecimal total, String currency) {

    private static final List<String> RECIPIENTS = List.of(InvoiceTemplate.MINISTRY, InvoiceTemplate.CITY, InvoiceTemplate.HOSPITAL,
            InvoiceTemplate.AGENCY);
    private static final List<String> SERVICES = List.of("SCE-ACHATS", "DSI", "SERV-0042", "FACTURES.2026");
    private static final List<String> ENGAGEMENTS = List.of("1300012345", "EJ-2026-000123", "BC-2026-77", "4500098765");
    private static final List<String> NUMBERS = List.of("F2026-%04d", "FA-2026/%03d", "2026-%05d", "INV-%d");

    /** The invoice of a variant, always the same for the same variant; some leave the service code or the EJ out. */
    public static PdfInvoice variant(int variant) {
        Random random = new Random(variant * 7919L + 17);
        BigDecimal beforeTax = BigDecimal.valueOf(10_000 + random.nextInt(2_000_000), 2);
        BigDecimal vat = beforeTax.multiply(BigDecimal.valueOf(20)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        String recipient = variant % 5 == 4 ? validSiret(random) : RECIPIENTS.get(variant % RECIPIENTS.size());
        String supplier = variant % 3 == 0 ? InvoiceTemplate.SUPPLIER : validSiret(random);
        return new PdfInvoice(recipient, variant % 4 == 3 ? null : SERVICES.get(variant % SERVICES.size()),
                variant % 6 == 5 ? null : ENGAGEMENTS.get((variant / 2) % ENGAGEMENTS.size()), supplier,
                String.format(NUMBERS.get(variant % NUMBERS.size()), 1 + random.nextInt(900)),
                LocalDate.of(2026, 1, 1).plusDays(random.nextInt(330)), beforeTax, vat, beforeTax.add(vat), "EUR");
    }

    /** A SIRET that passes Luhn over its 14 digits and over its SIREN, as a real one does. */
    public static String validSiret(Random random) {
        StringBuilder siren = new StringBuilder("2");
        while (siren.length() < 8) {
            siren.append(random.nextInt(10));
        }
        siren.append(luhnKey(siren));
        StringBuilder siret = new StringBuilder(siren);
        while (siret.length() < 13) {
            siret.append(random.nextInt(10));
        }
        return siret.append(luhnKey(siret)).toString();
    }

    /** A SIRET printed with a wrong last digit: it fails Luhn. */
    public static String misprinted(String siret) {
        char last = siret.charAt(13);
        return siret.substring(0, 13) + (char) ('0' + (last - '0' + 1) % 10);
    }

    /** The digit that makes {@code digits} followed by it pass Luhn. */
    private static int luhnKey(CharSequence digits) {
        int sum = 0;
        for (int i = digits.length() - 1, position = 1; i >= 0; i--, position++) {
            int d = digits.charAt(i) - '0';
            if (position % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    public PdfInvoice withRecipient(String siret) {
        return new PdfInvoice(siret, serviceCode, engagement, supplierSiret, number, date, beforeTax, vat, total, currency);
    }
}
