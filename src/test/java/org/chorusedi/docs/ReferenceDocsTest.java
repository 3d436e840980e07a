package org.chorusedi.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.chorusedi.cli.ChorusEdi;
import org.chorusedi.decision.ReasonCode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The reference tables of docs/ that would drift from the code are checked against it: the reason codes against
 * the enum, the configuration keys and their defaults against application.properties, the commands against
 * picocli's, the package map against the packages and their imports. Each check goes both ways: nothing of the
 * code missing from its page, nothing on the page the code does not have.
 */
class ReferenceDocsTest {

    private static final Path REASON_CODES = Path.of("docs/partners/reason-codes.md");
    private static final Path CONFIGURATION = Path.of("docs/operators/configuration.md");
    private static final Path COMMANDS = Path.of("docs/operators/commands.md");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Path ARCHITECTURE = Path.of("docs/contributors/architecture.md");
    private static final Path SOURCES = Path.of("src/main/java/org/chorusedi");

    /** A row of a Markdown table whose first cell is a reason code: {@code | F01 | empty file |}. */
    private static final Pattern CODE_ROW = Pattern.compile("^\\| ([A-Z][0-9]{2}) \\|");
    /** A row of the keys' table: {@code | `chorus.root` | `edi-data` | the root folder |}. */
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]*) \\|");
    /** A default written as a value: its first code span. */
    private static final Pattern CODE_SPAN = Pattern.compile("^`([^`]*)`");
    /** A per-subscriber key, which has no line of its own in application.properties. */
    private static final Pattern SUBSCRIBER_KEY = Pattern.compile("^chorus\\.far37\\.subscriber\\.<CODE>\\.([a-z-]+)$");
    /** A row of the package map: its first cell, one package or several of one level ({@code `archive`, `facturx`}). */
    private static final Pattern PACKAGE_ROW = Pattern.compile("^\\| (`[a-z0-9]+`(?:, `[a-z0-9]+`)*) \\|");
    /** An import of the engine's own: the package imported. */
    private static final Pattern ENGINE_IMPORT = Pattern.compile("^import (?:static )?org\\.chorusedi\\.([a-z0-9]+)\\.", Pattern.MULTILINE);
    /** A row of the commands' table: its first cell, a command with its options. */
    private static final Pattern COMMAND_ROW = Pattern.compile("^\\| `([^`]+)` \\|");

    @Test
    void everyPackageIsOnTheMapAndImportsOnlyThoseBelowIt() throws IOException {
        Map<String, Integer> level = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ARCHITECTURE)) {
            Matcher row = PACKAGE_ROW.matcher(line);
            if (row.find()) {
                int rowLevel = level.size();
                for (String name : row.group(1).replace("`", "").split(", ")) {
                    level.put(name, rowLevel);
                }
            }
        }
        Set<String> packages;
        try (var listing = Files.list(SOURCES)) {
            packages = listing.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(packages, new TreeSet<>(level.keySet()), ARCHITECTURE + ": one place in the package map per package");

        List<String> upward = new ArrayList<>();
        for (String name : packages) {
            try (var files = Files.list(SOURCES.resolve(name))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    Matcher imported = ENGINE_IMPORT.matcher(Files.readString(file));
                    while (imported.find()) {
                        String other = imported.group(1);
                        if (!other.equals(name) && level.get(other) <= level.get(name)) {
                            upward.add(name + "/" + file.getFileName() + " imports " + other);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), upward, ARCHITECTURE + ": a package imports only the packages below it on the map");
    }

    @Test
    void everyReasonCodeIsOnItsPageAndNoOther() throws IOException {
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(REASON_CODES)) {
            Matcher row = CODE_ROW.matcher(line);
            if (row.find()) {
                documented.add(row.group(1));
            }
        }
        List<String> codes = Arrays.stream(ReasonCode.values()).map(ReasonCode::name).toList();

        assertEquals(codes, documented, REASON_CODES + ": one row per code of ReasonCode, in its order");
    }

    @Test
    void everyKeyIsInTheTableWithItsDefaultAndNoOther() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(PROPERTIES, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> table = keysTable();
        List<String> problems = new ArrayList<>();

        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!table.containsKey(key)) {
                problems.add(key + ": in application.properties, not in the table");
            } else if (!properties.getProperty(key).equals(table.get(key))) {
                problems.add(key + ": default '" + properties.getProperty(key) + "' in application.properties, '"
                        + table.get(key) + "' in the table");
            }
        }
        for (String key : table.keySet()) {
            Matcher perSubscriber = SUBSCRIBER_KEY.matcher(key);
            if (perSubscriber.matches()) {
                // Either a subscriber's own value of a chorus.far37.<key> default, or folder, which has no default key.
                String name = perSubscriber.group(1);
                if (!name.equals("folder") && !properties.containsKey("chorus.far37." + name)) {
                    problems.add(key + ": in the table, no chorus.far37." + name + " in application.properties");
                }
            } else if (!properties.containsKey(key)) {
                problems.add(key + ": in the table, not in application.properties");
            }
        }

        assertTrue(problems.isEmpty(), CONFIGURATION + ", \"The keys\":\n" + String.join("\n", problems));
    }

    @Test
    void everyCommandIsOnItsPageAndNoOther() throws IOException {
        Set<String> commands = new TreeSet<>();
        collect(ChorusEdi.commandLine(null), "", commands);
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(COMMANDS)) {
            Matcher row = COMMAND_ROW.matcher(line);
            if (row.find()) {
                documented.add(commandOf(row.group(1)));
            }
        }

        Set<String> missing = commands.stream()
                .filter(command -> documented.stream().noneMatch(row -> row.equals(command) || row.startsWith(command + " ")))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> unknown = documented.stream().filter(row -> !commands.contains(row))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(missing.isEmpty() && unknown.isEmpty(),
                COMMANDS + ": commands without a row " + missing + ", rows of no command " + unknown);
    }

    /**
     * The keys' table of the configuration page, key to default: a default written as a code span is that value;
     * one written "empty" (or "(empty)", or "empty: what it then means") is the empty value.
     */
    private static Map<String, String> keysTable() throws IOException {
        Map<String, String> table = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(CONFIGURATION)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## The keys");
                continue;
            }
            Matcher row = KEY_ROW.matcher(line);
            if (!inSection || !row.find()) {
                continue;
            }
            String written = row.group(2).strip();
            Matcher value = CODE_SPAN.matcher(written);
            if (value.find()) {
                table.put(row.group(1), value.group(1));
            } else if (written.equals("empty") || written.equals("(empty)") || written.startsWith("empty:")) {
                table.put(row.group(1), "");
            } else {
                table.put(row.group(1), "(a default that is neither a value nor empty: " + written + ")");
            }
        }
        assertTrue(table.size() > 1, CONFIGURATION + ": no table under \"## The keys\"");
        return table;
    }

    /** Every command and subcommand, by its path from the top: {@code partner technical-user create}. */
    private static void collect(CommandLine command, String parent, Set<String> into) {
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            String path = parent.isEmpty() ? sub.getKey() : parent + " " + sub.getKey();
            into.add(path);
            collect(sub.getValue(), path, into);
        }
    }

    /** The command a row's usage names: its leading words, up to the first option or parameter. */
    private static String commandOf(String usage) {
        List<String> words = new ArrayList<>();
        for (String word : usage.split(" ")) {
            if (!word.matches("[a-z0-9][a-z0-9-]*")) {
                break;
            }
            words.add(word);
        }
        return String.join(" ", words);
    }
}
