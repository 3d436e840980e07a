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

    /** org.quartz.CronTrigger.MISFIRE_INSTRUCTION_SMART_POLICY and MISFIRE_INSTRUCTION_DO_NOTHING. */
    private static final int MISFIRE_SMART = 0;
    private static final int MISFIRE_DO_NOTHING = 2;

    private final Far37Settings settings;
    private final boolean clustered;

    public Far37Schedule(Far37Settings settings) {
        this(settings, false);
    }

    /**
     * {@code clustered}: the triggers live in Quartz's clustered store, where a fire missed while every node was
     * down is found at the next start; the catch-up publishes it then, once, so that Quartz must not fire it too.
     */
    public Far37Schedule(Far37Settings settings, boolean clustered) {
        this.settings = settings;
        this.clustered = clustered;
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
                            .parameter("timeZone", subscriber.timeZone().getId())
                            .parameter("misfireInstruction", String.valueOf(clustered ? MISFIRE_DO_NOTHING : MISFIRE_SMART));
                }
            }
        }
    }
}
