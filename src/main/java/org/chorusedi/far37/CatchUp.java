package org.chorusedi.far37;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.chorusedi.far37.SubscriptionStore.Subscription;

/**
 * At start-up, publishes what was missed while the engine was down: for each subscriber, a FULL
 * when its FULL schedule fired since its last FULL, then a DELTA when its DELTA schedule fired
 * since its last extract of either type (a FULL just caught up counts). One extract per type, however
 * many fires were missed. A subscriber that never had an extract gets its first FULL.
 */
public final class CatchUp {

    private final Far37Settings settings;
    private final SubscriptionStore subscriptions;
    private final Far37Publisher publisher;
    private final Clock clock;

    public CatchUp(Far37Settings settings, SubscriptionStore subscriptions, Far37Publisher publisher, Clock clock) {
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Called once at start-up by routes/far37.camel.yaml. */
    public void run() {
        for (Subscriber subscriber : settings.subscribers()) {
            if (missed(subscriber, ExtractType.FULL, subscriptions.find(subscriber.code()).map(Subscription::lastFull))) {
                publisher.publish(subscriber, ExtractType.FULL);
            }
            if (missed(subscriber, ExtractType.DELTA,
                    subscriptions.find(subscriber.code()).map(Subscription::lastPublished))) {
                publisher.publish(subscriber, ExtractType.DELTA);
            }
        }
    }

    /** Whether that type's schedule fired after {@code last}, the time of the extract that would have served it. */
    boolean missed(Subscriber subscriber, ExtractType type, Optional<Instant> last) {
        if (subscriber.cron(type) == null) {
            return false;
        }
        if (last.isEmpty()) {
            return true;
        }
        return Far37Schedule.nextFire(subscriber, type, last.get()).filter(next -> !next.isAfter(clock.instant())).isPresent();
    }
}
