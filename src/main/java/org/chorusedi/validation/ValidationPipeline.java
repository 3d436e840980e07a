package org.chorusedi.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.chorusedi.logging.FlowLog;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;
import org.xml.sax.helpers.AttributesImpl;

/**
 * XSD validation of one document on a second core, fed by the parser thread: the parser records each
 * event on a tape, the validation thread replays the tapes into a JDK schema validator. The bytes are
 * parsed once; parsing and validation, the two costly halves, run side by side. At most TAPES tapes,
 * made as the document needs them and reused, keep memory flat whatever the document's size.
 */
public final class ValidationPipeline {

    /** One schema error at its place in the flow. */
    public record SchemaError(int line, int column, String message) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }

    /** The errors of a document: those of each invoice (by its index in the flow), and the others. */
    public record Errors(Map<Integer, List<SchemaError>> byInvoice, Map<Integer, Integer> countByInvoice,
                         List<SchemaError> outside, int countOutside) {
    }

    private static final int TAPES = 8;
    private static final String AUGMENT_PSVI = "http://apache.org/xml/features/validation/schema/augment-psvi";

    private final XMLStreamReader reader;
    private final BlockingQueue<EventTape> full = new ArrayBlockingQueue<>(TAPES);
    private final BlockingQueue<EventTape> free = new ArrayBlockingQueue<>(TAPES);
    private final Future<Errors> replay;
    private final Map<String, Map<String, String>> qNames = new HashMap<>();
    private EventTape tape;
    /** Tapes made so far: one at first (a small document needs no more), up to TAPES. */
    private int tapesMade = 1;
    private boolean finished;

    /**
     * The threads that validate, one per document being read: whoever reads documents owns the pool
     * and shuts it down when it stops.
     */
    public static ExecutorService newThreadPool() {
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "chorus-validation");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param validators where the validation runs, beside the parser
     * @param maxErrors  schema errors kept for each invoice and for the rest of the document
     */
    public ValidationPipeline(Schema schema, XMLStreamReader reader, ExecutorService validators, int maxErrors) {
        this.reader = reader;
        this.tape = new EventTape();
        Replay task = new Replay(schema.newValidatorHandler(), maxErrors);
        this.replay = validators.submit(FlowLog.carried(task::run));
    }

    /** At START_ELEMENT. */
    public void startElement() throws InterruptedException {
        int namespaces = reader.getNamespaceCount();
        int attributes = reader.getAttributeCount();
        int strings = 3 + 2 * namespaces + 4 * attributes;
        room(4, strings, 0);
        tape.ensure(4, strings);
        Location location = reader.getLocation();
        op(EventTape.START);
        integer(location.getLineNumber());
        integer(location.getColumnNumber());
        integer(namespaces);
        integer(attributes);
        string(nullToEmpty(reader.getNamespaceURI()));
        string(reader.getLocalName());
        string(qName(reader.getPrefix(), reader.getLocalName()));
        for (int i = 0; i < namespaces; i++) {
            string(nullToEmpty(reader.getNamespacePrefix(i)));
            string(nullToEmpty(reader.getNamespaceURI(i)));
        }
        for (int i = 0; i < attributes; i++) {
            string(nullToEmpty(reader.getAttributeNamespace(i)));
            string(reader.getAttributeLocalName(i));
            string(qName(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)));
            string(reader.getAttributeValue(i));
        }
    }

    /** Text, split across tapes when long. */
    public void characters(char[] chars, int start, int length) throws InterruptedException {
        Location location = reader.getLocation();
        while (length > 0) {
            room(4, 0, 1);
            int chunk = Math.min(length, tape.textRoom());
            op(EventTape.CHARS);
            integer(location.getLineNumber());
            integer(location.getColumnNumber());
            integer(tape.textCount);
            integer(chunk);
            System.arraycopy(chars, start, tape.text, tape.textCount, chunk);
            tape.textCount += chunk;
            start += chunk;
            length -= chunk;
        }
    }

    /** At END_ELEMENT, while the reader still sees the element's namespace declarations. */
    public void endElement() throws InterruptedException {
        int namespaces = reader.getNamespaceCount();
        room(1, 3 + namespaces, 0);
        tape.ensure(1, 3 + namespaces);
        op(EventTape.END);
        integer(namespaces);
        string(nullToEmpty(reader.getNamespaceURI()));
        string(reader.getLocalName());
        string(qName(reader.getPrefix(), reader.getLocalName()));
        for (int i = 0; i < namespaces; i++) {
            string(nullToEmpty(reader.getNamespacePrefix(i)));
        }
    }

    /**
     * The events from here on belong to this invoice of the flow (its index). With a tree, they are also built into a
     * tree for the EN 16931 rules, on the validation thread: its document from here to {@link #endInvoice}, text
     * outside its root element aside, as the invoice's staged file would give it.
     *
     * @param tree       null: none
     * @param namespaces the declarations (prefix, URI) its staged file adds to its root element: those it inherits
     */
    public void beginInvoice(int index, DefaultHandler2 tree, List<String[]> namespaces) throws InterruptedException {
        room(3, 2 * namespaces.size(), 0);
        tape.ensure(3, 2 * namespaces.size());
        op(EventTape.BEGIN_INVOICE);
        integer(index);
        integer(tree == null ? -1 : tape.trees.size());
        integer(namespaces.size());
        if (tree != null) {
            tape.trees.add(tree);
        }
        for (String[] namespace : namespaces) {
            string(namespace[0]);
            string(namespace[1]);
        }
    }

    /** A comment, for the invoice's tree. */
    public void comment(String text) throws InterruptedException {
        room(0, 1, 0);
        op(EventTape.COMMENT);
        string(text);
    }

    /** A processing instruction, for the invoice's tree. */
    public void processingInstruction(String target, String data) throws InterruptedException {
        room(0, 2, 0);
        op(EventTape.PROCESSING_INSTRUCTION);
        string(target);
        string(nullToEmpty(data));
    }

    public void endInvoice() throws InterruptedException {
        room(0, 0, 0);
        op(EventTape.END_INVOICE);
    }

    /**
     * The document is complete: waits for the validation to catch up and returns its errors. An Error
     * of the validation thread (an OutOfMemoryError among them) is thrown as it is.
     */
    public Errors finish() throws SAXException, InterruptedException {
        finished = true;
        tape.last = true;
        hand(tape);
        tape = null;
        try {
            return replay.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SAXException sax) {
                throw sax;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("validation failed", e.getCause());
        }
    }

    /** The document is abandoned (rejected as a whole, or failed): stops the validation thread. */
    public void cancel() {
        if (!finished) {
            finished = true;
            replay.cancel(true);
        }
    }

    private void room(int ints, int strings, int text) throws InterruptedException {
        if (!tape.fits(ints, strings, text) && !tape.isEmpty()) {
            hand(tape);
            tape = takeFree();
            tape.clear();
        }
    }

    /**
     * Hands a tape over, unless the validation thread has stopped: an Error of its own is thrown here,
     * at once; any other failure surfaces in finish.
     */
    private void hand(EventTape t) throws InterruptedException {
        while (!full.offer(t, 100, TimeUnit.MILLISECONDS)) {
            if (replay.isDone()) {
                throwIfError();
                return;
            }
        }
    }

    /** A free tape: one the validation thread gave back, a new one while fewer than TAPES were made, else waits. */
    private EventTape takeFree() throws InterruptedException {
        EventTape t = free.poll();
        if (t == null && tapesMade < TAPES) {
            tapesMade++;
            return new EventTape();
        }
        while (t == null) {
            t = free.poll(100, TimeUnit.MILLISECONDS);
            if (t == null && replay.isDone()) {
                throwIfError();
                return new EventTape();
            }
        }
        return t;
    }

    /** When the validation thread has stopped on an Error, the parser's thread throws it: the document is not read on. */
    private void throwIfError() throws InterruptedException {
        try {
            replay.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
        } catch (CancellationException e) {
            // cancelled by this side: nothing to tell
        }
    }

    private void op(byte op) {
        tape.ops[tape.opCount++] = op;
    }

    private void integer(int value) {
        tape.ints[tape.intCount++] = value;
    }

    private void string(String value) {
        tape.strings[tape.stringCount++] = value;
    }

    /**
     * Qualified names by prefix and local name. The parser gives the same String instances every time
     * (interned names); handing the validator the same qName instances too spares it hashing a new
     * string on every element, its main cost.
     */
    private String qName(String prefix, String local) {
        if (prefix == null || prefix.isEmpty()) {
            return local;
        }
        return qNames.computeIfAbsent(prefix, p -> new HashMap<>()).computeIfAbsent(local, l -> prefix + ":" + l);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The validation thread's side: tapes in, errors out. */
    private final class Replay implements ErrorHandler, Locator {
        private final ValidatorHandler handler;
        private final int maxErrors;
        private final AttributesImpl attributes = new AttributesImpl();
        private final Map<Integer, List<SchemaError>> byInvoice = new HashMap<>();
        private final Map<Integer, Integer> countByInvoice = new HashMap<>();
        private final List<SchemaError> outside = new ArrayList<>();
        private int countOutside;
        private int invoice = -1;
        /** The tree of the invoice being replayed, if any, and its depth of elements. */
        private DefaultHandler2 tree;
        private int treeDepth;
        private int line;
        private int column;

        Replay(ValidatorHandler handler, int maxErrors) {
            this.handler = handler;
            this.maxErrors = maxErrors;
            try {
                // The instance may name schemas (xsi:schemaLocation): never load them.
                handler.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                handler.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                // No post-schema-validation infoset: with it, the validator keeps every error message, each
                // quoting its whole value, up to the root of the document (the batch's, for a batch).
                handler.setFeature(AUGMENT_PSVI, false);
            } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
                throw new IllegalStateException("schema validator cannot be locked down", e);
            }
            handler.setErrorHandler(this);
            handler.setDocumentLocator(this);
        }

        Errors run() throws SAXException, InterruptedException {
            handler.startDocument();
            while (true) {
                EventTape next = full.take();
                replay(next);
                boolean last = next.last;
                next.clear();
                free.put(next);
                if (last) {
                    break;
                }
            }
            handler.endDocument();
            return new Errors(byInvoice, countByInvoice, outside, countOutside);
        }

        private void replay(EventTape t) throws SAXException {
            int i = 0;
            int s = 0;
            for (int op = 0; op < t.opCount; op++) {
                switch (t.ops[op]) {
                    case EventTape.START -> {
                        line = t.ints[i++];
                        column = t.ints[i++];
                        int namespaces = t.ints[i++];
                        int count = t.ints[i++];
                        String uri = t.strings[s++];
                        String local = t.strings[s++];
                        String qName = t.strings[s++];
                        int firstNamespace = s;
                        for (int n = 0; n < namespaces; n++) {
                            handler.startPrefixMapping(t.strings[s++], t.strings[s++]);
                        }
                        attributes.clear();
                        for (int a = 0; a < count; a++) {
                            attributes.addAttribute(t.strings[s++], t.strings[s++], t.strings[s++], "CDATA", t.strings[s++]);
                        }
                        handler.startElement(uri, local, qName, attributes);
                        if (tree != null) {
                            for (int n = 0; n < namespaces; n++) {
                                tree.startPrefixMapping(t.strings[firstNamespace + 2 * n], t.strings[firstNamespace + 2 * n + 1]);
                            }
                            tree.startElement(uri, local, qName, attributes);
                            treeDepth++;
                        }
                    }
                    case EventTape.CHARS -> {
                        line = t.ints[i++];
                        column = t.ints[i++];
                        int start = t.ints[i++];
                        int length = t.ints[i++];
                        handler.characters(t.text, start, length);
                        if (tree != null && treeDepth > 0) {
                            tree.characters(t.text, start, length);
                        }
                    }
                    case EventTape.END -> {
                        int namespaces = t.ints[i++];
                        String uri = t.strings[s++];
                        String local = t.strings[s++];
                        String qName = t.strings[s++];
                        handler.endElement(uri, local, qName);
                        if (tree != null) {
                            tree.endElement(uri, local, qName);
                            treeDepth--;
                        }
                        for (int n = 0; n < namespaces; n++) {
                            handler.endPrefixMapping(t.strings[s]);
                            if (tree != null) {
                                tree.endPrefixMapping(t.strings[s]);
                            }
                            s++;
                        }
                    }
                    case EventTape.BEGIN_INVOICE -> {
                        invoice = t.ints[i++];
                        int slot = t.ints[i++];
                        int namespaces = t.ints[i++];
                        tree = slot < 0 ? null : t.trees.get(slot);
                        treeDepth = 0;
                        if (tree != null) {
                            tree.startDocument();
                        }
                        for (int n = 0; n < namespaces; n++) {
                            String prefix = t.strings[s++];
                            String uri = t.strings[s++];
                            if (tree != null) {
                                tree.startPrefixMapping(prefix, uri);
                            }
                        }
                    }
                    case EventTape.END_INVOICE -> {
                        invoice = -1;
                        if (tree != null) {
                            tree.endDocument();
                            tree = null;
                        }
                    }
                    case EventTape.COMMENT -> {
                        String text = t.strings[s++];
                        if (tree != null) {
                            tree.comment(text.toCharArray(), 0, text.length());
                        }
                    }
                    case EventTape.PROCESSING_INSTRUCTION -> {
                        String target = t.strings[s++];
                        String data = t.strings[s++];
                        if (tree != null) {
                            tree.processingInstruction(target, data);
                        }
                    }
                    default -> throw new IllegalStateException("unknown event " + t.ops[op]);
                }
            }
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make an invoice invalid.
        }

        @Override
        public void error(SAXParseException e) {
            // Kept capped from the start: a message quotes the value at fault, up to a whole text node.
            SchemaError error = new SchemaError(e.getLineNumber(), e.getColumnNumber(), Quoted.capped(String.valueOf(e.getMessage())));
            if (invoice < 0) {
                countOutside++;
                if (outside.size() < maxErrors) {
                    outside.add(error);
                }
            } else {
                countByInvoice.merge(invoice, 1, Integer::sum);
                List<SchemaError> errors = byInvoice.computeIfAbsent(invoice, k -> new ArrayList<>());
                if (errors.size() < maxErrors) {
                    errors.add(error);
                }
            }
        }

        @Override
        public void fatalError(SAXParseException e) {
            error(e);
        }

        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public String getSystemId() {
            return null;
        }

        @Override
        public int getLineNumber() {
            return line;
        }

        @Override
        public int getColumnNumber() {
            return column;
        }
    }
}
