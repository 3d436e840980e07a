package org.chorusedi.flow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import java.util.concurrent.ExecutorService;
import javax.xml.validation.Schema;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.rules.InvoiceTrees;
import org.chorusedi.validation.DocumentLimits;
import org.chorusedi.validation.Quoted;
import org.chorusedi.validation.SecureXml;
import org.chorusedi.validation.Syntax;
import org.chorusedi.validation.ValidationPipeline;
import org.chorusedi.validation.ValidationPipeline.SchemaError;
import org.chorusedi.validation.XmlLimitExceeded;
import org.codehaus.stax2.XMLStreamReader2;
import org.xml.sax.SAXException;

/**
 * Reads one XML document of a flow (a single invoice, a batch, or an archive entry) in one pass:
 * hardened parsing, XSD validation, key reading, attachment measuring, and each invoice's bytes staged.
 */
final class DocumentReader {

    private static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";
    /** What the validator and the rules' tree see of an attachment: the real text is checked and measured by Base64Meter. */
    private static final char[] ATTACHMENT_STAND_IN = "AAAA".toCharArray();
    /** Comments and processing instructions before a single invoice's root kept for its tree; past this, it has none. */
    private static final int MAX_PROLOG_CHARS = 64 * 1024;

    /**
     * Where the document comes from, which decides how its problems are reported. An embedded file (the
     * invoice of a Factur-X PDF) must be a CII invoice: anything else, XML or not, is F14.
     */
    enum Origin {
        PLAIN_FILE, ARCHIVE_ENTRY, EMBEDDED_FILE;

        ReasonCode malformed() {
            return this == EMBEDDED_FILE ? ReasonCode.F14 : ReasonCode.F03;
        }

        String malformedPrefix() {
            return this == EMBEDDED_FILE ? "not a CII D16B invoice, not well-formed XML: " : "";
        }
    }

    private final Schema schema;
    private final FlowLimits limits;
    private final Path staging;
    private final Progress progress;
    private final ExecutorService validators;
    private final StagingWriter writer;
    private final DepositLimits sizes;
    private final InvoiceTrees trees;

    /** @param trees where each invoice's tree for the EN 16931 rules is built as it is read, if any */
    DocumentReader(Schema schema, FlowLimits limits, Path staging, Progress progress, ExecutorService validators,
                   StagingWriter writer, DepositLimits sizes, InvoiceTrees trees) {
        this.sizes = sizes;
        this.trees = trees;
        this.validators = validators;
        this.writer = writer;
        this.schema = schema;
        this.limits = limits;
        this.staging = staging;
        this.progress = progress;
    }

