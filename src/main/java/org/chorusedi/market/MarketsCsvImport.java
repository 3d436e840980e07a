package org.chorusedi.market;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.chorusedi.directory.CsvHeader;
import org.chorusedi.directory.CsvLineLimit;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.ImportError;
import org.chorusedi.directory.ImportLimits;
import org.chorusedi.directory.ImportReport;
import org.chorusedi.framework.Framework;
import org.chorusedi.framework.Role;

/**
 * Imports market identity sheets from a markets file ({@code marches*.csv} dropped into {@code directory/};
 * docs/operators/directory-and-partners.md, "Markets"): UTF-8, RFC 4180, a header row, one row per party of a
 * market. Each market the file names is replaced wholly (its parties and legal commitments become exactly the
 * file's); the markets it does not name are left as they are. It is checked whole first, under the limits of
 * directory files, then written in one transaction: a file with any bad row changes nothing.
 */
public final class MarketsCsvImport {

    /** A markets file is told apart from a directory file by its name, in any case. */
    private static final Pattern FILE_NAME = Pattern.compile("marches.*\\.csv");

    // Blank lines are kept as records so that the physical line numbers can be followed; they are skipped below.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';
    // The sizes of the database columns.
    private static final int NUMBER_LENGTH = 50;
    private static final int NAME_LENGTH = 255;
    private static final int IDENTIFIER_LENGTH = 80;
    private static final int SERVICE_LENGTH = 100;
    private static final int ENGAGEMENT_LENGTH = 50;
    private static final Pattern SIRET = Pattern.compile("[0-9]{14}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    // A file that is wrong throughout would otherwise fill memory with messages.
    private static final int MAX_LISTED_ERRORS = 1000;
    // Enough of a bad value to recognise it, without copying a huge field into the report.
    private static final int QUOTED_LENGTH = 100;

    /** The columns of a markets file; the header names each by its lower-case constant name. */
    enum Column {
        NUMERO_MARCHE, LIBELLE, ROLE, IDENTIFIANT, CODE_SERVICE, VALIDEUR, CODE_SERVICE_VALIDEUR, CADRES, ENGAGEMENTS;


        /** A file may leave out the optional columns: no value on any row. */
        boolean required() {
            return this == NUMERO_MARCHE || this == ROLE || this == IDENTIFIANT;
        }
    }

    private final DataSource dataSource;
    private final DirectoryLookup directory;
    private final ImportLimits limits;
    private final Clock clock;

    /** @param directory what the MOAs are held against, for the warnings of the summary */
    public MarketsCsvImport(DataSource dataSource, DirectoryLookup directory, ImportLimits limits, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static boolean isMarketsFile(Path file) {
        return FILE_NAME.matcher(file.getFileName().toString().toLowerCase(Locale.ROOT)).matches();
    }

    /** Bad content is reported, never thrown; throws only when the file cannot be read or the database fails. */
    public ImportReport importCsv(Path csv) throws IOException {
        if (Files.size(csv) > limits.maxBytes()) {
            return ImportReport.refused("the file is larger than " + limits.maxBytes() + " bytes (chorus.directory.max-bytes)");
        }
        Reading reading = new Reading();
        try (CsvLineLimit reader = CsvLineLimit.openUtf8(csv, limits.maxLineChars());
             CSVParser parser = FORMAT.parse(reader)) {
            if (reading.read(parser, reader)) {
                reading.checkMarkets();
            }
        }
        List<ImportError> errors = reading.errors();
        if (!errors.isEmpty()) {
            return new ImportReport(0, 0, errors);
        }
        if (reading.markets.isEmpty()) {
            return ImportReport.refused("the file lists no market");
        }
        new MarketWrite(dataSource, clock).replace(reading.markets.values());
        int parties = reading.markets.values().stream().mapToInt(m -> m.parties.size()).sum();
        int engagements = reading.markets.values().stream().mapToInt(m -> m.engagements.size()).sum();
        String warnings = reading.markets.values().stream()
                .flatMap(m -> MoaWarning.of(m.market(), directory).map(w -> m.number + ": " + w).stream())
                .collect(Collectors.joining("; "));
        return new ImportReport(0, 0, List.of(), reading.markets.size() + " market(s), " + parties + " party(ies), "
                + engagements + " engagement(s)" + (warnings.isEmpty() ? "" : "; warning, " + warnings));
    }

    /**
     * One party as the file gives it.
     *
     * @param frameworks null when the file names none: every framework of its role
     */
    record Party(Role role, String identifier, String serviceCode, String validatorId, String validatorService,
            Set<Framework> frameworks, long line) {

        MarketParty toParty() {
            return new MarketParty(role, identifier, serviceCode, validatorId, validatorService,
                    frameworks == null ? Markets.frameworksOf(role) : frameworks);
        }
    }

    /** A market as the file gives it: its first row's name, its parties and commitments in file order. */
    static final class Entry {
        final String number;
        final String name;
        final long line;
        final List<Party> parties = new ArrayList<>();
        final Set<String> engagements = new LinkedHashSet<>();

        Entry(String number, String name, long line) {
            this.number = number;
            this.name = name;
            this.line = line;
        }

        Market market() {
            return new Market(number, name, parties.stream().map(Party::toParty).toList(), Set.copyOf(engagements));
        }
    }

    /** One reading of one file: the markets it names and the errors, each with its line. */
    private final class Reading {
        private final Map<String, Entry> markets = new LinkedHashMap<>();
        // The markets with a bad row, which may have been their MOA's or their contract holder's.
        private final Set<String> withBadRows = new HashSet<>();
        private final List<ImportError> errors = new ArrayList<>();
        private long unlistedErrors;
        private int rows;

        /** False when the file could not be read to its end (its header, a malformed line, a limit). */
        boolean read(CSVParser parser, CsvLineLimit lines) throws IOException {
            Iterator<CSVRecord> records = parser.iterator();
            long line = 1; // where the next record starts
            try {
                if (!records.hasNext()) {
                    error(line, "the file is empty, a header row is expected");
                    return false;
                }
                CsvHeader<Column> header = CsvHeader.read(records.next().toList(), Column.class, message -> error(1, message));
                if (!header.complete(Column::required, message -> error(1, message))) {
                    return false;
                }
                line = parser.getCurrentLineNumber() + 1;
                lines.nextLine();
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    if (!(record.size() == 1 && record.get(0).isBlank())) {
                        if (++rows > limits.maxEntries()) {
                            error(line, "more than " + limits.maxEntries() + " rows (chorus.directory.max-entries):"
                                    + " the rest of the file is not read");
                            return false;
                        }
                        row(header, record, line);
                    }
                    line = parser.getCurrentLineNumber() + 1;
                    lines.nextLine();
                }
                return true;
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CSVException malformed) {
                    error(line, "malformed CSV, the rest of the file is not read: " + malformed.getMessage());
                } else if (e.getCause() instanceof CsvLineLimit.Exceeded) {
                    error(line, "a line longer than " + lines.maxChars() + " characters (chorus.directory.max-line-chars),"
                            + " or a quote left open: the rest of the file is not read");
                } else {
                    throw e.getCause();
                }
                return false;
            }
        }

        /** The errors by line (a market's own after its rows'), and how many more there were. */
        List<ImportError> errors() {
            List<ImportError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingLong(ImportError::line));
            if (unlistedErrors > 0) {
                sorted.add(new ImportError(0, unlistedErrors + " more errors are not listed"));
            }
            return sorted;
        }


