package org.chorusedi.intake;

/**
 * Reading a flow failed the engine itself (an Error such as OutOfMemoryError): retrying would fail again, so
 * routes/flow-failures.camel.yaml parks it at once (docs/contributors/architecture.md, "What is tried again").
 */
public final class UnprocessableFlow extends Exception {

    UnprocessableFlow(String message, Throwable cause) {
        super(message, cause);
    }
}
