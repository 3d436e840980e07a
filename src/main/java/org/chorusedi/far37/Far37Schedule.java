package org.chorusedi.far37;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.camel.builder.RouteBuilder;
import org.quartz.CronExpression;

/**
 * The FAR37 schedule: one route per subscriber and scheduled extract type, each made from the
 * far37-publication template of routes/far37.camel.yaml, with id {@code far37-<CODE>-<FULL|DELTA>}.
 */
public final class Far37Schedule extends RouteBuilder {

    static final String TEMPLATE = "far37-publication";

    private final Far37Settings settings;

    public Far37Schedule(Far37Settings settings) {
        this.settings = settings;
    }

    /** The id of a subscriber's route for that type of extract. */
    public static String routeId(String subscriber, ExtractType type) {
        return "far37-" + subscriber + "-" + type;
    }

    /**
     * When that type of extract is next due for the subscriber after {@code after}, by its cron expression in
     * its time zone; empty when that type is not scheduled.
     */
    public static Optional<Instant> nextFire(Subscriber subscriber, ExtractType type, Instant after) {
        String cron = subscriber.cron(type);
        if (cron == null) {
            return Optional.empty();
        }
        try {
            CronExpression schedule = new CronExpression(cron);
            schedule.setTimeZone(TimeZone.getTimeZone(subscriber.timeZone()));
            return Optional.ofNullable(schedule.getNextValidTimeAfter(Date.from(after))).map(Date::toInstant);
        } catch (ParseException e) {
            throw new IllegalStateException("cron expression checked at start-up: " + cron, e);
        }
    }

    @Override
    public void configure() {
        for (Subscriber subscriber : settings.subscribers()) {
            for (ExtractType type : ExtractType.values()) {
                String cron = subscriber.cron(type);
                if (cron != null) {
                    templatedRoute(TEMPLATE)
                            .routeId(routeId(subscriber.code(), type))
                            .parameter("subscriber", subscriber.code())
                            .parameter("type", type.name())
                            .parameter("cron", cron)
                            .parameter("timeZone", subscriber.timeZone().getId());
                }
            }
        }
    }
}