        private void row(CsvHeader<Column> header, CSVRecord record, long line) {
            if (record.size() != header.size()) {
                error(line, "the row has " + record.size() + " fields, the header has " + header.size());
                return;
            }
            long before = errorCount();
            String number = text(line, header.value(record, Column.NUMERO_MARCHE), Column.NUMERO_MARCHE, NUMBER_LENGTH,
                    true);
            String name = text(line, header.value(record, Column.LIBELLE), Column.LIBELLE, NAME_LENGTH, false);
            Role role = role(line, header.value(record, Column.ROLE));
            String identifier = role == null ? null : identifier(line, header.value(record, Column.IDENTIFIANT),
                    Column.IDENTIFIANT, role == Role.MOA || role == Role.MOE);
            String serviceCode = onlyFor(line, header, record, role, Column.CODE_SERVICE, Set.of(Role.MOA, Role.MOE));
            Set<Role> validated = Set.of(Role.COTRAITANT, Role.SOUS_TRAITANT);
            String validatorId = null;
            String validatorService = null;
            if (role != null && validated.contains(role)) {
                // a SIRET: it names the validator's outbox and its partner's reception connection
                validatorId = identifier(line, header.value(record, Column.VALIDEUR), Column.VALIDEUR, true);
                validatorService = text(line, header.value(record, Column.CODE_SERVICE_VALIDEUR),
                        Column.CODE_SERVICE_VALIDEUR, SERVICE_LENGTH, false);
            } else {
                onlyFor(line, header, record, role, Column.VALIDEUR, validated);
                onlyFor(line, header, record, role, Column.CODE_SERVICE_VALIDEUR, validated);
            }
            Set<Framework> frameworks = role == null ? null : frameworks(line, header.value(record, Column.CADRES), role);
            Set<String> engagements = new LinkedHashSet<>();
            if (role == Role.MOA) {
                for (String engagement : words(header.value(record, Column.ENGAGEMENTS))) {
                    engagements.add(text(line, engagement, Column.ENGAGEMENTS, ENGAGEMENT_LENGTH, true));
                }
            } else {
                onlyFor(line, header, record, role, Column.ENGAGEMENTS, Set.of(Role.MOA));
            }
            if (errorCount() > before) {
                if (number != null) {
                    withBadRows.add(number);
                }
                return;
            }
            Entry entry = markets.computeIfAbsent(number, n -> new Entry(n, name, line));
            if (!Objects.equals(entry.name, name)) {
                fail(line, Column.LIBELLE, quoted(name == null ? "" : name) + " contradicts "
                        + quoted(entry.name == null ? "" : entry.name) + " on line " + entry.line + " for the same market");
                withBadRows.add(number);
                return;
            }
            Optional<Party> twice = entry.parties.stream()
                    .filter(p -> p.role() == role && p.identifier().equals(identifier)).findFirst();
            if (twice.isPresent()) {
                fail(line, Column.IDENTIFIANT, identifier + " is already the market's " + role + " on line "
                        + twice.get().line() + ": a party is given once in each role");
                withBadRows.add(number);
                return;
            }
            entry.parties.add(new Party(role, identifier, serviceCode, validatorId, validatorService, frameworks, line));
            entry.engagements.addAll(engagements);
        }

