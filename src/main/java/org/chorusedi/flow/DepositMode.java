package org.chorusedi.flow;

/**
 * How a flow reached the engine, which sets its size limits (docs/partners/limits.md, "Limits by deposit mode"; seed:
 * "Pour un dépôt portail ou API : chaque pièce jointe unitaire ne peut excéder 10 Mo ; le dossier de facturation ne
 * peut excéder 120 Mo [...], 30 Mo en dépôt de lot XML. Pour un dépôt EDI, la taille limite d'un flux est de 1 Go.").
 * The naming and extension rules are the same in every mode.
 */
public enum DepositMode {
    /** Dropped into a drop directory: only the flow's own limit (chorus.flow.max-bytes). */
    EDI,
    /** Deposited over the partners' API (/api/v1): 10 MB an attachment, 120 MB an invoice, 30 MB an XML batch. */
    API
}
