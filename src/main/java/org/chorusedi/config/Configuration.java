package org.chorusedi.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.util.IOHelper;

/**
 * The process's configuration: every key resolved once, in one order, the last source that sets a key
 * winning (docs/operators/configuration.md): the defaults in the jar (application.properties), the operator's
 * file ({@code --config FILE}, else {@code ./chorus-edi.properties} when there is one), the environment
 * ({@code CHORUS_ROOT} for {@code chorus.root}, with Camel's own mapping), the JVM's system properties,
 * then the command's own options ({@code --root}, {@code -D key=value} after the command). The routes are
 * handed these values (EngineApplication), with the layout's folders (Folders.placeholders): routes and Java see
 * one value per key.
 */
public final class Configuration {

    /** Read from the working folder when no --config is given. */
    public static final Path CONVENTIONAL_FILE = Path.of("chorus-edi.properties");
    /** A subscriber's own keys: chorus.far37.subscriber.CODE. and a chorus.far37.* key's last part, or folder. */
    private static final String PER_SUBSCRIBER = "chorus.far37.subscriber.";
    /** Variables of the test suite, not settings. */
    private static final String TEST_VARIABLES = "CHORUS_TEST_";
    /** The keys that hold a password: warned about when given on the command line. */
    private static final List<String> SECRETS = List.of("chorus.db.password", "chorus.http.keystore-password");

    private final Properties defaults;
    private final Properties file;
    private final Map<String, String> commandLine;

    private Configuration(Properties defaults, Properties file, Map<String, String> commandLine) {
        this.defaults = defaults;
        this.file = file;
        this.commandLine = Map.copyOf(commandLine);
    }

    /**
     * @param configFile  the operator's file, or null for {@code ./chorus-edi.properties} when it exists
     * @param commandLine the command's own options, as keys
     * @throws InvalidSetting when the file given cannot be read
     */
    public static Configuration load(Path configFile, Map<String, String> commandLine) {
        Properties defaults = new Properties();
        try (InputStream in = Configuration.class.getClassLoader().getResourceAsStream("application.properties")) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
        Path path = configFile != null ? configFile : Files.isRegularFile(CONVENTIONAL_FILE) ? CONVENTIONAL_FILE : null;
        Properties file = new Properties();
        if (path != null) {
            try (var in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                file.load(in);
            } catch (IOException e) {
                throw new InvalidSetting("the configuration file " + path.toAbsolutePath() + " cannot be read: " + e);
            }
        }
        return new Configuration(defaults, file, commandLine);
    }

    /** The defaults of the jar with these keys set, as by the command line (for tests and tools). */
    public static Configuration of(Map<String, String> commandLine) {
        return load(null, commandLine);
    }

    /** A key's value from the last source that sets it; null when none does. */
    public String value(String key) {
        String value = commandLine.get(key);
        if (value == null) {
            value = System.getProperty(key);
        }
        if (value == null) {
            value = IOHelper.lookupEnvironmentVariable(key);
        }
        if (value == null) {
            value = file.getProperty(key);
        }
        if (value == null) {
            value = defaults.getProperty(key);
        }
        return value == null ? null : value.strip();
    }