        /** The rules that take the whole market: its MOA, its contract holder, its MOE, its validators. */
        void checkMarkets() {
            for (Entry market : markets.values()) {
                Map<Role, List<Party>> byRole = new EnumMap<>(Role.class);
                market.parties.forEach(p -> byRole.computeIfAbsent(p.role(), r -> new ArrayList<>()).add(p));
                for (Role role : List.of(Role.MOA, Role.TITULAIRE, Role.MOE)) {
                    List<Party> parties = byRole.getOrDefault(role, List.of());
                    String expected = role == Role.MOE ? "at most one" : "exactly one";
                    if (parties.isEmpty() && role != Role.MOE && !withBadRows.contains(market.number)) {
                        error(market.line, "market " + quoted(market.number) + " has no " + role + " row: " + expected
                                + " is required");
                    }
                    for (Party extra : parties.subList(Math.min(1, parties.size()), parties.size())) {
                        error(extra.line(), "market " + quoted(market.number) + " has a second " + role + " (the first on"
                                + " line " + parties.get(0).line() + "): " + expected + " is allowed");
                    }
                }
                List<Party> holders = byRole.getOrDefault(Role.TITULAIRE, List.of());
                if (holders.size() != 1) {
                    continue;
                }
                Party holder = holders.get(0);
                List<Party> moas = byRole.getOrDefault(Role.MOA, List.of());
                if (moas.size() == 1 && moas.get(0).identifier().equals(holder.identifier())) {
                    fail(holder.line(), Column.IDENTIFIANT, holder.identifier() + " is the market's MOA too (line "
                            + moas.get(0).line() + "): the contract holder, which validates its subcontractors' invoices, is not its buyer");
                }
                for (Party party : market.parties) {
                    if (party.validatorId() != null && !party.validatorId().equals(holder.identifier())) {
                        fail(party.line(), Column.VALIDEUR, quoted(party.validatorId()) + " is not the market's"
                                + " TITULAIRE (" + holder.identifier() + " on line " + holder.line() + "): the contract"
                                + " holder validates the invoices of its joint contractors and subcontractors");
                    }
                }
            }
        }

