package org.chorusedi.support;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Small flows that expand once read, written streaming (neither the test nor the file system holds
 * what they expand to): a gzip, a tar.gz or a zip holding one huge thing, a comment, a name, a tar
 * header, a central directory. Their filler is lowercase letters (a name, a text, a comment alike)
 * that gzip shrinks about 55 times: under the engine's compression ratio guard (100), so that what
 * stops them is the limit they are made for.
 */
public final class ExpandingFlows {

    private static final int BLOCK = 4096;
    /** Random letters at the end of each block of 'x': what keeps the ratio near 55. */
    private static final int RANDOM_PER_BLOCK = 96;
    private static final int TAR_BLOCK = 512;

    private ExpandingFlows() {
    }

    /** Writes {@code count} lowercase letters. */
    public static void letters(OutputStream out, long count) throws IOException {
        Random random = new Random(count);
        byte[] block = new byte[BLOCK];
        for (long left = count; left > 0; left -= BLOCK) {
            Arrays.fill(block, (byte) 'x');
            for (int i = 0; i < RANDOM_PER_BLOCK; i++) {
                block[BLOCK - 1 - i] = (byte) ('a' + random.nextInt(26));
            }
            out.write(block, 0, (int) Math.min(BLOCK, left));
        }
    }

    /** Something written into an output stream. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** A gzip of what the body writes. */
    public static Path gzip(Path file, Body body) throws IOException {
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16)) {
            body.write(out);
        }
        return file;
    }

    /** A body: {@code before}, then {@code count} letters, then {@code after}. */
    public static Body around(String before, long count, String after) {
        return out -> {
            out.write(before.getBytes(StandardCharsets.UTF_8));
            letters(out, count);
            out.write(after.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** The XML document with what the body writes inserted right before the first {@code marker}. */
    public static Body inserted(String xml, String marker, Body inserted) {
        int cut = xml.indexOf(marker);
        if (cut < 0) {
            throw new IllegalArgumentException("marker absent: " + marker);
        }
        return out -> {
            out.write(xml.substring(0, cut).getBytes(StandardCharsets.UTF_8));
            inserted.write(out);
            out.write(xml.substring(cut).getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Distinct element names, {@code <n0/>} on, in groups of a thousand: no element has more children than the parser takes. */
    public static Body distinctNames(int thousands) {
        return out -> {
            for (int group = 0; group < thousands; group++) {
                StringBuilder names = new StringBuilder("<g>");
                for (int i = 0; i < 1000; i++) {
                    names.append("<n").append(group * 1000 + i).append("/>");
                }
                out.write(names.append("</g>").toString().getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** A batch of the one invoice (a whole document), its header first given {@code children} distinct children. */
    public static Body batchWithHeaderChildren(String invoice, int children) {
        return out -> {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n<Header>"
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < children; i++) {
                out.write(("<h" + i + ">" + i + "</h" + i + ">").getBytes(StandardCharsets.UTF_8));
            }
            out.write(("<InvoiceCount>1</InvoiceCount></Header>\n" + invoice.substring(invoice.indexOf('\n') + 1) + "</Batch>\n")
                    .getBytes(StandardCharsets.UTF_8));
        };
    }

    // ================================================================ tar

    /** A tar.gz whose one file, {@code invoice}, comes after a GNU long name of {@code nameBytes} letters. */
    public static Path tarGzWithLongName(Path file, long nameBytes, byte[] invoice) throws IOException {
        return gzip(file, out -> {
            tarHeader(out, "././@LongLink", TarConstants.LF_GNUTYPE_LONGNAME, nameBytes + 1);
            letters(out, nameBytes);
            out.write(0);
            pad(out, nameBytes + 1);
            tarFile(out, "facture.xml", invoice);
            tarEnd(out);
        });
    }

    /** A tar.gz whose one file, {@code invoice}, comes after a PAX header naming it with {@code nameBytes} letters. */
    public static Path tarGzWithPaxHeader(Path file, long nameBytes, byte[] invoice) throws IOException {
        return gzip(file, out -> {
            long length = paxRecordLength("path", nameBytes);
            tarHeader(out, "./PaxHeaders/facture.xml", TarConstants.LF_PAX_EXTENDED_HEADER_LC, length);
            out.write((length + " path=").getBytes(StandardCharsets.US_ASCII));
            letters(out, nameBytes);
            out.write('\n');
            pad(out, length);
            tarFile(out, "facture.xml", invoice);
            tarEnd(out);
        });
    }

    /** The length of a PAX record {@code "<length> <key>=<value>\n"}, which counts its own digits. */
    public static long paxRecordLength(String key, long valueBytes) {
        long rest = 1 + key.length() + 1 + valueBytes + 1;
        long length = rest;
        while (length != rest + Long.toString(length).length()) {
            length = rest + Long.toString(length).length();
        }
        return length;
    }

    /** A tar header block of any type and size, as Commons Compress writes it. */
    public static void tarHeader(OutputStream out, String name, byte type, long size) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setSize(size);
        byte[] header = new byte[TAR_BLOCK];
        entry.writeEntryHeader(header);
        out.write(header);
    }

    /** A plain file entry. */
    public static void tarFile(OutputStream out, String name, byte[] content) throws IOException {
        tarHeader(out, name, TarConstants.LF_NORMAL, content.length);
        out.write(content);
        pad(out, content.length);
    }

    /** Zeros up to the end of the block after {@code size} bytes of data. */
    public static void pad(OutputStream out, long size) throws IOException {
        int rest = (int) (size % TAR_BLOCK);
        if (rest != 0) {
            out.write(new byte[TAR_BLOCK - rest]);
        }
    }

    /** The end of a tar: two zero blocks. */
    public static void tarEnd(OutputStream out) throws IOException {
        out.write(new byte[2 * TAR_BLOCK]);
    }

    // ================================================================ zip

    /**
     * A zip whose central directory lists {@code entries} times the one empty file it stores, each record
     * with a name, an extra field and a comment of the given lengths, while its end record claims one entry
     * (and the directory's true size: Commons Compress finds where it starts from it): only the records
     * themselves tell how many there are.
     */
    public static Path zipWithDirectory(Path file, int entries, int nameBytes, int extraBytes, int commentBytes) throws IOException {
        byte[] name = new byte[nameBytes];
        Arrays.fill(name, (byte) 'a');
        System.arraycopy("f.xml".getBytes(StandardCharsets.US_ASCII), 0, name, Math.max(0, nameBytes - 5), Math.min(5, nameBytes));
        byte[] extra = new byte[extraBytes];
        if (extraBytes >= 4) {
            ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x7777).putShort((short) (extraBytes - 4));
        }
        byte[] comment = new byte[commentBytes];
        Arrays.fill(comment, (byte) 'c');
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer local = little(30 + nameBytes).putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 0)
                    .putInt(0).putInt(0).putInt(0).putInt(0).putShort((short) nameBytes).putShort((short) 0).put(name);
            out.write(local.array());
            long directoryStart = local.capacity();
            for (int i = 0; i < entries; i++) {
                ByteBuffer record = little(46).putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0)
                        .putShort((short) 0).putInt(0).putInt(0).putInt(0).putInt(0).putShort((short) nameBytes)
                        .putShort((short) extraBytes).putShort((short) commentBytes).putShort((short) 0).putShort((short) 0)
                        .putInt(0).putInt(0);
                out.write(record.array());
                out.write(name);
                out.write(extra);
                out.write(comment);
            }
            ByteBuffer end = little(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1)
                    .putShort((short) 1).putInt((int) ((long) entries * (46 + nameBytes + extraBytes + commentBytes)))
                    .putInt((int) directoryStart).putShort((short) 0);
            out.write(end.array());
        }
        return file;
    }

    private static ByteBuffer little(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }
}
