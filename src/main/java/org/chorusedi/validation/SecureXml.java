package org.chorusedi.validation;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.io.StreamBootstrapper;
import com.ctc.wstx.io.SystemId;
import com.ctc.wstx.stax.WstxInputFactory;
import org.codehaus.stax2.XMLInputFactory2;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one place that opens XML from outside. Woodstox, with DTDs and external entities off and hard
 * limits, so that hostile input fails fast with a location instead of a lookup, a hang or an OOM.
 */
public final class SecureXml {

    private static final WstxInputFactory FACTORY = hardenedFactory();

    private SecureXml() {
    }

    /**
     * Opens an XML 1.0 document held to {@code limits}: what Woodstox would read whole (a comment, a processing
     * instruction, a DOCTYPE, a name) is measured as it streams ({@link MarkupGuard}); an
     * {@link XmlLimitExceeded} is then the nested exception of the parser's XMLStreamException. The
     * stream reader is made the way {@code createXMLStreamReader(systemId, in)} makes it, its
     * bootstrapper wrapped. Flows and FAR37 directory files alike are opened here.
     */
    public static XMLStreamReader open(InputStream in, String systemId, XmlLimits limits) throws XMLStreamException {
        SystemId id = SystemId.construct(systemId);
        GuardedBootstrapper bootstrapper = new GuardedBootstrapper(StreamBootstrapper.getInstance(null, id, in), limits);
        XMLStreamReader reader = FACTORY.createSR(FACTORY.createPrivateConfig(), id, bootstrapper, false, false);
        // XML 1.1 takes control characters (as &#x1b;) that no invoice needs and no terminal should print.
        if ("1.1".equals(reader.getVersion())) {
            throw new XMLStreamException("XML 1.1 is not accepted, only XML 1.0", reader.getLocation());
        }
        return reader;
    }

    private static WstxInputFactory hardenedFactory() {
        WstxInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // A DOCTYPE is reported as an event (and rejected by the reader), never processed.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        // Check text as it is read: a lazy error would surface later, unchecked and without a place.
        f.setProperty(XMLInputFactory2.P_LAZY_PARSING, false);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external reference refused: " + systemId);
        });
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 500);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 200);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, 64 * 1024);
        f.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, 1_000_000);
        return f;
    }
}
