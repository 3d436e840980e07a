package org.chorusedi.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Archives made in memory for tests: entries by name, in the order of the map. */
public final class Archives {

    private Archives() {
    }

    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                // preserveAbsolutePath: write the name exactly as given, leading '/' included
                TarArchiveEntry tar = new TarArchiveEntry(entry.getKey(), true);
                tar.setSize(entry.getValue().length);
                out.putArchiveEntry(tar);
                out.write(entry.getValue());
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A zip whose one entry, {@code name}, is a symbolic link to {@code target}. */
    public static byte[] zipWithSymlink(String name, String target) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry link = new ZipArchiveEntry(name);
            link.setUnixMode(UnixStat.LINK_FLAG | 0777);
            out.putArchiveEntry(link);
            out.write(target.getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
