package org.chorusedi.far37;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.chorusedi.config.Folders;
import org.quartz.CronExpression;

/**
 * The FAR37 subscribers, from the settings: {@code chorus.far37.subscribers} lists their partner
 * codes; each subscriber's {@code chorus.far37.subscriber.<CODE>.<key>} overrides the default
 * {@code chorus.far37.<key>} (README, "FAR37 directory extracts"). A bad value stops the engine at
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

    public static Far37Settings read(Properties properties) {
        Path root = Path.of(properties.getProperty("chorus.root"));
        Set<String> codes = new LinkedHashSet<>();
        for (String code : properties.getProperty(PREFIX + "subscribers", "").split(",")) {
            String partner = code.strip();
            if (partner.isEmpty()) {
                continue;
            }
            if (!Folders.PARTNER_CODE.matcher(partner).matches()) {
                throw new IllegalArgumentException(PREFIX + "subscribers: " + partner
                        + " is not a partner code (3 to 8 letters and digits)");
            }
            if (!codes.add(partner)) {
                throw new IllegalArgumentException(PREFIX + "subscribers: " + partner + " is listed twice");
            }
        }
        List<Subscriber> subscribers = new ArrayList<>();
        for (String code : codes) {
            subscribers.add(subscriber(properties, root, code));
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

    private static Subscriber subscriber(Properties properties, Path root, String code) {
        Values values = new Values(properties, code);
        String folder = values.get("folder");
        return new Subscriber(
                code,
                folder == null || folder.isEmpty() ? defaultFolder(root, code) : root.resolve(folder).normalize(),
                values.cron("full-cron"),
                values.cron("delta-cron"),
                values.zone("timezone"),
                values.bool("gzip"),
                values.count("retention"));
    }

    /** One subscriber's values: its own key when set (even to empty), else the default key. */
    private record Values(Properties properties, String code) {

        String get(String key) {
            String own = property(PREFIX + "subscriber." + code + "." + key);
            String value = own != null ? own : property(PREFIX + key);
            return value == null ? null : value.strip();
        }

        String cron(String key) {
            String value = get(key);
            if (value == null || value.isEmpty()) {
                return null;
            }
            if (!CronExpression.isValidExpression(value)) {
                throw invalid(key, value, "not a Quartz cron expression");
            }
            return value;
        }

        ZoneId zone(String key) {
            String value = get(key);
            try {
                return ZoneId.of(value == null ? "" : value);
            } catch (DateTimeException e) {
                throw invalid(key, value, "not a time zone");
            }
        }

        boolean bool(String key) {
            String value = get(key);
            String lower = value == null ? "" : value.toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                throw invalid(key, value, "not true or false");
            }
            return lower.equals("true");
        }

        int count(String key) {
            String value = get(key);
            try {
                int count = Integer.parseInt(value == null ? "" : value);
                if (count >= 0) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(key, value, "not a whole number from 0");
        }

        // Keys named after a subscriber are not in application.properties, so the settings loader
        // leaves their system properties out: they are read here.
        private String property(String key) {
            String value = properties.getProperty(key);
            return value != null ? value : System.getProperty(key);
        }

        private IllegalArgumentException invalid(String key, String value, String problem) {
            return new IllegalArgumentException("FAR37 subscriber " + code + ", " + key + ": '" + value + "' is " + problem);
        }
    }
}
