package org.chorusedi.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's files under {@code forcecount:}, each forcing of a database file counted: whether the ledger was forced to
 * disk where it must be (H2 forces its file only when asked). Registered once, by {@link #url}.
 */
public final class H2ForceCounting extends FilePathWrapper {
    private static final String SCHEME = "forcecount";
    private static final AtomicInteger FORCED = new AtomicInteger();
    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    /** An H2 database in {@code folder} whose forcings are counted. */
    public static String url(Path folder) {
        if (REGISTERED.compareAndSet(false, true)) {
            FilePath.register(new H2ForceCounting());
        }
        return "jdbc:h2:" + SCHEME + ":" + folder.toAbsolutePath().resolve("ledger") + ";WRITE_DELAY=0";
    }

    /** How many times a database file was forced so far, in this JVM. */
    public static int forced() {
        return FORCED.get();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel file = super.open(mode);
        boolean database = name.endsWith(".mv.db");
        return new FileBase() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return file.read(dst);
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return file.read(dst, position);
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                return file.write(src);
            }

            @Override
            public int write(ByteBuffer src, long position) throws IOException {
                return file.write(src, position);
            }

            @Override
            public long position() throws IOException {
                return file.position();
            }

            @Override
            public FileChannel position(long newPosition) throws IOException {
                file.position(newPosition);
                return this;
            }

            @Override
            public long size() throws IOException {
                return file.size();
            }

            @Override
            public FileChannel truncate(long size) throws IOException {
                file.truncate(size);
                return this;
            }

            @Override
            public void force(boolean metaData) throws IOException {
                if (database) {
                    FORCED.incrementAndGet();
                }
                file.force(metaData);
            }

            @Override
            public FileLock tryLock(long position, long size, boolean shared) throws IOException {
                return file.tryLock(position, size, shared);
            }

            @Override
            protected void implCloseChannel() throws IOException {
                file.close();
            }
        };
    }
}
