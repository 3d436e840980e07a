package org.chorusedi.far37;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The FAR37 schema (schemas/far37-1.0.xsd, shipped in the jar), compiled once per JVM. */
public final class Far37Schema {

    /** The namespace of FAR37 1.0; a new version of the format gets a new one. */
    public static final String NAMESPACE = "urn:chorus-edi:far37:1.0";
    static final String RESOURCE = "schemas/far37-1.0.xsd";

    private Far37Schema() {
    }

    /** Thread-safe: each reader takes its own validator from it. */
    public static Schema schema() {
        return Holder.SCHEMA;
    }

    private static final class Holder {
        static final Schema SCHEMA = compile();
    }

    private static Schema compile() {
        URL url = Far37Schema.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("schema missing from the class path: " + RESOURCE);
        }
        try (InputStream in = url.openStream()) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // The schema is self-contained: it may load nothing else.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newSchema(new StreamSource(in, url.toExternalForm()));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + RESOURCE, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
