package org.chorusedi.lifecycle;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a works statement's refusal gives an amount error as its reason (S09): Chorus Pro lists "Erreur de montant"
 * among the refusal reasons only to say that the amounts are corrected in the refusing party's own statement
 * (docs/partners/frameworks-and-markets.md). Read from the reason's words, accents and case aside: an amount or a price
 * ("montant", "prix", "amount", "price", "sum"), sums admitted, due or wrong ("sommes admises"; not the verb, "nous
 * sommes"), a calculation error ("erreur de calcul").
 */
final class AmountError {

    private static final Pattern WORDS = Pattern.compile("\\b(montants?|amounts?|prix|prices?|sums?"
            + "|sommes? (admises?|dues?|erronees?|facturees?|inexactes?)|erreurs? de (calcul|somme|prix))\\b");

    private AmountError() {
    }

    static boolean named(String reason) {
        String plain = Normalizer.normalize(reason, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return WORDS.matcher(plain).find();
    }
}
