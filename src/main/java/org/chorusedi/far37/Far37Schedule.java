package org.chorusedi.far37;

import org.apache.camel.builder.RouteBuilder;

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
