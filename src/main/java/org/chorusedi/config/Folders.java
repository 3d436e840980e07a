package org.chorusedi.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;

/** The folder layout under the engine's root: the product's contract with operators (README). */
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

    public Path directory() {
        return root.resolve("directory");
    }

    /** Where a flow's outputs are staged before they are published together. */
    public Path work() {
        return root.resolve("work");
    }

    public Path database() {
        return root.resolve("db");
    }

    public Path outbox(String recipientSiret, String serviceCode) {
        return out().resolve(recipientSiret).resolve(serviceCode == null ? NO_SERVICE_CODE : folderName(serviceCode));
    }

    public Path ack(String partner) {
        return ack().resolve(partner);
    }

    public Path archive(String partner, LocalDate day) {
        return archive().resolve(partner).resolve(String.format("%04d", day.getYear()))
                .resolve(String.format("%02d", day.getMonthValue())).resolve(String.format("%02d", day.getDayOfMonth()));
    }

    public Path rejected(String partner) {
        return rejected().resolve(partner);
    }

    /** The longest file name the file systems we run on take, in bytes. */
    private static final int MAX_NAME_BYTES = 255;

    /**
     * The name a flow's original is kept under in archive/ or rejected/: its flow id, two underscores,
     * and the sender's name, shortened in the middle (its end, with the extension, kept) when the whole
     * would not fit in a file name. The acknowledgement always quotes the full name.
     */
    public static String keptName(String flowId, String fileName) {
        String prefix = flowId + "__";
        String name = prefix + fileName;
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return name;
        }
        int tail = Math.min(40, fileName.length());
        String end = fileName.substring(fileName.length() - tail);
        String start = fileName.substring(0, fileName.length() - tail);
        while (!start.isEmpty() && (prefix + start + "~" + end).getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            start = start.substring(0, start.length() - 1);
        }
        if (!start.isEmpty() && Character.isHighSurrogate(start.charAt(start.length() - 1))) {
            start = start.substring(0, start.length() - 1);
        }
        return prefix + start + "~" + end;
    }

    /** Creates every folder of the layout that is missing. */
    public Folders create() {
        try {
            for (Path p : new Path[] {in(), out(), ack(), archive(), rejected(), directory(), work(), database()}) {
                Files.createDirectories(p);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folders under " + root, e);
        }
    }

    /**
     * A service code as a folder name: letters, digits, '.', '_' and '-' kept, every other byte of
     * its UTF-8 form written %XX, so that any code maps to one safe name and back.
     */
    static String folderName(String serviceCode) {
        StringBuilder name = new StringBuilder();
        for (byte b : serviceCode.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || (c == '.' && !serviceCode.chars().allMatch(x -> x == '.'));
            name.append(safe ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return name.toString();
    }
}
