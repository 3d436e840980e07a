package org.chorusedi.far37;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.chorusedi.directory.DirectoryStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber may write into its own folder: nothing it plants there makes the engine write, or
 * delete, anywhere else, and a name it chose is quoted escaped. Its folder under the root must be a
 * real folder.
 */
class SubscriberLinksTest extends Far37TestSupport {

    private static final Instant SNAPSHOT = Instant.parse("2030-01-02T03:04:05Z");
    private static final String PART = "FAR37_AAA001_FULL_20300102030405_1.xml.part";

    @TempDir
    Path outside;

    private Subscriber subscriber;
    private Path victim;

    @BeforeEach
    void open() throws IOException {
        fixture.importCsv("directory.csv", Far37Fixture.DIRECTORY_CSV);
        subscriber = fixture.subscriber("AAA001");
        victim = Files.writeString(outside.resolve("victim.db"), "the engine's database, say");
    }

    @Test
    void aPartFilePlantedAsALinkIsNotFollowed() throws Exception {
        Files.createDirectories(subscriber.folder());
        // Planted after the leftovers of an earlier publication are removed, as the snapshot is taken.
        Clock planting = new Clock() {
            @Override
            public Instant instant() {
                try {
                    Files.deleteIfExists(subscriber.folder().resolve(PART));
                    Files.createSymbolicLink(subscriber.folder().resolve(PART), victim);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return SNAPSHOT;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        Far37Publisher publisher = new Far37Publisher(new Far37Settings(root, List.of(subscriber)),
                new DirectoryStore(fixture.database.dataSource(), planting), fixture.subscriptions(), "CPP001");

        PublicationResult result = publisher.publish(subscriber, ExtractType.FULL);

        assertEquals("the engine's database, say", Files.readString(victim), "the link's target is unchanged");
        assertTrue(result.published(), result::failure);
        assertTrue(Files.isRegularFile(result.file()) && !Files.isSymbolicLink(result.file()));
        Far37Fixture.assertValid(result.file());
    }

    @Test
    void aLinkNamedLikeAnExtractIsNeitherCountedNorDeletedByRetention() throws Exception {
        Files.createDirectories(subscriber.folder());
        Path planted = Files.createSymbolicLink(subscriber.folder().resolve("FAR37_AAA001_FULL_20200101000000_99.xml"),
                victim);
        Subscriber keepsOne = new Subscriber("AAA001", subscriber.folder(), null, null, subscriber.timeZone(), false, 1);
        Far37Publisher publisher = fixture.publisher(keepsOne);

        PublicationResult first = publisher.publish(keepsOne, ExtractType.FULL);
        PublicationResult second = publisher.publish(keepsOne, ExtractType.DELTA);

        assertEquals(1, first.sequence(), "the link's number is not the subscriber's");
        assertEquals(2, second.sequence());
        assertFalse(Files.exists(first.file()), "retention removed the first extract");
        assertTrue(Files.isSymbolicLink(planted), "and left the link alone");
        assertEquals("the engine's database, say", Files.readString(victim));
    }

    @Test
    void aSubscriberFolderUnderTheRootThatIsALinkIsRefused() throws Exception {
        Files.createDirectories(subscriber.folder().getParent());
        Files.createSymbolicLink(subscriber.folder(), outside);

        PublicationResult result = fixture.publisher(subscriber).publish(subscriber, ExtractType.FULL);

        assertFalse(result.published());
        assertTrue(result.failure().contains("symbolic link"), result.failure());
        assertEquals(List.of("victim.db"), names(outside), "nothing written through the link");
        assertTrue(fixture.subscriptions().find("AAA001").isEmpty());
    }

    @Test
    void soIsOneUnderALinkedFolder() throws Exception {
        Files.createSymbolicLink(root.resolve("far37"), outside);

        PublicationResult result = fixture.publisher(subscriber).publish(subscriber, ExtractType.FULL);

        assertFalse(result.published());
        assertTrue(result.failure().contains("symbolic link"), result.failure());
        assertTrue(names(outside).stream().noneMatch(name -> name.startsWith("FAR37")), names(outside).toString());
    }

    @Test
    void aFolderTheOperatorConfiguredElsewhereMayBeALink(@TempDir Path share) throws Exception {
        Path mounted = Files.createSymbolicLink(outside.resolve("mounted"), share);
        Subscriber remote = new Subscriber("BBB002", mounted, null, null, subscriber.timeZone(), false, 10);

        PublicationResult result = fixture.publisher(remote).publish(remote, ExtractType.FULL);

        assertTrue(result.published(), result::failure);
        assertEquals(2, names(share).size(), "the extract and its checksum, in the folder the link points to");
    }

    @Test
    void aNameTheSubscriberPlantedIsQuotedEscaped() throws Exception {
        Path planted = Files.createDirectories(subscriber.folder().resolve("FAR37_AAA001_\u001b[2J.part"));
        Files.writeString(planted.resolve("inside"), "a folder cannot be deleted while it holds a file");

        PublicationResult result = fixture.publisher(subscriber).publish(subscriber, ExtractType.FULL);

        assertFalse(result.published());
        assertTrue(result.failure().contains("FAR37_AAA001_\\x1B[2J.part"), result.failure());
        assertTrue(result.failure().chars().noneMatch(c -> c == 0x1b), result.failure());
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
