package org.chorusedi.controls;

/** One family of routing controls; records a finding per failure, never stops the others. */
public interface InvoiceControl {

    void check(InvoiceCheck invoice);
}
