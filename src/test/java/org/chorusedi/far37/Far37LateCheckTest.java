package org.chorusedi.far37;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.chorusedi.health.Far37Check;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness check of a FAR37 subscriber: late once an extract is missing past its fire and the grace. */
class Far37LateCheckTest {

    @TempDir
    Path root;

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now;

        Hands(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void lateOnceTheDeltaIsMissingPastItsFireAndTheGrace() throws Exception {
        try (Far37Fixture fixture = new Far37Fixture(root)) {
            fixture.importCsv("directory.csv", Far37Fixture.DIRECTORY_CSV);
            Subscriber subscriber = fixture.subscriber("AAA001");
            // DELTA every day at 02:00 in Paris: 01:00 UTC in March.
            Hands clock = new Hands(Instant.parse("2026-03-03T08:00:00Z"));
            Far37Check check = new Far37Check(subscriber, fixture.subscriptions(), Duration.ofMinutes(60), clock);
            check.setCamelContext(new DefaultCamelContext());

            assertEquals(HealthCheck.State.UP, check.call().getState(), "no extract yet, and no fire since the start");
            clock.now = Instant.parse("2026-03-04T01:30:00Z");
            assertEquals(HealthCheck.State.UP, check.call().getState(), "within the grace of the fire");
            clock.now = Instant.parse("2026-03-04T02:30:00Z");
            HealthCheck.Result late = check.call();
            assertEquals(HealthCheck.State.DOWN, late.getState());
            assertTrue(late.getMessage().orElse("").contains("DELTA extract due at 2026-03-04T01:00:00Z for AAA001"),
                    late.getMessage().toString());

            // The extract published (now, by the real clock, after the test's): not late any more.
            assertTrue(fixture.publisher(subscriber).publish(subscriber, ExtractType.FULL).published());
            assertEquals(HealthCheck.State.UP, check.call().getState());
        }
    }
}
