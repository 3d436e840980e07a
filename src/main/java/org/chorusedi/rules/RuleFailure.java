package org.chorusedi.rules;

/**
 * One EN 16931 rule an invoice fails, as the CEN artefacts report it.
 *
 * @param id       the rule's id (BR-CO-10, UBL-SR-48...)
 * @param fatal    flag fatal (rejects) rather than warning (never rejects)
 * @param message  the rule's text
 * @param location where it first failed, a path in the invoice
 * @param places   how many places of the invoice fail it
 */
public record RuleFailure(String id, boolean fatal, String message, String location, int places) {

    /** One line: id, message, place. */
    public String describe() {
        String others = places > 1 ? " (and " + (places - 1) + " more place(s))" : "";
        return id + ": " + message + " at " + location + others;
    }
}
