package org.chorusedi.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.chorusedi.text.Digits;

/** The folder layout under the engine's root: the product's contract with operators (docs/operators/folders.md). */
public record Folders(Path root) {

    /** An EDI partner code: 3 to 8 letters and digits, such as AAA001. */
    public static final Pattern PARTNER_CODE = Pattern.compile("[A-Za-z0-9]{3,8}");

    /** The outbox folder of invoices without a service code: '@' never appears in an encoded code. */
    public static final String NO_SERVICE_CODE = "@none";

    public Folders {
        root = root.toAbsolutePath().normalize();
    }

    public Path in() {
        return root.resolve("in");
    }

    public Path out() {
        return root.resolve("out");
    }

    public Path ack() {
        return root.resolve("ack");
    }

    public Path archive() {
        return root.resolve("archive");
    }

    public Path rejected() {
        return root.resolve("rejected");
    }

    /** Flows parked after failing for a reason other than their content, each beside its report. */
    public Path failed() {
        return root.resolve("failed");
    }

    public Path directory() {
        return root.resolve("directory");
    }

    /** Where a flow's outputs are staged before they are published together. */
    public Path work() {
        return root.resolve("work");
    }

    /** PDF drafts deposited over the API, waiting for their submission: {@code drafts/<partner>/<draft id>/}. */
    public Path drafts() {
        return root.resolve("drafts");
    }

    /** DUMEs kept for the operators' page, {@code dume/<8-character identifier>.xml}; made by the operator who keeps them. */
    public Path dume() {
        return root.resolve("dume");
    }

    public Path database() {
        return root.resolve("db");
    }

    /** Where the running engine answers {@code validate --root} (flowcheck.CheckSocket): a Unix domain socket. */
    public Path validateSocket() {
        return root.resolve("validate.sock");
    }

    public Path outbox(String recipientSiret, String serviceCode) {
        return out().resolve(recipientSiret).resolve(serviceCode == null ? NO_SERVICE_CODE : folderName(serviceCode));
    }

    /**
     * Where an attachment added to a delivered invoice (a completion) is published: beside the invoice, named
     * {@code <invoice id>.pj<event>-<n>-<name>}, the event being the completion's place in the invoice's
     * history, n the attachment's place in it, the name written as a service code's folder is (its SHA-256
     * and its extension when that would make the file name longer than 255 bytes).
     */
    public static String addedAttachmentName(String invoiceId, int event, int n, String name) {
        String prefix = invoiceId + ".pj" + event + "-" + n + "-";
        String encoded = folderName(name);
        if (prefix.length() + encoded.length() <= MAX_NAME_BYTES) {
            return prefix + encoded;
        }
        // A name of many non-ASCII characters encodes long: its digest then, with its extension (at most 10 bytes).
        int dot = encoded.lastIndexOf('.');
        String extension = dot < 0 ? "" : encoded.substring(dot);
        return prefix + sha256(name) + (extension.length() <= 10 ? extension : "");
    }

    public Path ack(String partner) {
        return ack().resolve(partner);
    }

    public Path archive(String partner, LocalDate day) {
        return archive().resolve(partner).resolve(Digits.padded(day.getYear(), 4))
                .resolve(Digits.padded(day.getMonthValue(), 2)).resolve(Digits.padded(day.getDayOfMonth(), 2));
    }

    public Path rejected(String partner) {
        return rejected().resolve(partner);
    }

    public Path failed(String partner) {
        return failed().resolve(partner);
    }

    /** The longest file name the file systems we run on take, in bytes. */
    public static final int MAX_NAME_BYTES = 255;
    /** Room kept after a parked flow's name for its report's suffix. */
    public static final String REPORT_SUFFIX = ".report.txt";

