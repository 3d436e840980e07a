package org.chorusedi.validation;

import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * The official UBL 2.1 and CII D16B schemas, read from the ph-ubl / ph-cii jars, and our batch
 * envelope, compiled once per JVM into one {@link Schema} (thread-safe; a flow takes its own validator from it).
 * Nothing is ever fetched from the network.
 */
public final class SchemaCatalog {

    /** Our batch envelope (schemas/ in the repository); it imports the three invoice schemas. */
    private static final String BATCH = "schemas/chorus-edi-batch-1.0.xsd";

    /**
     * Imports resolved by namespace, whatever location they name: the invoice schemas (our envelope names
     * their public locations) and what UBL imports without any location, to the ph-ubl, ph-cii and
     * ph-xsds jars.
     */
    private static final Map<String, String> IMPORTS_BY_NAMESPACE = Map.of(
            "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2", "external/schemas/ubl21/maindoc/UBL-Invoice-2.1.xsd",
            "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2", "external/schemas/ubl21/maindoc/UBL-CreditNote-2.1.xsd",
            "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
            "external/schemas/d16b/data/standard/CrossIndustryInvoice_100pD16B.xsd",
            "urn:un:unece:uncefact:data:specification:CoreComponentTypeSchemaModule:2", "schemas/CCTS_CCT_SchemaModule.xsd",
            "http://www.w3.org/2000/09/xmldsig#", "schemas/xmldsig-core-schema.xsd",
            "http://uri.etsi.org/01903/v1.3.2#", "schemas/XAdES01903v132-201601.xsd",
            "http://uri.etsi.org/01903/v1.4.1#", "schemas/XAdES01903v141-201601.xsd");

    private final Schema invoices;

    private SchemaCatalog(Schema invoices) {
        this.invoices = invoices;
    }

    private static final CompiledOnce<SchemaCatalog> SHARED = new CompiledOnce<>(SchemaCatalog::compile);

    /** The catalog of this JVM, compiled on first use, or ahead of it (the engine's start). */
    public static SchemaCatalog shared() {
        return SHARED.get();
    }

    /** One schema that validates every {@link Syntax} and our batch envelope. */
    public Schema invoiceSchema() {
        return invoices;
    }

    private static SchemaCatalog compile() {
        return new SchemaCatalog(compileFromClassPath("the invoice schemas", BATCH));
    }

    /**
     * Schemas of the class path compiled into one, their imports without a location (xmldsig, XAdES, CCTS)
     * resolved to the ph-xsds jars: for other documents than invoices (dume.DumeSchema).
     */
    public static Schema compileFromClassPath(String what, String... resources) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // Our own schemas come from jars on the class path: allow that, and nothing else.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "jar,file");
            factory.setResourceResolver(new NamespaceResolver());
            StreamSource[] sources = new StreamSource[resources.length];
            for (int i = 0; i < resources.length; i++) {
                sources[i] = new StreamSource(resourceUrl(resources[i]).toExternalForm());
            }
            return factory.newSchema(sources);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + what, e);
        }
    }

    static URL resourceUrl(String resource) {
        URL url = SchemaCatalog.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("schema missing from the class path: " + resource);
        }
        return url;
    }

    /** Resolves the imports of {@link #IMPORTS_BY_NAMESPACE} by namespace; the rest as usual (relative). */
    private static final class NamespaceResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            if (namespace == null || !IMPORTS_BY_NAMESPACE.containsKey(namespace)) {
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
