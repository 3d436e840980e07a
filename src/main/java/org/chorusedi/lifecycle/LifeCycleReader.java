package org.chorusedi.lifecycle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.converter.jaxb.JaxbDataFormat;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.chorusedi.lifecycle.cppstatut.CPPStatut;
import org.chorusedi.lifecycle.request.DemandeComplement;
import org.chorusedi.lifecycle.request.DemandeRecyclage;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.validation.Quoted;
import org.chorusedi.validation.SecureXml;
import org.chorusedi.validation.XmlLimitExceeded;
import org.chorusedi.validation.XmlLimits;
import org.xml.sax.SAXParseException;

/**
 * Tells a life-cycle document by its root element and reads it: small documents, read whole with JAXB
 * through Camel's JAXB data format, from classes generated from the project's own schemas (schemas/),
 * validated against them on the way, on the same hardened parser as every flow.
 */
public final class LifeCycleReader {

    /** The life-cycle documents, by the root element that tells each one. */
    public enum Kind {
        /** CPPStatut with CPPFactureStatuts, from a recipient's partner. */
        STATUSES,
        /** DemandeRecyclage, from a supplier's partner. */
        RECYCLING,
        /** DemandeComplement, from a supplier's partner. */
        COMPLETION
    }

    /** What reading a document gave: its content, or the reason the whole flow is rejected. */
    public record Read(Kind kind, Object document, Finding rejection) {
    }

    static final String REQUEST_NAMESPACE = "urn:chorus-edi:lifecycle:1.0";

    private final XmlLimits limits;
    private final long maxBytes;
    private final int maxLines;
    private final JaxbDataFormat statuses = format(CPPStatut.class.getPackageName(), "classpath:schemas/cppstatut-1.19.xsd");
    private final JaxbDataFormat requests = format(DemandeRecyclage.class.getPackageName(),
            "classpath:schemas/chorus-edi-lifecycle-1.0.xsd");
    private volatile CamelContext started;

    /**
     * @param maxBytes a life-cycle document is read whole: a larger one is rejected with F11
     *                 ({@code chorus.lifecycle.max-bytes})
     * @param maxLines a document with more lines is rejected with F07 ({@code chorus.lifecycle.max-lines})
     */
    public LifeCycleReader(XmlLimits limits, long maxBytes, int maxLines) {
        this.limits = limits;
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
    }

    private static JaxbDataFormat format(String contextPath, String schema) {
        JaxbDataFormat format = new JaxbDataFormat(contextPath);
        format.setSchema(schema);
        return format;
    }

    /**
     * The kind of life-cycle document this file is, told by its root element; empty for anything else (an
     * invoice, a batch, an archive, a file that is no XML at all), which the flow reader then decides.
     */
    public Optional<Kind> kind(Path file) {
        return root(file).flatMap(LifeCycleReader::kindOf);
    }