    /** Every key the jar, the file, the system properties or the command line name, with its value: for Camel. */
    public Properties properties() {
        Set<String> keys = new TreeSet<>(defaults.stringPropertyNames());
        keys.addAll(file.stringPropertyNames());
        keys.addAll(commandLine.keySet());
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("chorus.")).forEach(keys::add);
        Properties all = new Properties();
        keys.forEach(key -> all.setProperty(key, value(key)));
        // The root as an absolute path: routes and messages then name the same place.
        all.setProperty("chorus.root", path("chorus.root").toString());
        // The layout's folders ({{chorus.folder.in}}), set last: not keys an operator sets.
        new Folders(path("chorus.root")).placeholders().forEach(all::setProperty);
        return all;
    }

    /**
     * What the operator should know about the configuration, one line each: an unknown {@code chorus.*} key
     * (in the file, a system property, the command line or a {@code CHORUS_*} variable), with the likely key
     * when one is close; the password given on the command line, where any user sees it.
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        List<String> known = new ArrayList<>(defaults.stringPropertyNames());
        known.sort(Comparator.naturalOrder());
        Set<String> named = new TreeSet<>(file.stringPropertyNames());
        named.addAll(commandLine.keySet());
        System.getProperties().stringPropertyNames().forEach(named::add);
        for (String key : named) {
            if (key.startsWith("chorus.") && !known(key)) {
                warnings.add("unknown configuration key " + key + " (ignored)" + likely(key, known, false));
            }
        }
        for (String variable : new TreeSet<>(System.getenv().keySet())) {
            if (variable.startsWith("CHORUS_") && !variable.startsWith(TEST_VARIABLES)
                    && known.stream().noneMatch(k -> variable(k).equals(variable)) && !subscriberVariable(variable)) {
                warnings.add("unknown configuration variable " + variable + " (ignored)" + likely(variable, known, true));
            }
        }
        for (String secret : SECRETS) {
            if (commandLine.containsKey(secret) || System.getProperty(secret) != null) {
                warnings.add(secret + " is given on the command line, where every user of the machine sees it:"
                        + " give it in the configuration file or as " + variable(secret));
            }
        }
        return warnings;
    }

    /**
     * The partner codes a subscriber's own keys ({@code chorus.far37.subscriber.CODE.key}) name in the file, the
     * system properties, the command line or the environment, whether {@code chorus.far37.subscribers} lists them
     * or not.
     */
    public Set<String> subscriberCodesNamed() {
        Set<String> codes = new TreeSet<>();
        Set<String> named = new TreeSet<>(file.stringPropertyNames());
        named.addAll(commandLine.keySet());
        named.addAll(System.getProperties().stringPropertyNames());
        for (String key : named) {
            if (key.startsWith(PER_SUBSCRIBER) && known(key)) {
                String rest = key.substring(PER_SUBSCRIBER.length());
                codes.add(rest.substring(0, rest.indexOf('.')));
            }
        }
        String prefix = variable(PER_SUBSCRIBER);
        for (String variable : System.getenv().keySet()) {
            if (subscriberVariable(variable)) {
                String rest = variable.substring(prefix.length());
                codes.add(rest.substring(0, rest.indexOf('_')));
            }
        }
        return codes;
    }

    private boolean known(String key) {
        if (defaults.containsKey(key)) {
            return true;
        }
        if (!key.startsWith(PER_SUBSCRIBER)) {
            return false;
        }
        String rest = key.substring(PER_SUBSCRIBER.length());
        int dot = rest.indexOf('.');
        String own = dot < 0 ? "" : rest.substring(dot + 1);
        return Folders.PARTNER_CODE.matcher(dot < 0 ? rest : rest.substring(0, dot)).matches()
                && (own.equals("folder") || defaults.containsKey("chorus.far37." + own));
    }

    private boolean subscriberVariable(String variable) {
        String prefix = variable(PER_SUBSCRIBER);
        if (!variable.startsWith(prefix)) {
            return false;
        }
        String rest = variable.substring(prefix.length());
        int underscore = rest.indexOf('_');
        return underscore > 0 && known(PER_SUBSCRIBER + rest.substring(0, underscore) + "."
                + rest.substring(underscore + 1).toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The environment variable Camel reads for a key: upper case, dots and dashes made underscores. */
    public static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String likely(String name, List<String> known, boolean asVariable) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : known) {
            String candidate = asVariable ? variable(key) : key;
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 6) ? ": did you mean " + best + "?" : "";
    }

    /** Levenshtein's distance: the fewest one-character edits from one text to the other. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // Typed values: a bad one throws InvalidSetting naming its key and what it expects.

    /** The value, possibly empty; a key no source sets is a fault of the jar. */
    public String text(String key) {
        String value = value(key);
        if (value == null) {
            throw new InvalidSetting(key + " is not set");
        }
        return value;
    }

    public long number(String key, long min) {
        String value = text(key);
        try {
            long number = Long.parseLong(value);
            if (number >= min) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidSetting(key, value, "a whole number from " + min);
    }

    public int count(String key, int min) {
        long number = number(key, min);
        if (number > Integer.MAX_VALUE) {
            throw new InvalidSetting(key, text(key), "a whole number from " + min + " to " + Integer.MAX_VALUE);
        }
        return (int) number;
    }

    public boolean bool(String key) {
        String value = text(key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidSetting(key, text(key), "true or false");
        }
        return value.equals("true");
    }

    /** One of the choices, in any case; returned as the choice is spelt. */
    public String choice(String key, String... choices) {
        String value = text(key);
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(value)) {
                return choice;
            }
        }
        throw new InvalidSetting(key, value, "one of " + String.join(", ", choices));
    }

    /**
     * Partner codes each with one of the choices, {@code CODE:choice} separated by commas (an empty value:
     * none); a code named twice is refused.
     */
    public Map<String, String> choicesByPartner(String key, String... choices) {
        Map<String, String> byPartner = new java.util.LinkedHashMap<>();
        String value = text(key);
        if (value.isEmpty()) {
            return byPartner;
        }
        String expected = "partner codes each with one of " + String.join(", ", choices) + ", as CODE:" + choices[0] + ",CODE:" + choices[1];
        for (String pair : value.split(",", -1)) {
            String[] parts = pair.strip().split(":", -1);
            if (parts.length != 2 || !Folders.PARTNER_CODE.matcher(parts[0].strip()).matches()
                    || byPartner.containsKey(parts[0].strip())) {
                throw new InvalidSetting(key, value, expected);
            }
            String choice = java.util.Arrays.stream(choices).filter(c -> c.equalsIgnoreCase(parts[1].strip())).findFirst()
                    .orElseThrow(() -> new InvalidSetting(key, value, expected));
            byPartner.put(parts[0].strip(), choice);
        }
        return byPartner;
    }

    public String partnerCode(String key) {
        String value = text(key);
        if (!Folders.PARTNER_CODE.matcher(value).matches()) {
            throw new InvalidSetting(key, value, "a partner code (3 to 8 letters and digits)");
        }
        return value;
    }

    /** An existing folder, or none when the value is empty; relative: to the working folder. */
    public Optional<Path> folderOrNone(String key) {
        String value = text(key);
        if (value.isBlank()) {
            return Optional.empty();
        }
        Path folder = Path.of(value.strip()).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new InvalidSetting(key, value, "an existing folder");
        }
        return Optional.of(folder);
    }

    /** A folder or a file; relative: to the working folder. */
    public Path path(String key) {
        String value = text(key);
        if (value.isEmpty()) {
            throw new InvalidSetting(key, value, "a path");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }
}
