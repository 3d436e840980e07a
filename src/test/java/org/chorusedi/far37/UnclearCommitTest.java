package org.chorusedi.far37;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.chorusedi.far37.CommitFailures.Failure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A commit of the subscription row reported as failed: the extract renamed into place is taken
 * back only when the database shows it was not recorded, so that no extract is lost and a
 * subscriber's sequence has no gap.
 */
class UnclearCommitTest extends Far37TestSupport {

    private Subscriber subscriber;
    private CommitFailures commits;
    private Far37Publisher publisher;

    @BeforeEach
    void open() throws IOException {
        fixture.importCsv("directory.csv", Far37Fixture.DIRECTORY_CSV);
        subscriber = fixture.subscriber("AAA001");
        commits = new CommitFailures(fixture.database.dataSource());
        publisher = new Far37Publisher(new Far37Settings(root, List.of(subscriber)), fixture.store,
                new SubscriptionStore(commits.dataSource()), "CPP001");
        assertTrue(publisher.publish(subscriber, ExtractType.FULL).published());
    }

    @Test
    void aCommitAppliedButReportedFailedKeepsItsExtractAndTheSequenceGoesOn() throws Exception {
        commits.failNextCommit(Failure.APPLIED_THEN_REPORTED_FAILED);

        PublicationResult unclear = publisher.publish(subscriber, ExtractType.DELTA);

        assertTrue(unclear.published(), "the database was asked: it holds extract 2 (" + unclear.failure() + ")");
        assertTrue(Files.isRegularFile(unclear.file()), "the recorded extract stays");
        assertEquals(2, fixture.subscriptions().find("AAA001").orElseThrow().lastSequence());

        PublicationResult next = publisher.publish(subscriber, ExtractType.DELTA);
        assertEquals(3, next.sequence());
        assertEquals(List.of(1L, 2L, 3L), sequences(), "no gap, nothing lost");
    }

    @Test
    void aCommitThatReallyFailedTakesItsExtractBackAndTheNumberIsUsedAgain() throws Exception {
        commits.failNextCommit(Failure.NOT_APPLIED);

        PublicationResult failed = publisher.publish(subscriber, ExtractType.DELTA);

        assertFalse(failed.published());
        assertEquals(List.of(1L), sequences(), "the extract not recorded is taken back");
        assertEquals(1, fixture.subscriptions().find("AAA001").orElseThrow().lastSequence());
        assertEquals(2, publisher.publish(subscriber, ExtractType.DELTA).sequence());
        assertEquals(List.of(1L, 2L), sequences());
    }

    @Test
    void whenTheDatabaseCannotBeAskedTheExtractIsLeftInPlaceAndTheNextOneFollowsIt() throws Exception {
        commits.failNextCommit(Failure.APPLIED_THEN_DATABASE_UNREACHABLE);

        PublicationResult unclear = publisher.publish(subscriber, ExtractType.DELTA);

        assertFalse(unclear.published());
        assertTrue(unclear.failure().contains("cannot be read"), unclear.failure());
        assertEquals(List.of(1L, 2L), sequences(), "the extract that may be recorded stays");

        commits.reconnect();
        assertEquals(3, publisher.publish(subscriber, ExtractType.DELTA).sequence());
        assertEquals(List.of(1L, 2L, 3L), sequences());
    }

    /** The sequence numbers of the extracts in the subscriber's folder, each with its checksum. */
    private List<Long> sequences() throws IOException {
        try (Stream<Path> files = Files.list(subscriber.folder())) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            List<String> extracts = names.stream().filter(name -> name.endsWith(".xml")).toList();
            for (String extract : extracts) {
                assertTrue(names.contains(extract + ".sha256"), names.toString());
            }
            assertEquals(2 * extracts.size(), names.size(), names.toString());
            return extracts.stream().map(name -> Long.parseLong(name.replaceFirst(".*_(\\d+)\\.xml$", "$1"))).sorted()
                    .toList();
        }
    }
}