        /**
         * A free text or a code: valid UTF-8, no control character, within the column's size. Null when empty
         * and not required, or bad.
         */
        private String text(long line, String value, Column column, int maxLength, boolean required) {
            if (value.isEmpty()) {
                if (required) {
                    fail(line, column, "a value is required");
                }
                return null;
            }
            if (value.indexOf(REPLACEMENT_CHARACTER) >= 0) {
                fail(line, column, quoted(value) + " is not valid UTF-8");
            } else if (value.chars().anyMatch(Character::isISOControl)) {
                fail(line, column, quoted(value) + " contains a control character");
            } else if (value.codePointCount(0, value.length()) > maxLength) {
                fail(line, column, quoted(value) + " is longer than " + maxLength + " characters");
            } else {
                return value;
            }
            return null;
        }

        private Role role(long line, String value) {
            if (value.isEmpty()) {
                fail(line, Column.ROLE, "a value is required");
                return null;
            }
            try {
                return Role.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                fail(line, Column.ROLE, quoted(value) + " is not TITULAIRE, COTRAITANT, SOUS_TRAITANT, MOE or MOA");
                return null;
            }
        }

        /**
         * A structure: the MOA and the MOE by their SIRET (14 digits); a supplier as its invoices name it, as in
         * the partners file. Luhn is not checked: the directory holds SIRETs that fail it. Null when bad.
         */
        private String identifier(long line, String value, Column column, boolean siret) {
            if (value.isEmpty()) {
                fail(line, column, "a value is required");
            } else if (value.indexOf(REPLACEMENT_CHARACTER) >= 0) {
                fail(line, column, quoted(value) + " is not valid UTF-8");
            } else if (value.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
                fail(line, column, quoted(value) + " contains white space or a control character");
            } else if (value.codePointCount(0, value.length()) > IDENTIFIER_LENGTH) {
                fail(line, column, quoted(value) + " is longer than " + IDENTIFIER_LENGTH + " characters");
            } else if (siret && !SIRET.matcher(value).matches()) {
                fail(line, column, quoted(value) + " is not a SIRET (14 digits): the MOA, the MOE and a validator are"
                        + " named by their SIRET");
            } else {
                return value;
            }
            return null;
        }

        /** A column only the rows of those roles may fill: its value there, empty elsewhere. */
        private String onlyFor(long line, CsvHeader<Column> header, CSVRecord record, Role role, Column column, Set<Role> roles) {
            String value = header.value(record, column);
            if (role == null || value.isEmpty()) {
                return null;
            }
            if (!roles.contains(role)) {
                fail(line, column, quoted(value) + " is given on a " + role + " row: only "
                        + roles.stream().map(Role::name).sorted().collect(Collectors.joining(" and ")) + " rows have one");
                return null;
            }
            return text(line, value, column, SERVICE_LENGTH, false);
        }

        /** The frameworks the row names, each one its role deposits; null when it names none (all its role's). */
        private Set<Framework> frameworks(long line, String value, Role role) {
            List<String> codes = words(value);
            if (codes.isEmpty()) {
                return null;
            }
            Set<Framework> frameworks = EnumSet.noneOf(Framework.class);
            for (String code : codes) {
                Optional<Framework> framework = Framework.of(code.toUpperCase(Locale.ROOT));
                if (framework.isEmpty()) {
                    fail(line, Column.CADRES, quoted(code) + " is not a framework code (A1 to A25)");
                } else if (!framework.get().depositor().equals(Optional.of(role))) {
                    fail(line, Column.CADRES, framework.get() + " (" + framework.get().label() + ") is deposited by "
                            + framework.get().depositor().map(r -> "the " + r).orElse("a supplier outside any market")
                            + ", not by the " + role);
                } else {
                    frameworks.add(framework.get());
                }
            }
            return frameworks;
        }

        private long errorCount() {
            return errors.size() + unlistedErrors;
        }

        private void fail(long line, Column column, String message) {
            error(line, "column " + CsvHeader.nameOf(column) + ": " + message);
        }

        private void error(long line, String message) {
            if (errors.size() < MAX_LISTED_ERRORS) {
                errors.add(new ImportError(line, message));
            } else {
                unlistedErrors++;
            }
        }
    }

    /** The space-separated words of a value (frameworks, commitments). */
    private static List<String> words(String value) {
        return value.isEmpty() ? List.of() : List.of(SPACES.split(value));
    }

    private static String quoted(String value) {
        if (value.codePointCount(0, value.length()) <= QUOTED_LENGTH) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, value.offsetByCodePoints(0, QUOTED_LENGTH)) + "...'";
    }
}
