package org.chorusedi.flow;

import java.util.Locale;
import java.util.Set;
import org.chorusedi.validation.Quoted;

/** Chorus Pro's rules for attachments (brief 6.1): names, extensions, sizes; for invoices and their completions. */
public final class AttachmentRules {

    public static final int MAX_NAME_LENGTH = 50;
    public static final long MAX_ATTACHMENT_BYTES = 10L * 1000 * 1000;
    public static final long MAX_INVOICE_WITH_ATTACHMENTS_BYTES = 120L * 1000 * 1000;

    private static final Set<String> EXTENSIONS = Set.of(
            "bmp", "gif", "fax", "odt", "ppt", "tiff", "xls", "bz2", "gz", "jpeg", "p7s", "rtf", "txt", "xml", "csv",
            "gzip", "jpg", "pdf", "svg", "xhtml", "xlsx", "doc", "htm", "odp", "png", "tgz", "xlc", "zip", "docx",
            "html", "ods", "pps", "tif", "xlm", "pptx");

    private AttachmentRules() {
    }

    /** Whether XML 1.0 carries this character, control characters (tab, line feeds) aside. */
    public static boolean xmlCharacter(int c) {
        return c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }

    /** Why this name is refused, or null when it is fine. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "no file name";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "name '" + Quoted.capped(name) + "' has " + name.length() + " characters, at most " + MAX_NAME_LENGTH;
        }
        if (name.codePoints().anyMatch(c -> !xmlCharacter(c) || c == 0x7F)) {
            return "name '" + Quoted.capped(name) + "' holds a control character or one XML cannot carry";
        }
        if (name.contains("/") || name.contains("\\") || name.equals("..")) {
            return "name '" + name + "' is a path, not a file name";
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return "name '" + name + "' has no extension";
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!EXTENSIONS.contains(extension)) {
            return "extension '." + extension + "' of '" + name + "' is not allowed";
        }
        return null;
    }
}
