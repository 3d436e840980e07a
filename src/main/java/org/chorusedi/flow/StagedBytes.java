package org.chorusedi.flow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One invoice's bytes on their way to its staged file. Small invoices (most of them) are kept in
 * memory and written in one go; past {@link #IN_MEMORY} they go to the file as they come.
 */
final class StagedBytes implements AutoCloseable {

    private static final int IN_MEMORY = 1 << 20;

    private final Path file;
    private final StagingWriter writer;
    private byte[] buffer = new byte[16 * 1024];
    private int buffered;
    private FileChannel channel;

    StagedBytes(Path file, StagingWriter writer) {
        this.file = file;
        this.writer = writer;
    }

    Path file() {
        return file;
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (channel == null && buffered + length <= IN_MEMORY) {
            if (buffered + length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(IN_MEMORY, Math.max(buffer.length * 2, buffered + length)));
            }
            System.arraycopy(bytes, offset, buffer, buffered, length);
            buffered += length;
            return;
        }
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.write(ByteBuffer.wrap(buffer, 0, buffered));
            buffer = null;
        }
        channel.write(ByteBuffer.wrap(bytes, offset, length));
    }

    long size() throws IOException {
        return channel == null ? buffered : channel.size();
    }

    /** Drops what was written past {@code size} bytes. */
    void truncate(long size) throws IOException {
        if (channel == null) {
            buffered = (int) Math.min(buffered, size);
        } else {
            channel.truncate(size);
        }
    }

    /** Writes out what is held in memory (on the staging writer's thread) and closes the file. */
    @Override
    public void close() throws IOException {
        if (channel == null) {
            if (buffer != null) {
                writer.write(file, buffer, buffered);
                buffer = null;
            }
        } else {
            channel.close();
        }
    }

    /** Forgets everything: nothing is written. */
    void discard() throws IOException {
        buffer = null;
        if (channel != null) {
            channel.close();
        }
    }
}
