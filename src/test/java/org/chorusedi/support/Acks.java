package org.chorusedi.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Node;
import org.xmlunit.builder.Input;
import org.xmlunit.xpath.JAXPXPathEngine;
import org.xmlunit.xpath.XPathEngine;

/** Reads acknowledgements (CPPStatut) with XMLUnit's XPath engine. */
public final class Acks {

    private static final XPathEngine XPATH = new JAXPXPathEngine();

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
