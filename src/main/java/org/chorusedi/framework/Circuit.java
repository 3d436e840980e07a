package org.chorusedi.framework;

/** The road a document of a framework takes before its public recipient has it. */
public enum Circuit {
    /** Straight to the recipient, as every invoice before frameworks were read. */
    DIRECT,
    /** First to the validator the market names (the contract holder), who approves or refuses it: A9, A12. */
    VALIDATION,
    /** The works circuit of the CCAG Travaux: statements between the parties, then the financial service. */
    WORKS
}
