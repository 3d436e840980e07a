package org.chorusedi.validation;

import javax.xml.stream.XMLStreamException;

/**
 * A sender's text as a report quotes it: cut to a readable length, so that a finding never carries a
 * huge value, name or parser message. The text is otherwise kept as it is (the report escapes it).
 */
public final class Quoted {

    private static final int MAX_QUOTED = 300;

    private Quoted() {
    }

    /** The text, cut to a readable length with what was cut said. */
    public static String capped(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "... (" + text.length() + " characters)";
    }

    /**
     * A parser's message without the location it repeats (Woodstox on a second line, the JDK's
     * XMLStreamException on a first one), first line only, capped.
     */
    public static String parserMessage(XMLStreamException e) {
        String message = e.getMessage();
        if (message == null) {
            return "not well-formed";
        }
        message = message.replaceFirst("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "");
        int newline = message.indexOf('\n');
        return capped((newline < 0 ? message : message.substring(0, newline)).strip());
    }
}
