package org.chorusedi.flow;

import org.chorusedi.invoice.InvoiceKeys;
import org.chorusedi.validation.Syntax;

/** One invoice as read from a flow: its position, syntax and keys. */
public record InvoiceRead(int index, Syntax syntax, InvoiceKeys keys) {
}
