package org.chorusedi.intake;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.chorusedi.config.Folders;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the intake poll only drop directories named by a valid partner code; a file in any other folder
 * stays where it is, pending, and the folder is reported in the log (once). In a partner's folder, before
 * its files are listed, what Camel could never take is put right, and the log says so:
 * <ul>
 * <li>a name that is not valid UTF-8 is renamed, each byte that is not part of a character written
 *     {@code %XX} (Java could not even open it by its name);</li>
 * <li>a backslash in a name becomes '_' (Camel reads it as a folder separator);</li>
 * <li>a link to a folder (Camel sees a folder, and never hands it over) is refused at once, as every link
 *     is (F10);</li>
 * <li>a real folder is left alone, with its files: the log says so once.</li>
 * </ul>
 * A rename never replaces a file: when the new name is taken, a number is added to it.
 */
public final class PartnerFolderFilter implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerFolderFilter.class);

    private final Consumer<Path> refuseLink;
    /** Whether this engine takes a partner's file: every file for a single engine, its share for a node of a cluster. */
    private final BiPredicate<String, String> takes;
    /** What was reported once, so that a poll every second does not repeat it. */
    private final Set<Path> reported = ConcurrentHashMap.newKeySet();

    /**
     * @param refuseLink the intake, which refuses a link to a folder as it refuses any link
     * @param takes      whether this engine takes a file (partner code, file name): a node of a cluster its share
     *                   ({@code cluster.DropShares}), a single engine every file
     */
    public PartnerFolderFilter(Consumer<Path> refuseLink, BiPredicate<String, String> takes) {
        this.refuseLink = refuseLink;
        this.takes = takes;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        if (!file.isDirectory()) {
            // A file of another node's share is left to it: not even looked at by this node's read lock.
            return takes.test(Path.of(file.getAbsoluteFilePath()).getParent().getFileName().toString(), file.getFileNameOnly());
        }
        Path folder = Path.of(file.getAbsoluteFilePath());
        boolean partner = Folders.PARTNER_CODE.matcher(file.getFileNameOnly()).matches();
        if (!partner) {
            if (reported.add(folder)) {
                LOG.warn("ignoring drop folder {}: not a partner code (3 to 8 letters and digits)", Printable.of(folder.toString()));
            }
        } else {
            tidy(folder);
        }
        return partner;
    }

    private void tidy(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!Path.of(entry.toString()).equals(entry)) {
                    rename(entry, validName(entry), "its name is not valid UTF-8");
                } else if (name.contains("\\")) {
                    rename(entry, name.replace('\\', '_'), "a backslash cannot stand in a dropped file's name");
                } else if (Files.isDirectory(entry)) {
                    if (Files.isSymbolicLink(entry)) {
                        refuseLink.accept(entry);
                    } else if (reported.add(entry)) {
                        LOG.warn("{} is a folder: a drop directory's folders are not taken, and their files wait there",
                                Printable.of(entry.toString()));
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot look at the names in {}: {}", Printable.of(folder.toString()), Printable.of(e.toString()));
        }
    }

    /** Renames without ever replacing a file (a hard link fails when the name is taken). */
    private static void rename(Path entry, String newName, String why) {
        String base = newName;
        for (int n = 2; n < 100; n++) {
            Path target = entry.resolveSibling(newName);
            try {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                Files.createLink(target, entry);
                Files.delete(entry);
                LOG.warn("renamed '{}' to '{}' in {}: {}", Printable.of(entry.getFileName().toString()), Printable.of(newName),
                        Printable.of(entry.getParent().toString()), why);
                return;
            } catch (FileAlreadyExistsException e) {
                newName = base + "~" + n;
            } catch (IOException e) {
                LOG.warn("cannot rename '{}' in {} ({}): {}", Printable.of(entry.getFileName().toString()),
                        Printable.of(entry.getParent().toString()), why, Printable.of(e.toString()));
                return;
            }
        }
    }

    /**
     * The name's bytes (told by its URI, the one place Java keeps them) as text: each character of valid
     * UTF-8 kept, each other byte written {@code %XX}.
     */
    static String validName(Path entry) {
        String raw = entry.toUri().getRawPath();
        raw = raw.substring(raw.lastIndexOf('/') + 1);
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.put((byte) Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder name = new StringBuilder();
        CharBuffer chars = CharBuffer.allocate(raw.length());
        while (bytes.hasRemaining()) {
            CoderResult result = decoder.decode(bytes, chars, true);
            chars.flip();
            name.append(chars);
            chars.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    name.append(String.format("%%%02X", bytes.get() & 0xff));
                }
            }
        }
        return name.toString();
    }
}
