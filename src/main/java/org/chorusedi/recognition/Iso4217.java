package org.chorusedi.recognition;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** The currency codes of ISO 4217 as the JDK knows them: BT-5 is one, whether read in a PDF or given by a client. */
public final class Iso4217 {

    private static final Set<String> CODES = Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    private Iso4217() {
    }

    public static boolean known(String code) {
        return code != null && CODES.contains(code);
    }
}
