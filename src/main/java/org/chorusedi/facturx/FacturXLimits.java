package org.chorusedi.facturx;

import org.chorusedi.config.Configuration;

/**
 * What a Factur-X PDF may hold (docs/partners/flows-and-checks.md, "Factur-X"); past a limit the flow is
 * rejected with F11.
 *
 * @param maxPdfBytes      the PDF file itself ({@code chorus.facturx.max-pdf-bytes})
 * @param maxEmbeddedFiles file specifications in its EmbeddedFiles name tree and AF array together
 *                         ({@code chorus.facturx.max-embedded-files})
 * @param maxEmbeddedBytes the embedded invoice, decompressed ({@code chorus.facturx.max-embedded-bytes})
 */
public record FacturXLimits(long maxPdfBytes, int maxEmbeddedFiles, long maxEmbeddedBytes) {

    public static FacturXLimits read(Configuration c) {
        return new FacturXLimits(c.number("chorus.facturx.max-pdf-bytes", 1), c.count("chorus.facturx.max-embedded-files", 1),
                c.number("chorus.facturx.max-embedded-bytes", 1));
    }
}
