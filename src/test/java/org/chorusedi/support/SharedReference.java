package org.chorusedi.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

/**
 * The read-only reference data beside the project ({@code ../shared}): the EN 16931 corpus and the
 * Chorus Pro formats. A fresh clone does not have it: tests that need it skip, saying so.
 */
public final class SharedReference {

    public static final Path SHARED = Path.of("..", "shared").toAbsolutePath().normalize();
    public static final Path CORPUS = SHARED.resolve("corpus");
    public static final Path CPP_STATUT_XSD = SHARED.resolve("reference/chorus-pivot/CPPStatutPivot_V1_19.xsd");

    private SharedReference() {
    }

    /** Skips the calling test, with a clear message, when the folder is absent. */
    public static Path require(Path path) {
        assumeTrue(Files.exists(path), "skipped: " + path + " is absent (../shared is not part of a fresh clone)");
        return path;
    }

    /** Validates an acknowledgement against Chorus Pro's CPPStatut V1_19 schema; skips without it. */
    public static void assertValidCppStatut(byte[] document) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = factory.newSchema(require(CPP_STATUT_XSD).toFile());
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.validate(new StreamSource(new ByteArrayInputStream(document)));
    }
}
