package org.chorusedi.framework;

/**
 * Where a document of the works circuit goes when the engine delivers it (docs/partners/frameworks-and-markets.md):
 * a supplier's draft to the MOE, an MOE's statement to the MOA, a validated or final statement to the financial
 * service that pays it.
 */
public enum WorksStep {
    /** To the MOE named by the market, who answers it with its own statement (A15 to A18) or refuses it: status 16. */
    TO_MOE,
    /** To the MOA, who validates it with its own statement (A19, A20) or refuses it: status 19. */
    TO_MOA,
    /** To the recipient's service that pays it, as an invoice: status 03, then the invoice's life cycle. */
    TO_PAYMENT
}
