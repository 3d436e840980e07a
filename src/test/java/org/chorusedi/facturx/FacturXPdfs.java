package org.chorusedi.facturx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;

/** Hostile PDFs the generator would never make: none, several or encrypted embedded files. */
final class FacturXPdfs {

    private FacturXPdfs() {
    }

    /** A one-page PDF embedding these files (none: a plain PDF), encrypted with a user password when asked. */
    static Path write(Path pdf, Map<String, byte[]> embedded, boolean encrypted) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            if (!embedded.isEmpty()) {
                Map<String, PDComplexFileSpecification> specs = new LinkedHashMap<>();
                for (Map.Entry<String, byte[]> file : embedded.entrySet()) {
                    PDEmbeddedFile bytes = new PDEmbeddedFile(document, new ByteArrayInputStream(file.getValue()), COSName.FLATE_DECODE);
                    PDComplexFileSpecification spec = new PDComplexFileSpecification();
                    spec.setFile(file.getKey());
                    spec.setEmbeddedFile(bytes);
                    specs.put(file.getKey(), spec);
                }
                PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
                tree.setNames(specs);
                PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
                names.setEmbeddedFiles(tree);
                document.getDocumentCatalog().setNames(names);
            }
            if (encrypted) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            document.save(pdf.toFile());
        }
        return pdf;
    }
}
