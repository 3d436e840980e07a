package org.chorusedi.controls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SIRET check: 14 digits, Luhn over the SIRET and its SIREN, and La Poste's own rule. */
class SiretTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "73282932000074", // Luhn over SIRET and SIREN
            "11000201100044",
            "21750001600019",
            "26750045200011",
            "19750001000016",
            "13000548100010",
            "35600000000048", // La Poste's head office: the ordinary Luhn rule
    })
    void validSirets(String siret) {
        assertTrue(Siret.isValid(siret), siret);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "73282932000075", // last digit off by one
            "73282932000047", // two digits swapped
            "83282932000074", // first digit changed
            "12345678000014", // the SIRET passes Luhn but its SIREN 123456789 does not
            "13001100000000", // a real directory identifier: fails Luhn
    })
    void invalidCheckDigits(String siret) {
        assertFalse(Siret.isValid(siret), siret);
    }

    @Test
    void theSirenCheckIsNotRedundant() {
        // 12345678000014 is a Luhn number as a whole, only its first nine digits fail
        assertTrue(Siret.luhn("12345678000014"));
        assertFalse(Siret.luhn("123456789"));
        assertFalse(Siret.isValid("12345678000014"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "35600000049837", // digit sum 45; fails Luhn
            "35600000000001", // digit sum 15; fails Luhn
    })
    void laPosteEstablishmentsWhoseDigitsSumToAMultipleOfFive(String siret) {
        assertFalse(Siret.luhn(siret), "the premise: Luhn alone would refuse it");
        assertTrue(Siret.isValid(siret), siret);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "35600000049838", // digit sum 46
            "35600000000014", // digit sum 19, although it passes Luhn
    })
    void laPosteEstablishmentsWhoseDigitsDoNotSumToAMultipleOfFive(String siret) {
        assertFalse(Siret.isValid(siret), siret);
    }

    @Test
    void laPosteHeadOfficeFollowsLuhnNotTheSumRule() {
        // 35600000000048: digit sum 26, not a multiple of 5, yet valid by Luhn
        assertTrue(Siret.luhn("35600000000048"));
        assertTrue(Siret.isValid("35600000000048"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "7328293200007", // 13 digits
            "732829320000740", // 15 digits
            "7328293200007A", // a letter
            "A3282932000074",
            "732 829 320 00074", // spaced
            "73282932 00074",
            "7328293200007.", // punctuation
            "-7328293200007",
            "７３２８２９３２０００７４", // full-width digits: not ASCII
            "٧٣٢٨٢٩٣٢٠٠٠٠٧٤", // Arabic-Indic digits
    })
    void notFourteenAsciiDigits(String value) {
        assertFalse(Siret.isFourteenDigits(value), value);
        assertFalse(Siret.isValid(value), value);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "              "})
    void nullEmptyAndBlank(String value) {
        assertFalse(Siret.isFourteenDigits(value));
        assertFalse(Siret.isValid(value));
    }

    @Test
    void fourteenDigitsIsAboutShapeNotChecksum() {
        assertTrue(Siret.isFourteenDigits("73282932000075"));
        assertTrue(Siret.isFourteenDigits("00000000000000"));
        assertTrue(Siret.isFourteenDigits("13001100000000"));
    }

    @Test
    void luhnOnKnownNumbers() {
        assertTrue(Siret.luhn("732829320"));
        assertTrue(Siret.luhn("356000000"));
        assertTrue(Siret.luhn("79927398713")); // the textbook example
        assertFalse(Siret.luhn("79927398710"));
        assertTrue(Siret.luhn("0"));
    }
}
