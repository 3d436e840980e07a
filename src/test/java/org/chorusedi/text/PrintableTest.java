package org.chorusedi.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void plainTextIsLeftAsItIs() {
        String text = "facture-été-2026 № 12 😀.xml";
        assertSame(text, Printable.of(text));
    }

    @Test
    void controlAndFormatCharactersAreEscaped() {
        assertEquals("a\\x1B[31mred\\x0A2026-11-28 INFO forged", Printable.of("a\u001b[31mred\n2026-11-28 INFO forged"));
        assertEquals("tab\\x09cr\\x0Ddel\\x7Fc1\\x9B", Printable.of("tab\tcr\rdel\u007fc1\u009b"));
        assertEquals("gpj.\\u202Eexe", Printable.of("gpj.\u202eexe"));
        assertEquals("line\\u2028sep", Printable.of("line\u2028sep"));
    }

    @Test
    void escapingTwiceChangesNothing() {
        String once = Printable.of("a\u001b\tb\u202e");
        assertEquals(once, Printable.of(once));
    }

    @Test
    void unpairedSurrogatesAreEscapedAndPairsKept() {
        assertEquals("a\\uD83Db", Printable.of("a\uD83Db"));
        assertEquals("\\x01😀", Printable.of("\u0001😀"));
    }

    @Test
    void cappedEscapesFirstThenCuts() {
        assertEquals("\\x1Bab... (8 characters)", Printable.capped("\u001babcd", 6));
        assertEquals("null", Printable.of(null));
    }
}