    /**
     * The name a flow's original is kept under in archive/, rejected/ or failed/: its flow id, two
     * underscores, and the sender's name, shortened in the middle (its end, with the extension, kept) when
     * the whole, with a report's suffix after it, would not fit in a file name. The acknowledgement always
     * quotes the full name.
     */
    public static String keptName(String flowId, String fileName) {
        int maxBytes = MAX_NAME_BYTES - REPORT_SUFFIX.length();
        String prefix = flowId + "__";
        String name = prefix + fileName;
        if (name.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return name;
        }
        int tail = Math.min(40, fileName.length());
        String end = fileName.substring(fileName.length() - tail);
        String start = fileName.substring(0, fileName.length() - tail);
        while (!start.isEmpty() && (prefix + start + "~" + end).getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            start = start.substring(0, start.length() - 1);
        }
        if (!start.isEmpty() && Character.isHighSurrogate(start.charAt(start.length() - 1))) {
            start = start.substring(0, start.length() - 1);
        }
        return prefix + start + "~" + end;
    }

    /** The folders of the layout: each may be a link an operator made (to another disk); none below them may. */
    public Path[] topFolders() {
        return new Path[] {in(), out(), ack(), archive(), rejected(), failed(), directory(), work(), database()};
    }

    /**
     * The folders of the layout as the routes name them, {@code chorus.folder.in} and so on by folder name: handed to
     * the routes with the configuration (Configuration.properties), so that the layout is spelt here alone
     * (docs/route-authors/routes-of-your-own.md).
     */
    public Map<String, String> placeholders() {
        Map<String, String> placeholders = new TreeMap<>();
        for (Path folder : topFolders()) {
            placeholders.put("chorus.folder." + folder.getFileName(), folder.toString());
        }
        return placeholders;
    }

    /** Creates every folder of the layout that is missing. */
    public Folders create() {
        try {
            for (Path p : topFolders()) {
                Files.createDirectories(p);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folders under " + root, e);
        }
    }

    /**
     * Makes {@code folder} and the folders between it and the top folder of the layout it is under,
     * refusing any of them that is a link or not a folder: a partner or a recipient who can write into
     * its own folder must not be able to make the engine write elsewhere. The top folder itself may be
     * a link an operator made.
     *
     * @throws IOException naming the folder that is a link or not a folder
     */
    public Path createFolder(Path folder) throws IOException {
        Path normal = folder.toAbsolutePath().normalize();
        Path top = null;
        for (Path candidate : topFolders()) {
            if (normal.startsWith(candidate) && !normal.equals(candidate)) {
                top = candidate;
            }
        }
        if (top == null) {
            throw new IllegalArgumentException(folder + " is not under a folder of the root's layout");
        }
        Path current = top;
        for (Path part : top.relativize(normal)) {
            current = current.resolve(part);
            try {
                Files.createDirectory(current);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(current + (Files.isSymbolicLink(current) ? " is a symbolic link" : " is not a folder")
                            + ": the engine writes into no link and no file there");
                }
            }
        }
        return normal;
    }

    /** A folder name made from outside text is cut to this many bytes, and completed with a digest. */
    private static final int MAX_FOLDER_NAME_BYTES = MAX_NAME_BYTES;
    private static final int KEPT_ENCODED_BYTES = 180;

    /**
     * A service code as a folder name: letters, digits, '.', '_' and '-' kept, every other byte of
     * its UTF-8 form written %XX, so that any code maps to one safe name and back. A name that would be
     * longer than a file name may be is cut to its first 180 bytes (at a whole %XX) and completed with
     * '~' and the SHA-256 of the code: still one name per code ('~' is never kept by the encoding).
     */
    static String folderName(String serviceCode) {
        StringBuilder name = new StringBuilder();
        for (byte b : serviceCode.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || (c == '.' && !serviceCode.chars().allMatch(x -> x == '.'));
            name.append(safe ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        if (name.length() <= MAX_FOLDER_NAME_BYTES) {
            return name.toString();
        }
        int cut = KEPT_ENCODED_BYTES;
        while (cut > 0 && (name.charAt(cut - 1) == '%' || (cut > 1 && name.charAt(cut - 2) == '%'))) {
            cut--;
        }
        return name.substring(0, cut) + "~" + sha256(serviceCode);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
