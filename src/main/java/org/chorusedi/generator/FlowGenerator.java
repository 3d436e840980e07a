package org.chorusedi.generator;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes made-up flows of a chosen size and shape, streaming: batches in our envelope, single-invoice
 * files, or Factur-X PDFs. Every {@code invalidEvery}-th invoice breaks its XSD (a date that is no date), to exercise
 * partial integration. Used by the {@code generate} command and the benchmark.
 */
public final class FlowGenerator {

    /** Which syntaxes the invoices take. */
    public enum Syntaxes { UBL, CII, MIXED }

    private final InvoiceTemplate template;
    private final Syntaxes syntaxes;
    private final int invalidEvery;
    private final String prefix;
    private final String answering;

    public FlowGenerator(InvoiceTemplate template, Syntaxes syntaxes, int invalidEvery) {
        this(template, syntaxes, invalidEvery, "G", null);
    }

    private FlowGenerator(InvoiceTemplate template, Syntaxes syntaxes, int invalidEvery, String prefix, String answering) {
        this.template = template;
        this.syntaxes = syntaxes;
        this.invalidEvery = invalidEvery;
        this.prefix = prefix;
        this.answering = answering;
    }

    /**
     * The same flows with invoices numbered {@code prefix}-0000001 and up, each answering (BT-25) the one of the same
     * rank numbered with {@code answering} when it is given: a works chain (drafts, then the MOE's statements...).
     */
    public FlowGenerator numbered(String prefix, String answering) {
        return new FlowGenerator(template, syntaxes, invalidEvery, prefix, answering);
    }

    private InvoiceTemplate invoice(int index) {
        InvoiceTemplate invoice = template.withNumber(String.format("%s-%07d", prefix, index));
        return answering == null ? invoice : invoice.answering(String.format("%s-%07d", answering, index));
    }

    /**
     * A batch of {@code invoices} invoices, or, with {@code invoices} 0, as many as reach {@code targetBytes}.
     * Returns the number of invoices written.
     */
    public int writeBatch(Path file, String partner, int invoices, long targetBytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path body = Files.createTempFile(file.toAbsolutePath().getParent(), ".batch-body", ".part");
        int count = 0;
        try {
            // The header states the count, known only at the end: write the invoices aside first.
            try (CountingStream bytes = new CountingStream(Files.newOutputStream(body));
                 Writer out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16)) {
                while (invoices > 0 ? count < invoices : bytes.count < targetBytes) {
                    count++;
                    writeInvoice(out, count);
                    out.flush();
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n"
                        + "<Header><PartnerCode>" + partner + "</PartnerCode><FlowId>GEN-" + count + "</FlowId>"
                        + "<CreatedAt>2026-11-26T10:00:00Z</CreatedAt><InvoiceCount>" + count + "</InvoiceCount></Header>\n")
                        .getBytes(StandardCharsets.UTF_8));
                Files.copy(body, out);
                out.write("</Batch>\n".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(body);
        }
        return count;
    }

    /** {@code count} single-invoice files in a folder. */
    public List<Path> writeFiles(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Path file = folder.resolve(String.format("invoice-%06d.xml", i));
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
                writeInvoice(out, i);
            }
            files.add(file);
        }
        return files;
    }

    /** {@code count} Factur-X PDFs in a folder, each embedding a CII invoice (whatever {@code syntaxes} says). */
    public List<Path> writeFacturX(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            InvoiceTemplate invoice = invoice(i);
            StringWriter xml = new StringWriter();
            xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            invoice.writeCii(invalidEvery > 0 && i % invalidEvery == 0 ? new InvalidDateWriter(xml) : xml);
            files.add(FacturXWriter.write(invoice, xml.toString(), folder.resolve(String.format("facturx-%06d.pdf", i))));
        }
        return files;
    }

    private void writeInvoice(Writer out, int index) throws IOException {
        InvoiceTemplate invoice = invoice(index);
        boolean cii = syntaxes == Syntaxes.CII || (syntaxes == Syntaxes.MIXED && index % 2 == 0);
        boolean invalid = invalidEvery > 0 && index % invalidEvery == 0;
        Writer target = invalid ? new InvalidDateWriter(out) : out;
        if (cii) {
            invoice.writeCii(target);
        } else {
            invoice.writeUbl(target);
        }
    }

    /** Breaks the invoice's XSD: a UBL issue date that is no date, a CII element that does not exist. */
    private static final class InvalidDateWriter extends Writer {
        private final Writer out;

        InvalidDateWriter(Writer out) {
            this.out = out;
        }

        @Override
        public void write(String text) throws IOException {
            out.write(text.replace(">2026-11-20<", ">20/11/2026<").replace("<ram:TypeCode>", "<ram:TypeKode>").replace("</ram:TypeCode>", "</ram:TypeKode>"));
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            write(new String(chars, offset, length));
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() {
            // the underlying writer belongs to the caller
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