    /**
     * The file's root element, read on the same hardened parser as every flow; empty when it is no XML, has a
     * DOCTYPE or cannot be read (its reader then says why).
     */
    public Optional<QName> root(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            XMLStreamReader reader = SecureXml.open(in, file.toString(), limits);
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        return Optional.empty();
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        return Optional.of(reader.getName());
                    }
                }
                return Optional.empty();
            } finally {
                reader.close();
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The kind of life-cycle document this root element tells; empty for any other. */
    public static Optional<Kind> kindOf(QName root) {
        String namespace = root.getNamespaceURI();
        String name = root.getLocalPart();
        if ((namespace == null || namespace.isEmpty()) && name.equals("CPPStatut")) {
            return Optional.of(Kind.STATUSES);
        }
        if (REQUEST_NAMESPACE.equals(namespace) && name.equals("DemandeRecyclage")) {
            return Optional.of(Kind.RECYCLING);
        }
        if (REQUEST_NAMESPACE.equals(namespace) && name.equals("DemandeComplement")) {
            return Optional.of(Kind.COMPLETION);
        }
        return Optional.empty();
    }

    /**
     * Reads a document of that kind, checked against its schema.
     *
     * @param camel the engine's Camel context, whose type converters the JAXB data format uses
     */
    public Read read(Path file, String name, Kind kind, CamelContext camel) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            return new Read(kind, null, new Finding(ReasonCode.F11, name + ": " + size + " bytes: a life-cycle document is read whole,"
                    + " at most " + maxBytes + " bytes (chorus.lifecycle.max-bytes)"));
        }
        start(camel);
        JaxbDataFormat format = kind == Kind.STATUSES ? statuses : requests;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            XMLStreamReader reader = SecureXml.open(in, file.toString(), limits);
            Object document = format.unmarshal(new DefaultExchange(camel), reader);
            if (document instanceof JAXBElement<?> element) {
                document = element.getValue();
            }
            if (document instanceof CPPStatut statut && statut.getCPPFactureStatuts() == null) {
                return new Read(kind, null, new Finding(ReasonCode.F05, name + ": a CPPStatut holding CPPFluxStatuts (a flow report):"
                        + " only invoice statuses (CPPFactureStatuts) are taken from partners"));
            }
            int lines = switch (kind) {
                case STATUSES -> ((CPPStatut) document).getCPPFactureStatuts().getCPPFactureStatutUnitaire().size();
                case RECYCLING -> ((DemandeRecyclage) document).getRecyclage().size();
                case COMPLETION -> ((DemandeComplement) document).getComplement().size();
            };
            if (lines > maxLines) {
                return new Read(kind, null, new Finding(ReasonCode.F07, name + ": " + lines + " lines, at most " + maxLines
                        + " (chorus.lifecycle.max-lines)"));
            }
            return new Read(kind, document, null);
        } catch (IOException e) {
            // The data format wraps what JAXB found in an IOException: the sender's, not the disk's.
            if (e.getCause() instanceof JAXBException) {
                return new Read(kind, null, rejection(name, e));
            }
            throw e;
        } catch (XMLStreamException | JAXBException e) {
            return new Read(kind, null, rejection(name, e));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Anything else is the engine's (the data format's set-up): tried again, then parked.
            throw new IOException("cannot read " + name + " as " + kind + ": " + e, e);
        }
    }

    /** Why the document cannot be read, with the code any flow gets for the same problem: F11, F03 or F06. */
    private static Finding rejection(String name, Exception e) {
        XMLStreamException malformed = null;
        SAXParseException invalid = null;
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof XmlLimitExceeded limit) {
                return new Finding(ReasonCode.F11, name + ": line " + limit.line() + ", column " + limit.column() + ": " + limit.getMessage());
            }
            if (cause instanceof XMLStreamException xml) {
                if (xml.getNestedException() instanceof XmlLimitExceeded limit) {
                    return new Finding(ReasonCode.F11, name + ": line " + limit.line() + ", column " + limit.column() + ": " + limit.getMessage());
                }
                malformed = malformed == null ? xml : malformed;
            }
            if (cause instanceof SAXParseException sax && invalid == null) {
                invalid = sax;
            }
        }
        if (malformed != null) {
            return new Finding(ReasonCode.F03, name + ": " + Quoted.parserMessage(malformed));
        }
        if (invalid != null) {
            return new Finding(ReasonCode.F06, name + ": line " + invalid.getLineNumber() + ", column " + invalid.getColumnNumber() + ": "
                    + Quoted.capped(String.valueOf(invalid.getMessage())));
        }
        return new Finding(ReasonCode.F06, name + ": " + Quoted.capped(String.valueOf(e.getMessage())));
    }

    /** The data formats are started once, with the engine's Camel context. */
    private synchronized void start(CamelContext camel) {
        if (started == camel) {
            return;
        }
        for (JaxbDataFormat format : new JaxbDataFormat[] {statuses, requests}) {
            CamelContextAware.trySetCamelContext(format, camel);
            ServiceHelper.startService(format);
        }
        started = camel;
    }
}
