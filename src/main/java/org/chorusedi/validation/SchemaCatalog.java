package org.chorusedi.validation;

import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * The official UBL 2.1 and CII D16B schemas, read from the ph-ubl / ph-cii jars and compiled once
 * per JVM into one {@link Schema} (thread-safe; a flow takes its own validator from it).
 * Nothing is ever fetched from the network.
 */
public final class SchemaCatalog {

    private static final String UBL_INVOICE = "external/schemas/ubl21/maindoc/UBL-Invoice-2.1.xsd";
    private static final String UBL_CREDIT_NOTE = "external/schemas/ubl21/maindoc/UBL-CreditNote-2.1.xsd";
    private static final String CII_D16B =
            "external/schemas/d16b/data/standard/CrossIndustryInvoice_100pD16B.xsd";

    /** UBL imports these without a schemaLocation: resolve them by namespace to the ph-xsds jars. */
    private static final Map<String, String> IMPORTS_BY_NAMESPACE = Map.of(
            "urn:un:unece:uncefact:data:specification:CoreComponentTypeSchemaModule:2", "schemas/CCTS_CCT_SchemaModule.xsd",
            "http://www.w3.org/2000/09/xmldsig#", "schemas/xmldsig-core-schema.xsd",
            "http://uri.etsi.org/01903/v1.3.2#", "schemas/XAdES01903v132-201601.xsd",
            "http://uri.etsi.org/01903/v1.4.1#", "schemas/XAdES01903v141-201601.xsd");

    private final Schema invoices;

    private SchemaCatalog(Schema invoices) {
        this.invoices = invoices;
    }

    /** The catalog of this JVM, compiled on first use. */
    public static SchemaCatalog shared() {
        return Holder.INSTANCE;
    }

    /** One schema that validates every {@link Syntax}. */
    public Schema invoiceSchema() {
        return invoices;
    }

    private static final class Holder {
        static final SchemaCatalog INSTANCE = compile();
    }

    private static SchemaCatalog compile() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // Our own schemas come from jars on the class path: allow that, and nothing else.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "jar,file");
            factory.setResourceResolver(new NamespaceResolver());
            Source[] sources = {source(UBL_INVOICE), source(UBL_CREDIT_NOTE), source(CII_D16B)};
            return new SchemaCatalog(factory.newSchema(sources));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile the invoice schemas", e);
        }
    }

    private static Source source(String resource) {
        return new StreamSource(resourceUrl(resource).toExternalForm());
    }

    static URL resourceUrl(String resource) {
        URL url = SchemaCatalog.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("schema missing from the class path: " + resource);
        }
        return url;
    }

    /** Resolves location-less imports by namespace; everything else resolves as usual (relative). */
    private static final class NamespaceResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            if (systemId != null || namespace == null || !IMPORTS_BY_NAMESPACE.containsKey(namespace)) {
                return null;
            }
            return new ClasspathInput(resourceUrl(IMPORTS_BY_NAMESPACE.get(namespace)).toExternalForm(), publicId);
        }
    }

    /** An LSInput that only names a system id; the schema loader opens it. */
    private record ClasspathInput(String systemId, String publicId) implements LSInput {
        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader characterStream) { }
        @Override public InputStream getByteStream() { return null; }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String systemId) { }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String publicId) { }
        @Override public String getBaseURI() { return null; }
        @Override public void setBaseURI(String baseURI) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}
