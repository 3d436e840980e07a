package org.chorusedi.flow;

import org.chorusedi.archive.ArchiveLimits;
import org.chorusedi.config.EngineSettings;
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

    public static FlowLimits of(EngineSettings settings) {
        return new FlowLimits(settings.maxFlowBytes(), settings.maxInvoices(), settings.maxSchemaErrors(),
                new ArchiveLimits(settings.maxCompressionRatio(), settings.maxArchiveEntries(), settings.maxArchiveHeaderBytes()),
                XmlLimits.of(settings),
                new FacturXLimits(settings.facturXMaxPdfBytes(), settings.facturXMaxEmbeddedFiles(), settings.facturXMaxEmbeddedBytes()));
    }
}
