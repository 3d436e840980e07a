package org.chorusedi.far37;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.chorusedi.far37.SubscriptionStore.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is published at start-up for the fires missed while the engine was down. */
class CatchUpTest {

    // Tuesday 2026-03-03, 09:00 in Paris. The DELTA fired today at 02:00 Paris (01:00 UTC), the FULL on
    // Sunday 2026-03-01 at 02:00 Paris.
    private static final Instant NOW = Instant.parse("2026-03-03T08:00:00Z");

    @TempDir
    Path root;

    private CatchUp catchUp(Far37Fixture fixture, Subscriber subscriber, Instant now) {
        Far37Settings settings = new Far37Settings(root, List.of(subscriber));
        return new CatchUp(settings, fixture.subscriptions(), fixture.publisher(subscriber), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aFireIsMissedWhenItCameAfterTheExtractThatWouldHaveServedIt() {
        try (Far37Fixture fixture = new Far37Fixture(root)) {
            Subscriber subscriber = fixture.subscriber("AAA001");
            CatchUp catchUp = catchUp(fixture, subscriber, NOW);

            assertTrue(catchUp.missed(subscriber, ExtractType.DELTA, Optional.of(Instant.parse("2026-03-02T01:00:00Z"))),
                    "yesterday's DELTA, then today's fire at 01:00 UTC came and went");
            assertFalse(catchUp.missed(subscriber, ExtractType.DELTA, Optional.of(Instant.parse("2026-03-03T01:00:05Z"))),
                    "today's DELTA was published");
            assertTrue(catchUp.missed(subscriber, ExtractType.FULL, Optional.of(Instant.parse("2026-02-22T01:00:03Z"))));
            assertFalse(catchUp.missed(subscriber, ExtractType.FULL, Optional.of(Instant.parse("2026-03-01T01:00:03Z"))));
            assertTrue(catchUp.missed(subscriber, ExtractType.FULL, Optional.empty()), "never published: its first FULL");
            Subscriber fullOnly = new Subscriber("AAA001", subscriber.folder(), subscriber.fullCron(), null,
                    ZoneId.of("Europe/Paris"), false, 10);
            assertFalse(catchUp.missed(fullOnly, ExtractType.DELTA, Optional.empty()), "no DELTA schedule");
        }
    }

    @Test
    void startUpPublishesOneFullForANewSubscriberAndNoDeltaAfterIt() throws Exception {
        try (Far37Fixture fixture = new Far37Fixture(root)) {
            fixture.importCsv("directory.csv", Far37Fixture.DIRECTORY_CSV);
            Subscriber subscriber = fixture.subscriber("AAA001");

            catchUp(fixture, subscriber, Instant.now()).run();

            Subscription state = fixture.subscriptions().find("AAA001").orElseThrow();
            assertEquals(1, state.lastSequence());
            assertEquals(state.lastFull(), state.lastPublished());

            catchUp(fixture, subscriber, Instant.now()).run();
            assertEquals(1, fixture.subscriptions().find("AAA001").orElseThrow().lastSequence(), "nothing missed since");
        }
    }
}
