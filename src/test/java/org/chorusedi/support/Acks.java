package org.chorusedi.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Node;
import org.xmlunit.builder.Input;
import org.xmlunit.xpath.JAXPXPathEngine;
import org.xmlunit.xpath.XPathEngine;

/** Reads acknowledgements (CPPStatut) with XMLUnit's XPath engine. */
public final class Acks {

    private static final XPathEngine XPATH = new JAXPXPathEngine();
    /** The project's own description of CPPStatut V1_19 (schemas/), which the engine's acknowledgements follow. */
    private static final Schema CPP_STATUT = cppStatut();

    private Acks() {
    }

    public static String value(Path ack, String xpath) {
        return XPATH.evaluate(xpath, Input.fromFile(ack.toFile()).build());
    }

    public static List<String> values(Path ack, String xpath) {
        List<String> values = new ArrayList<>();
        for (Node node : XPATH.selectNodes(xpath, Input.fromFile(ack.toFile()).build())) {
            values.add(node.getTextContent());
        }
        return values;
    }

    /** Fails when the acknowledgement is not valid against the project's CPPStatut schema. */
    public static void assertValid(Path ack) {
        try {
            CPP_STATUT.newValidator().validate(new StreamSource(ack.toFile()));
        } catch (Exception e) {
            throw new AssertionError(ack.getFileName() + " is not valid against schemas/cppstatut-1.19.xsd: " + e.getMessage(), e);
        }
    }

    private static Schema cppStatut() {
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(Acks.class.getResource("/schemas/cppstatut-1.19.xsd"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String status(Path flowReport) {
        return value(flowReport, "/CPPStatut/CPPFluxStatuts/CPPFluxStatutUnitaire/DonneesStatut/IdStatut");
    }

    public static List<String> errorCodes(Path flowReport) {
        return values(flowReport, "//LigneErreurDetail/CodeErreur");
    }

    public static List<String> errorDescriptions(Path flowReport) {
        return values(flowReport, "//LigneErreurDetail/DescriptionErreur");
    }
}
