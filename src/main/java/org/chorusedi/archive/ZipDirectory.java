package org.chorusedi.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A zip's central directory, measured before Commons Compress reads it whole into memory (one object
 * per entry, whatever the number): the count and size its end record claims, then the records it
 * really holds, one by one. Found the way Commons Compress 1.28 finds it (the last end record within
 * 64 KB of the end, its zip64 form when a locator stands before it, a preamble allowed for), so that
 * both read the same directory. Anything else wrong is left for Commons Compress to tell.
 */
final class ZipDirectory {

    private static final int END_RECORD = 22;
    private static final int MAX_COMMENT = 0xffff;
    private static final int ZIP64_LOCATOR = 20;
    private static final int ZIP64_END_RECORD = 56;
    private static final int FILE_HEADER = 46;
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int FILE_HEADER_SIGNATURE = 0x02014b50;

    private final FileChannel channel;
    private final ArchiveLimits limits;

    private ZipDirectory(FileChannel channel, ArchiveLimits limits) {
        this.channel = channel;
        this.limits = limits;
    }

    /** @throws UnsafeArchive when the directory has, or claims, too many entries or bytes */
    static void check(Path file, ArchiveLimits limits) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            new ZipDirectory(channel, limits).check();
        }
    }

    private void check() throws IOException {
        long end = endRecord();
        if (end < 0) {
            return;
        }
        long entries;
        long size;
        long start;
        ByteBuffer locator = read(end - ZIP64_LOCATOR, 16);
        if (end > ZIP64_LOCATOR && locator.remaining() == 16 && locator.getInt(0) == ZIP64_LOCATOR_SIGNATURE) {
            ByteBuffer record = read(locator.getLong(8), ZIP64_END_RECORD);
            if (record.remaining() < ZIP64_END_RECORD || record.getInt(0) != ZIP64_END_SIGNATURE) {
                return;
            }
            entries = record.getLong(32);
            size = record.getLong(40);
            start = record.getLong(48);
        } else {
            ByteBuffer record = read(end, END_RECORD);
            entries = Short.toUnsignedInt(record.getShort(10));
            size = Integer.toUnsignedLong(record.getInt(12));
            long offset = Integer.toUnsignedLong(record.getInt(16));
            start = offset + Math.max(end - size - offset, 0);
        }
        if (entries < 0 || entries > limits.maxEntries()) {
            throw limits.overEntries("the central directory claims " + Long.toUnsignedString(entries) + " entries");
        }
        if (size < 0 || size > limits.maxHeaderBytes()) {
            throw limits.overHeaderBytes("the central directory claims " + Long.toUnsignedString(size) + " bytes");
        }
        walk(start);
    }

    /** Counts the records the directory really holds: its end record may understate them. */
    private void walk(long start) throws IOException {
        long at = start;
        long bytes = 0;
        for (int entries = 1; ; entries++) {
            ByteBuffer header = read(at, FILE_HEADER);
            if (header.remaining() < FILE_HEADER || header.getInt(0) != FILE_HEADER_SIGNATURE) {
                return;
            }
            if (entries > limits.maxEntries()) {
                throw limits.overEntries("the central directory lists entry " + entries);
            }
            long length = FILE_HEADER + Short.toUnsignedInt(header.getShort(28)) + Short.toUnsignedInt(header.getShort(30))
                    + Short.toUnsignedInt(header.getShort(32));
            bytes += length;
            if (bytes > limits.maxHeaderBytes()) {
                throw limits.overHeaderBytes("the central directory reaches " + bytes + " bytes at entry " + entries);
            }
            at += length;
        }
    }

    /** Where the last end record starts, searching back from the end over a comment's length; -1 if none. */
    private long endRecord() throws IOException {
        long fileSize = channel.size();
        long from = Math.max(0, fileSize - END_RECORD - MAX_COMMENT);
        ByteBuffer tail = read(from, (int) (fileSize - from));
        for (int at = tail.remaining() - END_RECORD; at >= 0; at--) {
            if (tail.getInt(at) == END_SIGNATURE) {
                return from + at;
            }
        }
        return -1;
    }

    /** Up to {@code length} bytes from {@code position}, little-endian; fewer at the end of the file. */
    private ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        if (position < 0) {
            return buffer.flip();
        }
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
            // until full or at the end
        }
        return buffer.flip();
    }
}
