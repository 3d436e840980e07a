package org.chorusedi.flow;

/**
 * The limits a flow must keep (README, configuration).
 *
 * @param maxFlowBytes        on disk, and decompressed (F02)
 * @param maxInvoices         invoices in one flow (F07)
 * @param maxSchemaErrors     schema errors quoted for one document
 * @param maxCompressionRatio decompressed to compressed bytes, past 10 MB (F08)
 */
public record FlowLimits(long maxFlowBytes, int maxInvoices, int maxSchemaErrors, int maxCompressionRatio) {
}
