package org.chorusedi.far37;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chorusedi.config.Configuration;
import org.chorusedi.config.Folders;
import org.chorusedi.config.InvalidSetting;
import org.quartz.CronExpression;

/**
 * The FAR37 subscribers, from the settings: {@code chorus.far37.subscribers} lists their partner
 * codes; each subscriber's {@code chorus.far37.subscriber.<CODE>.<key>} overrides the default
 * {@code chorus.far37.<key>} (docs/operators/far37.md). A bad value stops the engine at
 * start-up, naming its key.
 */
public record Far37Settings(Path root, List<Subscriber> subscribers) {

    private static final String PREFIX = "chorus.far37.";

    public Far37Settings {
        subscribers = List.copyOf(subscribers);
    }

    /** No subscriber: an engine that publishes nothing. */
    public static Far37Settings none(Path root) {
        return new Far37Settings(root, List.of());
    }

    public static Far37Settings read(Configuration configuration) {
        Path root = configuration.path("chorus.root");
        Set<String> codes = new LinkedHashSet<>();
        String key = PREFIX + "subscribers";
        for (String code : configuration.text(key).split(",")) {
            String partner = code.strip();
            if (partner.isEmpty()) {
                continue;
            }
            if (!Folders.PARTNER_CODE.matcher(partner).matches()) {
                throw new InvalidSetting(key, partner, "a partner code (3 to 8 letters and digits)");
            }
            if (!codes.add(partner)) {
                throw new InvalidSetting(key + ": " + partner + " is listed twice");
            }
        }
        checkDefaults(configuration);
        List<Subscriber> subscribers = new ArrayList<>();
        for (String code : codes) {
            subscribers.add(subscriber(configuration, root, code));
        }
        // The keys of a partner not listed are checked all the same: a wrong value is refused even when unused.
        for (String code : configuration.subscriberCodesNamed()) {
            if (!codes.contains(code)) {
                subscriber(configuration, root, code);
            }
        }
        return new Far37Settings(root, subscribers);
    }

    public Optional<Subscriber> subscriber(String code) {
        return subscribers.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /** Where a subscriber's extracts go unless its folder is configured. */
    public static Path defaultFolder(Path root, String code) {
        return root.resolve("far37").resolve(code);
    }

    private static Subscriber subscriber(Configuration configuration, Path root, String code) {
        String folder = configuration.value(PREFIX + "subscriber." + code + ".folder");
        String own = PREFIX + "subscriber." + code + ".";
        return new Subscriber(
                code,
                folder == null || folder.isEmpty() ? defaultFolder(root, code) : root.resolve(folder).normalize(),
                cron(configuration, keyOf(configuration, own, "full-cron")),
                cron(configuration, keyOf(configuration, own, "delta-cron")),
                zone(configuration, keyOf(configuration, own, "timezone")),
                configuration.bool(keyOf(configuration, own, "gzip")),
                configuration.count(keyOf(configuration, own, "retention"), 0));
    }

    /** The defaults, whether a subscriber takes them or not: a wrong value is refused even when unused. */
    private static void checkDefaults(Configuration configuration) {
        cron(configuration, PREFIX + "full-cron");
        cron(configuration, PREFIX + "delta-cron");
        zone(configuration, PREFIX + "timezone");
        configuration.bool(PREFIX + "gzip");
        configuration.count(PREFIX + "retention", 0);
    }

    /** The subscriber's own key when it is set (even to empty), else the default key. */
    private static String keyOf(Configuration configuration, String own, String key) {
        return configuration.value(own + key) != null ? own + key : PREFIX + key;
    }

    private static String cron(Configuration configuration, String key) {
        String value = configuration.text(key);
        if (value.isEmpty()) {
            return null;
        }
        if (!CronExpression.isValidExpression(value)) {
            throw new InvalidSetting(key, value, "a Quartz cron expression");
        }
        return value;
    }

    private static ZoneId zone(Configuration configuration, String key) {
        String value = configuration.text(key);
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new InvalidSetting(key, value, "a time zone");
        }
    }
}