    /** Reads the document into {@code content}; returns normally even when the flow is rejected. */
    void read(CapturingInputStream in, String name, Origin origin, FlowContent content) throws IOException {
        Pass pass = new Pass(in, name, origin, content);
        try {
            pass.run();
            if (pass.batch != null && in.position() > sizes.maxBatchBytes()) {
                content.reject(new Finding(ReasonCode.F02, name + ": an XML batch deposited over the API has at most "
                        + sizes.maxBatchBytes() + " bytes, this one " + in.position()));
            }
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof XmlLimitExceeded limit) {
                content.reject(overLimit(name, limit));
                return;
            }
            // An I/O failure is the disk's, not the sender's; a bad encoding or a limit is the sender's.
            if (e.getNestedException() instanceof IOException io && !(io instanceof java.io.CharConversionException)) {
                throw io;
            }
            Location where = e.getLocation() != null && e.getLocation().getLineNumber() > 0 ? e.getLocation() : pass.location();
            content.reject(new Finding(origin.malformed(), name + ": " + origin.malformedPrefix() + at(where) + Quoted.parserMessage(e)));
        } catch (java.io.CharConversionException e) {
            // Bytes that are no text in the document's encoding, met by the strict UTF-8 check.
            content.reject(new Finding(origin.malformed(), name + ": " + origin.malformedPrefix() + at(pass.location()) + e.getMessage()));
        } catch (CapturingInputStream.OutOfWindow e) {
            content.reject(new Finding(origin.malformed(), name + ": " + origin.malformedPrefix() + at(pass.location()) + e.getMessage()));
        } catch (XmlLimitExceeded e) {
            content.reject(overLimit(name, e));
        } catch (SAXException e) {
            content.reject(new Finding(ReasonCode.F06, name + ": " + Quoted.capped(String.valueOf(e.getMessage()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading " + name);
        } finally {
            pass.abandonOpenInvoice();
        }
    }

    private static Finding overLimit(String name, XmlLimitExceeded limit) {
        return new Finding(ReasonCode.F11, name + ": line " + limit.line() + ", column " + limit.column() + ": " + limit.getMessage());
    }

    static String at(Location location) {
        return location == null || location.getLineNumber() < 0 ? ""
                : "line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ": ";
    }

    /** The state of one pass over one document. */
    private final class Pass {
        private final CapturingInputStream in;
        private final String name;
        private final Origin origin;
        private final FlowContent content;
        private XMLStreamReader2 reader;
        private DocumentLimits documentLimits;
        private ValidationPipeline validator;
        /** Every invoice of the document, waiting for the validation to finish. */
        private final List<InvoiceScope> complete = new ArrayList<>();
        /** The batch envelope, when the document is a batch. */
        private BatchEnvelope batch;
        private int depth;
        private InvoiceScope invoice;
        private int invoiceDepth;
        private Base64Meter attachment;
        private String attachmentName;
        private String attachmentMimeCode;
        private int attachmentLine;
        private int attachmentColumn;
        private int documentIndex;
        private StagedBytes documentCopy;
        /** Comments and processing instructions before the root, for a single invoice's tree: {target or null, text}. */
        private final List<String[]> prolog = new ArrayList<>();
        private int prologChars;

        Pass(CapturingInputStream in, String name, Origin origin, FlowContent content) {
            this.in = in;
            this.name = name;
            this.origin = origin;
            this.content = content;
        }

        void run() throws XMLStreamException, SAXException, IOException, InterruptedException {
            // Every byte from the first, in case the document is one invoice (delivered as it came);
            // a batch drops this copy at its root and stages each of its invoices instead.
            documentIndex = content.nextIndex();
            documentCopy = new StagedBytes(InvoiceRead.stagedFile(staging, documentIndex), writer);
            in.startCapture(0, documentCopy, 0, new byte[0]);
            reader = (XMLStreamReader2) SecureXml.open(in, name, limits.xml());
            documentLimits = new DocumentLimits(limits.xml(), reader);
            String encoding = reader.getEncoding();
            if (encoding == null || encoding.equalsIgnoreCase("UTF-8")) {
                in.requireStrictUtf8();
            }
            while (reader.hasNext() && !content.rejected()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                        reject(ReasonCode.F04, at(reader.getLocation()) + "DOCTYPE or entity present");
                    case XMLStreamConstants.START_ELEMENT -> startElement();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> characters();
                    case XMLStreamConstants.END_ELEMENT -> endElement();
                    case XMLStreamConstants.END_DOCUMENT -> endDocument();
                    case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                        documentLimits.processingInstruction();
                        markup(reader.getPITarget(), Objects.toString(reader.getPIData(), ""));
                    }
                    case XMLStreamConstants.COMMENT -> markup(null, reader.getText());
                    default -> {
                        // nothing else is reported (a DTD is refused)
                    }
                }
            }
        }

        private void startElement() throws IOException, XMLStreamException, InterruptedException {
            if (XINCLUDE_NS.equals(reader.getNamespaceURI())) {
                reject(ReasonCode.F04, at(reader.getLocation()) + "XInclude element present");
                return;
            }
            documentLimits.startElement();
            if (depth == 0) {
                startRoot();
                if (content.rejected()) {
                    return;
                }
            } else if (batch != null && depth == 1 && invoice == null) {
                startBatchChild();
                if (content.rejected()) {
                    return;
                }
            } else if (batch != null && depth == 2 && invoice == null) {
                batch.headerFieldStarts(reader.getLocalName());
            }
            if (invoice != null && InvoiceScope.isAttachment(reader)) {
                attachment = new Base64Meter();
                attachmentName = reader.getAttributeValue(null, "filename");
                attachmentMimeCode = reader.getAttributeValue(null, "mimeCode");
                attachmentLine = reader.getLocation().getLineNumber();
                attachmentColumn = reader.getLocation().getColumnNumber();
            }
            validator.startElement();
            if (attachment != null) {
                // What the validator and the rules see of an attachment, as soon as it starts (comments may follow).
                validator.characters(ATTACHMENT_STAND_IN, 0, ATTACHMENT_STAND_IN.length);
                invoice.countNodes(1);
            }
            if (invoice != null) {
                invoice.keys.startElement(reader);
                invoice.countNodes(1 + reader.getAttributeCount());
            }
            depth++;
        }

        private void startRoot() throws IOException, InterruptedException {
            QName root = reader.getName();
            Optional<Syntax> syntax = Syntax.ofRoot(root);
            if (origin == Origin.EMBEDDED_FILE && syntax.filter(s -> s == Syntax.CII_D16B).isEmpty()) {
                reject(ReasonCode.F14, "root element " + Quoted.capped(root.toString())
                        + " is not a CII D16B CrossIndustryInvoice (the invoice a Factur-X PDF embeds)");
                return;
            }
            if (syntax.isPresent()) {
                if (content.started() > limits.maxInvoices()) {
                    reject(ReasonCode.F07, "more than " + limits.maxInvoices() + " invoices");
                    return;
                }
                String label = switch (origin) {
                    case ARCHIVE_ENTRY -> "invoice " + documentIndex + " (entry " + name + ")";
                    case EMBEDDED_FILE -> "invoice " + documentIndex + " (" + name + ")";
                    case PLAIN_FILE -> "invoice " + documentIndex;
                };
                invoice = new InvoiceScope(documentIndex, syntax.get(), documentCopy,
                        prologChars <= MAX_PROLOG_CHARS ? trees.newTree(documentCopy.file()) : null, label, sizes);
                documentCopy = null;
                invoiceDepth = 0;
            } else if (BatchEnvelope.isBatchRoot(root) && origin == Origin.PLAIN_FILE) {
                String encodingProblem = BatchEnvelope.encodingProblem(reader.getEncoding());
                if (encodingProblem != null) {
                    reject(ReasonCode.F05, encodingProblem);
                    return;
                }
                batch = new BatchEnvelope(reader);
                in.stopCapture(0);
                documentCopy.discard();
                documentCopy = null;
                content.forgetLast();
            } else if (origin == Origin.ARCHIVE_ENTRY) {
                reject(ReasonCode.F08, "root element " + Quoted.capped(root.toString())
                        + " is not a single UBL 2.1 or CII D16B invoice");
                return;
            } else {
                reject(ReasonCode.F05, "root element " + Quoted.capped(root.toString())
                        + " is not a UBL 2.1 Invoice or CreditNote, a CII D16B CrossIndustryInvoice, nor a chorus-edi Batch");
                return;
            }
            validator = new ValidationPipeline(schema, reader, validators, limits.maxSchemaErrors());
            if (invoice != null) {
                validator.beginInvoice(invoice.index, invoice.tree, List.of());
                for (String[] markup : prolog) {
                    markup(markup[0], markup[1]);
                }
            }
            prolog.clear();
        }

        /**
         * A comment (no target) or a processing instruction: nothing to validate, part of an invoice's tree as of its
         * staged file. Before the root, kept until the root says whether the document is an invoice.
         */
        private void markup(String target, String text) throws InterruptedException {
            if (validator == null) {
                prologChars += text.length() + (target == null ? 0 : target.length());
                if (prologChars <= MAX_PROLOG_CHARS) {
                    prolog.add(new String[] {target, text});
                }
            } else if (invoice != null && invoice.tree != null) {
                if (target == null) {
                    validator.comment(text);
                } else {
                    validator.processingInstruction(target, text);
                }
            }
        }

        private void startBatchChild() throws IOException, InterruptedException {
            Optional<Syntax> syntax = Syntax.ofRoot(reader.getName());
            if (syntax.isEmpty()) {
                return;
            }
            if (content.started() >= limits.maxInvoices()) {
                reject(ReasonCode.F07, "more than " + limits.maxInvoices() + " invoices");
                return;
            }
            int index = content.nextIndex();
            StagedBytes staged = new StagedBytes(InvoiceRead.stagedFile(staging, index), writer);
            String label = "invoice " + index + " of the batch (line " + reader.getLocation().getLineNumber() + ")";
            invoice = new InvoiceScope(index, syntax.get(), staged, trees.newTree(staged.file()), label, sizes);
            invoiceDepth = 1;
            List<String[]> inherited = batch.inheritedNamespaces(reader);
            validator.beginInvoice(index, invoice.tree, inherited);
            // The invoice as a document of its own: a declaration, and the namespaces it inherits from the batch.
            byte[] declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8);
            staged.write(declaration, 0, declaration.length);
            String qName = reader.getPrefix() == null || reader.getPrefix().isEmpty()
                    ? reader.getLocalName() : reader.getPrefix() + ":" + reader.getLocalName();
            long start = in.byteOffsetOfChar(reader.getLocationInfo().getStartingCharOffset());
            in.startCapture(start, invoice.staged, 1 + qName.getBytes(StandardCharsets.UTF_8).length, BatchEnvelope.declarations(inherited));
        }

        private void characters() throws XmlLimitExceeded, InterruptedException {
            if (validator == null) {
                return;
            }
            char[] chars = reader.getTextCharacters();
            int start = reader.getTextStart();
            int length = reader.getTextLength();
            if (attachment != null) {
                attachment.accept(chars, start, length);
                return;
            }
            if (depth > 1) {
                documentLimits.text(length);
            }
            validator.characters(chars, start, length);
            if (invoice != null) {
                invoice.keys.characters(chars, start, length);
                invoice.countNodes(1);
            } else if (batch != null) {
                batch.headerText(chars, start, length);
            }
        }

        private void endElement() throws IOException, XMLStreamException, InterruptedException {
            depth--;
            documentLimits.endElement();
            if (attachment != null) {
                invoice.attachment(attachmentName, attachmentMimeCode, attachment, attachmentLine, attachmentColumn);
                attachment = null;
            }
            validator.endElement();
            if (invoice != null) {
                invoice.keys.endElement();
                if (batch != null && depth == invoiceDepth) {
                    validator.endInvoice();
                    invoice.complete(in.stopCapture(in.byteOffsetOfChar(reader.getLocationInfo().getEndingCharOffset())));
                    complete.add(invoice);
                    invoice = null;
                    progress.invoiceDone(complete.size());
                }
            } else if (batch != null && depth == 2) {
                batch.headerFieldEnds();
            }
        }

        private void endDocument() throws SAXException, IOException, InterruptedException {
            if (invoice != null) {
                // Woodstox has read to the end (it checks that nothing follows the root).
                validator.endInvoice();
                invoice.complete(in.stopCapture(in.position()));
                complete.add(invoice);
                invoice = null;
                progress.invoiceDone(complete.size());
            }
            ValidationPipeline.Errors errors = validator.finish();
            validator = null;
            if (batch != null && !errors.outside().isEmpty()) {
                reject(ReasonCode.F06, "the batch envelope: " + InvoiceScope.describe(errors.outside(), errors.countOutside()));
                return;
            }
            for (InvoiceScope done : complete) {
                List<SchemaError> own = errors.byInvoice().getOrDefault(done.index, List.of());
                int count = errors.countByInvoice().getOrDefault(done.index, 0);
                if (origin != Origin.ARCHIVE_ENTRY && batch == null && !own.isEmpty()) {
                    // A flow of one invoice (a Factur-X PDF's too) that fails its schema is rejected as a whole.
                    reject(ReasonCode.F06, InvoiceScope.describe(own, count));
                    return;
                }
                content.add(done.read(own, count, ReasonCode.I16));
            }
            String countProblem = batch == null ? null : batch.countProblem(complete.size());
            if (countProblem != null) {
                reject(ReasonCode.F07, countProblem);
            }
        }

        private void reject(ReasonCode code, String detail) {
            content.reject(new Finding(code, name + ": " + detail));
        }

        Location location() {
            return reader == null ? null : reader.getLocation();
        }

        /** After a rejection or a failure: close what is open; the staging folder goes with the flow. */
        void abandonOpenInvoice() {
            if (validator != null) {
                validator.cancel();
            }
            try {
                if (invoice != null) {
                    invoice.staged.discard();
                }
                if (documentCopy != null) {
                    documentCopy.discard();
                }
            } catch (IOException ignored) {
                // nothing more to do with a file that is dropped anyway
            }
        }
    }
}
