package org.chorusedi.generator;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * Writes a Factur-X PDF with PDFBox: one A4 page showing the invoice, and the invoice's CII embedded as
 * {@code factur-x.xml}, a file specification with {@code AFRelationship /Data} listed both in the
 * EmbeddedFiles name tree and in the catalog's AF array. Built towards PDF/A-3B: its font embedded
 * (PDFBox's own Liberation Sans, as a subset), an sRGB output intent (the JVM's ICC profile), and XMP
 * metadata declaring PDF/A-3B and the Factur-X extension schema (profile EN 16931). Not checked by a
 * PDF/A validator: for the engine's tests, samples and benchmark, not for issuing real invoices.
 */
public final class FacturXWriter {

    public static final String INVOICE_NAME = "factur-x.xml";
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private FacturXWriter() {
    }

    /** The invoice as a Factur-X PDF (its folder created). */
    public static Path write(InvoiceTemplate invoice, Path pdf) throws IOException {
        return write(invoice, invoice.cii(), pdf);
    }

    /** The invoice's page, embedding {@code cii} (the invoice's CII, or a generator's variation of it). */
    static Path write(InvoiceTemplate invoice, String cii, Path pdf) throws IOException {
        return write(pdf, List.of("Facture " + invoice.number(), "Fournisseur SIRET " + invoice.supplierSiret(),
                "Destinataire SIRET " + invoice.recipientSiret(), "Factur-X EN 16931 : la facture CII est jointe (" + INVOICE_NAME + ")."),
                INVOICE_NAME, cii.getBytes(StandardCharsets.UTF_8));
    }

    /** A PDF showing {@code lines}, embedding {@code embedded} under {@code embeddedName} (tests embed what they like). */
    public static Path write(Path pdf, List<String> lines, String embeddedName, byte[] embedded) throws IOException {
        Files.createDirectories(pdf.toAbsolutePath().getParent());
        Calendar date = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        date.clear();
        date.set(2026, Calendar.NOVEMBER, 20, 10, 0, 0);
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (InputStream font = FacturXWriter.class.getResourceAsStream(FONT);
                 PDPageContentStream text = new PDPageContentStream(document, page)) {
                PDType0Font sans = PDType0Font.load(document, font);
                text.beginText();
                text.setFont(sans, 12);
                text.setLeading(16);
                text.newLineAtOffset(56, 780);
                for (String line : lines) {
                    text.showText(line);
                    text.newLine();
                }
                text.endText();
            }
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            PDEmbeddedFile file = new PDEmbeddedFile(document, new ByteArrayInputStream(embedded), COSName.FLATE_DECODE);
            file.setSubtype("text/xml");
            file.setSize(embedded.length);
            file.setCreationDate(date);
            file.setModDate(date);
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile(embeddedName);
            spec.setFileUnicode(embeddedName);
            spec.setFileDescription("Factur-X invoice");
            spec.setEmbeddedFile(file);
            spec.setEmbeddedFileUnicode(file);
            // Factur-X 1.0: the XML is the invoice's data (Data; Alternative in Germany, Source for its source).
            spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of(embeddedName, spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(catalog);
            names.setEmbeddedFiles(tree);
            catalog.setNames(names);
            COSArray associated = new COSArray();
            associated.add(spec);
            catalog.getCOSObject().setItem(COSName.getPDFName("AF"), associated);
            PDOutputIntent intent = new PDOutputIntent(document,
                    new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
            intent.setInfo("sRGB IEC61966-2.1");
            intent.setOutputCondition("sRGB IEC61966-2.1");
            intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
            intent.setRegistryName("http://www.color.org");
            catalog.addOutputIntent(intent);
            PDMetadata metadata = new PDMetadata(document);
            metadata.importXMPMetadata(xmp(embeddedName).getBytes(StandardCharsets.UTF_8));
            catalog.setMetadata(metadata);
            document.save(pdf.toFile());
        }
        return pdf;
    }

    /** PDF/A-3B identification, and the Factur-X extension schema with its values. */
    private static String xmp(String embeddedName) {
        return """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
                   <pdfaid:part>3</pdfaid:part>
                   <pdfaid:conformance>B</pdfaid:conformance>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Facture</rdf:li></rdf:Alt></dc:title>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
                   <fx:DocumentType>INVOICE</fx:DocumentType>
                   <fx:DocumentFileName>%s</fx:DocumentFileName>
                   <fx:Version>1.0</fx:Version>
                   <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
                    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
                   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
                    <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                    <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
                    <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                    <pdfaSchema:property><rdf:Seq>
                     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>DocumentFileName</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The name of the embedded XML document</pdfaProperty:description></rdf:li>
                     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>DocumentType</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The type of the hybrid document: INVOICE</pdfaProperty:description></rdf:li>
                     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>Version</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The version of the Factur-X XML schema</pdfaProperty:description></rdf:li>
                     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>ConformanceLevel</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The Factur-X profile of the embedded XML</pdfaProperty:description></rdf:li>
                    </rdf:Seq></pdfaSchema:property>
                   </rdf:li></rdf:Bag></pdfaExtension:schemas>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>
                """.formatted(embeddedName);
    }
}
