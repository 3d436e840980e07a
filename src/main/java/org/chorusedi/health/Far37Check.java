package org.chorusedi.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.chorusedi.far37.ExtractType;
import org.chorusedi.far37.Far37Schedule;
import org.chorusedi.far37.Subscriber;
import org.chorusedi.far37.SubscriptionStore;
import org.chorusedi.far37.SubscriptionStore.Subscription;

/**
 * A FAR37 subscriber is not late: each scheduled type of extract was published at its last fire, give or take
 * the grace a publication may take. Before its first extract, its schedule counts from the engine's start.
 */
public final class Far37Check extends EngineCheck {

    private final Subscriber subscriber;
    private final SubscriptionStore subscriptions;
    private final Duration grace;
    private final Instant started;
    private final Clock clock;

    public Far37Check(Subscriber subscriber, SubscriptionStore subscriptions, Duration grace, Clock clock) {
        super("chorus-far37-" + subscriber.code());
        this.subscriber = subscriber;
        this.subscriptions = subscriptions;
        this.grace = grace;
        this.started = clock.instant();
        this.clock = clock;
    }

    @Override
    String problem(HealthCheckResultBuilder builder) {
        Optional<Subscription> subscription = subscriptions.find(subscriber.code());
        subscription.ifPresent(s -> builder.detail("last.sequence", s.lastSequence()).detail("last.published", s.lastPublished()));
        for (ExtractType type : ExtractType.values()) {
            // A FULL serves a DELTA's fire too: a DELTA is late after the last extract of either type.
            Instant last = subscription.map(s -> type == ExtractType.FULL ? s.lastFull() : s.lastPublished()).orElse(started);
            Optional<Instant> due = Far37Schedule.nextFire(subscriber, type, last);
            if (due.isPresent() && due.get().plus(grace).isBefore(clock.instant())) {
                return "the " + type + " extract due at " + due.get() + " for " + subscriber.code() + " is not published"
                        + subscription.map(s -> " (last extract " + s.lastSequence() + " of " + s.lastPublished() + ")").orElse(" (no extract yet)");
            }
        }
        return null;
    }
}
