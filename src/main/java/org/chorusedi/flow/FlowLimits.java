package org.chorusedi.flow;

import org.chorusedi.archive.ArchiveLimits;
import org.chorusedi.config.Configuration;
import org.chorusedi.facturx.FacturXLimits;
import org.chorusedi.validation.XmlLimits;

/**
 * The limits a flow must keep (docs/partners/limits.md).
 *
 * @param maxFlowBytes    on disk, and decompressed (F02)
 * @param maxInvoices     invoices in one flow (F07)
 * @param maxSchemaErrors schema errors quoted for one document
 * @param archive         what an archive may hold (F08)
 * @param xml             what one XML document may hold (F11)
 * @param facturX         what a Factur-X PDF may hold (F11)
 */
public record FlowLimits(long maxFlowBytes, int maxInvoices, int maxSchemaErrors, ArchiveLimits archive, XmlLimits xml,
                         FacturXLimits facturX) {

    public static FlowLimits read(Configuration c) {
        return new FlowLimits(c.number("chorus.flow.max-bytes", 1), c.count("chorus.flow.max-invoices", 1),
                c.count("chorus.validation.max-errors", 1), ArchiveLimits.read(c), XmlLimits.read(c), FacturXLimits.read(c));
    }
}
