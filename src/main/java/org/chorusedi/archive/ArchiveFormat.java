package org.chorusedi.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Tells an archive by its first bytes, never by its name. */
public final class ArchiveFormat {

    /** A tar's first header, where its magic stands. */
    public static final int TAR_HEADER = 512;

    private ArchiveFormat() {
    }

    public static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    public static boolean isZip(byte[] head) {
        return head.length >= 4 && Arrays.equals(Arrays.copyOf(head, 4), new byte[] {'P', 'K', 3, 4});
    }

    /** A PDF (a Factur-X flow): PDF/A puts its header at the very start. */
    public static boolean isPdf(byte[] head) {
        return head.length >= 5 && "%PDF-".equals(new String(head, 0, 5, StandardCharsets.US_ASCII));
    }

    /** A POSIX (ustar) or GNU tar: its first header says "ustar" at offset 257. */
    public static boolean isTar(byte[] head) {
        return head.length == TAR_HEADER && "ustar".equals(new String(head, 257, 5, StandardCharsets.US_ASCII));
    }

    /** The first bytes of a stream that supports mark and reset, left unread. */
    public static byte[] peek(InputStream in, int count) throws IOException {
        in.mark(count);
        byte[] head = in.readNBytes(count);
        in.reset();
        return head;
    }
}
