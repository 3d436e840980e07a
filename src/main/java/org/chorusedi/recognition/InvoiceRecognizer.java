package org.chorusedi.recognition;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorusedi.controls.Siret;
import org.chorusedi.text.Printable;

/**
 * Recognises an invoice's data in the text of its pages, as Chorus Pro's PDF deposit does: each value announced
 * by its keyword (the seed's "SIRET client", "SIRET dest", "Ministère", "engagement", "EJ", "commande" and the
 * usual words of an invoice), on the keyword's line or alone on the next one. Keywords are matched without case
 * or accents. Nothing is invented: a field whose keywords announce different values, or a SIRET failing its
 * check, is doubtful and has no value; a field without its keyword has none, except the supplier's SIRET when
 * it is the only SIRET that is not the recipient's.
 */
public final class InvoiceRecognizer {

    /** A party's block (its name, address, SIRET) lasts this many lines under its heading at most. */
    private static final int BLOCK_LINES = 5;
    private static final int MAX_CONTEXT = 160;

    private enum Kind { SIRET, IDENTIFIER, CODE, DATE, AMOUNT }

    private record Keyword(Field field, Kind kind, Pattern pattern) {
    }

    private static final Keyword RECIPIENT_SIRET = keyword(Field.RECIPIENT_SIRET, Kind.SIRET,
            "\\b(?:n\\s*°\\s*)?siret\\s*(?:du\\s+|de\\s+l'\\s*|de\\s+la\\s+)?(?:client|dest(?:inataire)?|acheteur)\\b\\.?");
    private static final Keyword SUPPLIER_SIRET = keyword(Field.SUPPLIER_SIRET, Kind.SIRET,
            "\\b(?:n\\s*°\\s*)?siret\\s*(?:du\\s+|de\\s+l'\\s*)?(?:fournisseur|emetteur|vendeur|prestataire)\\b");
    /** Keywords as they read once folded (lower case, no accents); the order settles nothing, all are tried. */
    private static final List<Keyword> KEYWORDS = List.of(RECIPIENT_SIRET, SUPPLIER_SIRET,
            keyword(Field.SERVICE_CODE, Kind.CODE, "\\bcode\\s+(?:du\\s+)?service\\b|\\bservice\\s+code\\b|\\bservice\\b(?=\\s*:)"),
            keyword(Field.ENGAGEMENT, Kind.IDENTIFIER, "\\bej\\b|\\b(?:n\\s*°\\s*(?:d'\\s*)?)?engagement(?:\\s+juridique)?\\b"
                    + "|\\b(?:n\\s*°\\s*(?:de\\s+)?|bon\\s+de\\s+)?commande\\b"),
            keyword(Field.INVOICE_NUMBER, Kind.IDENTIFIER, "\\b(?:facture|invoice)\\s*(?:n\\s*°|no\\b\\.?|num(?:ero\\b|\\.)|number\\b|#)"
                    + "|\\bnum(?:ero\\b|\\.)\\s*(?:de\\s+)?(?:la\\s+)?facture\\b|\\bn\\s*°\\s*(?:de\\s+)?(?:la\\s+)?facture\\b"),
            keyword(Field.INVOICE_DATE, Kind.DATE, "\\bdate\\s+(?:de\\s+(?:la\\s+)?)?(?:facture|facturation)\\b|\\bdate\\s+d'\\s*emission\\b"
                    + "|\\bemise?\\s+le\\b|\\binvoice\\s+date\\b|\\bdate\\b(?=\\s*:)"),
            keyword(Field.AMOUNT_BEFORE_TAX, Kind.AMOUNT, "\\b(?:total|montant)\\s+(?:net\\s+)?(?:h\\.?\\s?t\\b\\.?|hors\\s+taxes?\\b)"),
            keyword(Field.VAT_AMOUNT, Kind.AMOUNT, "\\b(?:(?:total|montant)\\s+(?:de\\s+(?:la\\s+)?)?)?tva\\b(?!\\s*(?:intra|n\\s*°|no\\b|:?\\s*[a-z]{2}\\s*\\d))"),
            keyword(Field.TOTAL_AMOUNT, Kind.AMOUNT, "\\b(?:total|montant)\\s+t\\.?\\s?t\\.?\\s?c\\b\\.?|\\btotal\\s+toutes\\s+taxes\\s+comprises\\b"
                    + "|\\b(?:net|montant|total|reste)\\s+a\\s+payer\\b"));

    /** Words that make a keyword's match something else: a VAT number, a subtotal, a date of another kind. */
    private static final Pattern NOT_A_KEYWORD_AFTER = Pattern.compile("(?:\\bn\\s*°|\\bnumero(?:\\s+de)?|\\bno|\\bsous|\\bid|\\bdate\\s+de|\\bdate\\s+d')[\\s.-]*$");
    /** A carried subtotal: "à reporter", "report". */
    private static final Pattern CARRIED = Pattern.compile("\\breport");
    private static final Pattern CURRENCY = Pattern.compile("\\bdevise\\s*:?\\s*([a-z]{3})\\b");
    private static final Pattern SIRET_WORD = Pattern.compile("\\b(?:n\\s*°\\s*)?siret\\b");
    private static final Pattern FOURTEEN_DIGITS = Pattern.compile("(?<![\\d])\\d(?: ?\\d){13}(?! ?\\d)");
    private static final Pattern RECIPIENT_HEADING = Pattern.compile(
            "^(?:destinataire|client|facture\\s+a|facturer\\s+a|adresse\\s+de\\s+facturation|acheteur)\\b|\\bministere\\b");
    private static final Pattern SUPPLIER_HEADING = Pattern.compile("^(?:fournisseur|emetteur|vendeur|prestataire)\\b");
    /** Between a keyword and its value: blanks, a colon, "n°", a dash. */
    private static final Pattern SEPARATOR = Pattern.compile("^[\\s:.#°\\-–]*(?:(?:n\\s*°|no\\b\\.?)[\\s:.]*)?");
    /** An amount: thousands by blanks, dots or apostrophes, two decimals; its currency after it. */
    private static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\d,.])(\\d{1,3}(?:[ .']\\d{3})+|\\d+)(?:[,.](\\d{2}))?(?![\\d])(\\s*(?:€|eur\\b))?(\\s*%)?");
    /** What may stand between an amount's keyword and the end of its line when the amount is on the next: "(20 %) :". */
    private static final Pattern RATE_OR_COLON = Pattern.compile("\\(?\\s*\\d+(?:[,.]\\d+)?\\s*%\\s*\\)?|[\\s:]");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-/.]{0,49}");
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_\\-/.]{0,99}");
    private static final Pattern NUMERIC_DATE = Pattern.compile("^(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{4})(?!\\d)");
    private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
    private static final Pattern WORDED_DATE = Pattern.compile("^(\\d{1,2})(?:er)?\\s+(janvier|fevrier|mars|avril|mai|juin|juillet|aout"
            + "|septembre|octobre|novembre|decembre)\\s+(\\d{4})(?!\\d)");
    private static final List<String> MONTHS = List.of("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
            "septembre", "octobre", "novembre", "decembre");

    private InvoiceRecognizer() {
    }

    private static Keyword keyword(Field field, Kind kind, String regex) {
        return new Keyword(field, kind, Pattern.compile(regex));
    }

    /** One line of a page: as printed, and folded for matching (same length, so positions agree). */
    private record Line(int page, String text, String folded) {
    }

    /** A value found for a field; {@code checked} false for a SIRET failing its check. */
    private record Candidate(Field field, String value, int page, String context, Confidence confidence, boolean checked, boolean euro) {
    }

    public static Recognition recognise(PdfText text) {
        List<List<Line>> pages = new ArrayList<>();
        for (PdfText.Page page : text.pages()) {
            List<Line> lines = new ArrayList<>();
            for (String printed : page.text().split("\n", -1)) {
                if (!printed.isBlank()) {
                    lines.add(new Line(page.number(), printed.strip(), fold(printed.strip())));
                }
            }
            pages.add(lines);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (List<Line> lines : pages) {
            for (int i = 0; i < lines.size(); i++) {
                Line next = i + 1 < lines.size() ? lines.get(i + 1) : null;
                boolean nextIsValue = announced(lines.get(i), next, candidates);
                nextIsValue |= amounts(lines.get(i), next, candidates);
                // A value under its keyword is no keyword itself: "EJ-2026-0001" under "N° d'engagement".
                i += nextIsValue ? 1 : 0;
            }
            partyBlocks(lines, candidates);
        }

        Map<Field, Recognition.Value> values = new EnumMap<>(Field.class);
        List<Recognition.Doubt> doubtful = new ArrayList<>();
        for (Field field : Field.values()) {
            if (field != Field.CURRENCY) {
                resolve(field, candidates, values, doubtful);
            }
        }
        if (!values.containsKey(Field.SUPPLIER_SIRET) && doubtful.stream().noneMatch(d -> d.field() == Field.SUPPLIER_SIRET)
                && values.containsKey(Field.RECIPIENT_SIRET)) {
            supplierByElimination(pages, values.get(Field.RECIPIENT_SIRET).value(), candidates);
            resolve(Field.SUPPLIER_SIRET, candidates, values, doubtful);
        }
        currency(pages, candidates, values);
        resolve(Field.CURRENCY, candidates, values, doubtful);

        List<Field> missing = new ArrayList<>();
        for (Field field : Field.values()) {
            if (field.required() && !values.containsKey(field)) {
                missing.add(field);
            }
        }
        return new Recognition(List.copyOf(values.values()), doubtful, missing, text.pageCount(),
                text.pages().stream().map(PdfText.Page::number).toList());
    }

    /** Lower case, accents dropped, odd blanks and apostrophes made plain, one character for one. */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u00A0' || c == '\u202F' || c == '\u2007' || c == '\t') {
                c = ' ';
            } else if (c == '\u2019' || c == '\u02BC') {
                c = '\'';
            } else if (c == '\u00BA') {
                c = '°';
            } else if (c > 0x7F && Character.isLetter(c)) {
                c = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).charAt(0);
            }
            folded.append(Character.toLowerCase(c));
        }
        return folded.toString();
    }

    /**
     * The values of the fields other than amounts, after their keywords, taken from left to right: a keyword
     * inside a value already read ("EJ : EJ-2026-0001") is part of that value.
     *
     * @return whether the next line was read as a value
     */
    private static boolean announced(Line line, Line next, List<Candidate> candidates) {
        record Found(Keyword keyword, int start, int end) {
        }
        List<Found> found = new ArrayList<>();
        for (Keyword keyword : KEYWORDS) {
            Matcher m = keyword.pattern.matcher(line.folded);
            while (keyword.kind != Kind.AMOUNT && m.find()) {
                if (!NOT_A_KEYWORD_AFTER.matcher(line.folded.substring(0, m.start())).find()) {
                    found.add(new Found(keyword, m.start(), m.end()));
                }
            }
        }
        found.sort(Comparator.comparingInt(Found::start));
        int readTo = 0;
        boolean nextIsValue = false;
        for (Found f : found) {
            if (f.start < readTo) {
                continue;
            }
            int start = f.end + separator(line.folded.substring(f.end));
            String rest = line.text.substring(start);
            if (!rest.isBlank()) {
                Parsed parsed = parse(f.keyword.kind, rest, line.folded.substring(start));
                if (parsed != null) {
                    candidates.add(candidate(f.keyword.field, parsed, line.page, context(line.text), Confidence.HIGH));
                    readTo = start + parsed.length;
                }
            } else if (next != null) {
                Parsed parsed = parse(f.keyword.kind, next.text, next.folded);
                if (parsed != null && parsed.length == next.text.length()) {
                    candidates.add(candidate(f.keyword.field, parsed, line.page, context(line.text) + " / " + context(next.text),
                            Confidence.MEDIUM));
                    nextIsValue = true;
                }
            }
        }
        return nextIsValue;
    }

    private static Candidate candidate(Field field, Parsed parsed, int page, String context, Confidence confidence) {
        boolean checked = !(field == Field.RECIPIENT_SIRET || field == Field.SUPPLIER_SIRET) || Siret.isValid(parsed.value);
        return new Candidate(field, parsed.value, page, context, confidence, checked, parsed.euro);
    }

    private static int separator(String folded) {
        Matcher m = SEPARATOR.matcher(folded);
        return m.find() ? m.end() : 0;
    }

    /** A value read at the start of {@code text}, normalised, with the length it took there. */
    private record Parsed(String value, int length, boolean euro) {
    }

    private static Parsed parse(Kind kind, String text, String folded) {
        return switch (kind) {
            case SIRET -> {
                Matcher m = FOURTEEN_DIGITS.matcher(folded);
                yield m.lookingAt() ? new Parsed(m.group().replace(" ", ""), m.end(), false) : null;
            }
            case DATE -> date(folded);
            case IDENTIFIER -> token(text, IDENTIFIER, true);
            case CODE -> token(text, CODE, false);
            case AMOUNT -> {
                Matcher m = AMOUNT.matcher(folded);
                yield m.lookingAt() ? amount(m) : null;
            }
        };
    }

    /** The first word, when it is the whole of an identifier or code; an identifier holds a digit and is no date. */
    private static Parsed token(String text, Pattern shape, boolean needsDigit) {
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String word = text.substring(0, end).replaceAll("[,;.)]+$", "");
        if (!shape.matcher(word).matches() || (needsDigit && word.chars().noneMatch(Character::isDigit)) || date(word) != null) {
            return null;
        }
        return new Parsed(word, end, false);
    }

    private static Parsed date(String folded) {
        try {
            Matcher m = NUMERIC_DATE.matcher(folded);
            if (m.find()) {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
                return new Parsed(date.toString(), m.end(), false);
            }
            m = ISO_DATE.matcher(folded);
            if (m.find()) {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                return new Parsed(date.toString(), m.end(), false);
            }
            m = WORDED_DATE.matcher(folded);
            if (m.find()) {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(3)), MONTHS.indexOf(m.group(2)) + 1, Integer.parseInt(m.group(1)));
                return new Parsed(date.toString(), m.end(), false);
            }
        } catch (DateTimeException e) {
            // A 31 February is no date: nothing is read.
        }
        return null;
    }

    /** An amount when it has decimals or a currency, and is no rate. */
    private static Parsed amount(Matcher m) {
        boolean euro = m.group(3) != null;
        if (m.group(4) != null || (m.group(2) == null && !euro)) {
            return null;
        }
        String units = m.group(1).replaceAll("[ .']", "");
        return new Parsed(units + "." + (m.group(2) == null ? "00" : m.group(2)), m.end(), euro);
    }

    /**
     * The amounts after their keywords: each keyword takes the last amount before the next keyword on its line
     * (a rate is no amount), or, when nothing but a rate follows it, an amount alone on the next line. A carried
     * subtotal is no total.
     *
     * @return whether the next line was read as an amount
     */
    private static boolean amounts(Line line, Line next, List<Candidate> candidates) {
        if (CARRIED.matcher(line.folded).find()) {
            return false;
        }
        record Found(Field field, int start, int end) {
        }
        List<Found> found = new ArrayList<>();
        for (Keyword keyword : KEYWORDS) {
            Matcher m = keyword.pattern.matcher(line.folded);
            while (keyword.kind == Kind.AMOUNT && m.find()) {
                if (!NOT_A_KEYWORD_AFTER.matcher(line.folded.substring(0, m.start())).find()) {
                    found.add(new Found(keyword.field, m.start(), m.end()));
                }
            }
        }
        found.sort(Comparator.comparingInt(Found::start));
        for (int k = 0; k < found.size(); k++) {
            Found keyword = found.get(k);
            int end = k + 1 < found.size() ? found.get(k + 1).start : line.folded.length();
            if (end < keyword.end) {
                continue;
            }
            String segment = line.folded.substring(keyword.end, end);
            Parsed last = null;
            Matcher m = AMOUNT.matcher(segment);
            while (m.find()) {
                Parsed parsed = amount(m);
                last = parsed != null ? parsed : last;
            }
            if (last != null) {
                candidates.add(candidate(keyword.field, last, line.page, context(line.text), Confidence.HIGH));
            } else if (RATE_OR_COLON.matcher(segment).replaceAll("").isEmpty() && k + 1 == found.size() && next != null) {
                Matcher alone = AMOUNT.matcher(next.folded);
                Parsed parsed = alone.matches() ? amount(alone) : null;
                if (parsed != null) {
                    candidates.add(candidate(keyword.field, parsed, line.page, context(line.text) + " / " + context(next.text),
                            Confidence.MEDIUM));
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * SIRETs announced by their party's block rather than by their own keyword: "SIRET : ..." under a heading
     * naming the recipient (client, destinataire, a ministry) or the supplier. A block ends at its first SIRET,
     * at another heading, or after a few lines; a line with two SIRETs (two columns) says nothing.
     */
    private static void partyBlocks(List<Line> lines, List<Candidate> candidates) {
        Field party = null;
        int left = 0;
        for (Line line : lines) {
            String heading = line.folded.strip();
            if (RECIPIENT_HEADING.matcher(heading).find()) {
                party = Field.RECIPIENT_SIRET;
                left = BLOCK_LINES + 1;
            } else if (SUPPLIER_HEADING.matcher(heading).find()) {
                party = Field.SUPPLIER_SIRET;
                left = BLOCK_LINES + 1;
            }
            if (party == null || left-- <= 0) {
                party = null;
                continue;
            }
            if (!SIRET_WORD.matcher(line.folded).find()) {
                continue;
            }
            List<String> sirets = sirets(line);
            if (sirets.size() == 1 && !announcesParty(line)) {
                candidates.add(new Candidate(party, sirets.get(0), line.page, context(line.text), Confidence.MEDIUM,
                        Siret.isValid(sirets.get(0)), false));
            }
            party = null;
        }
    }

    private static boolean announcesParty(Line line) {
        return RECIPIENT_SIRET.pattern.matcher(line.folded).find() || SUPPLIER_SIRET.pattern.matcher(line.folded).find();
    }

    private static List<String> sirets(Line line) {
        List<String> sirets = new ArrayList<>();
        Matcher m = FOURTEEN_DIGITS.matcher(line.folded);
        while (m.find()) {
            sirets.add(m.group().replace(" ", ""));
        }
        return sirets;
    }

    /** The supplier's SIRET when exactly one SIRET printed after the word SIRET is not the recipient's. */
    private static void supplierByElimination(List<List<Line>> pages, String recipient, List<Candidate> candidates) {
        Set<String> others = new LinkedHashSet<>();
        Line where = null;
        for (List<Line> lines : pages) {
            for (Line line : lines) {
                if (SIRET_WORD.matcher(line.folded).find()) {
                    for (String siret : sirets(line)) {
                        if (!siret.equals(recipient) && others.add(siret) && where == null) {
                            where = line;
                        }
                    }
                }
            }
        }
        if (others.size() == 1) {
            String siret = others.iterator().next();
            candidates.add(new Candidate(Field.SUPPLIER_SIRET, siret, where.page, context(where.text), Confidence.LOW,
                    Siret.isValid(siret), false));
        }
    }

    /** The currency after "Devise", or the euro when the amounts recognised carry € or EUR. */
    private static void currency(List<List<Line>> pages, List<Candidate> candidates, Map<Field, Recognition.Value> values) {
        for (List<Line> lines : pages) {
            for (Line line : lines) {
                Matcher m = CURRENCY.matcher(line.folded);
                // "Devise : les montants..." names no currency: only an ISO 4217 code is one.
                if (m.find() && Iso4217.known(m.group(1).toUpperCase(Locale.ROOT))) {
                    candidates.add(new Candidate(Field.CURRENCY, m.group(1).toUpperCase(Locale.ROOT), line.page, context(line.text),
                            Confidence.HIGH, true, false));
                }
            }
        }
        if (candidates.stream().noneMatch(c -> c.field == Field.CURRENCY)) {
            for (Field amount : List.of(Field.TOTAL_AMOUNT, Field.AMOUNT_BEFORE_TAX, Field.VAT_AMOUNT)) {
                Recognition.Value value = values.get(amount);
                Candidate euro = value == null ? null : candidates.stream()
                        .filter(c -> c.field == amount && c.euro && c.value.equals(value.value())).findFirst().orElse(null);
                if (euro != null) {
                    candidates.add(new Candidate(Field.CURRENCY, "EUR", euro.page, euro.context, euro.confidence, true, false));
                    return;
                }
            }
        }
    }

    /**
     * A field's value when its candidates agree and pass their check: the surest of them says where it was read.
     * Otherwise doubtful, with the first candidate that made it so.
     */
    private static void resolve(Field field, List<Candidate> candidates, Map<Field, Recognition.Value> values,
                                List<Recognition.Doubt> doubtful) {
        List<Candidate> found = candidates.stream().filter(c -> c.field == field).toList();
        if (found.isEmpty()) {
            return;
        }
        Candidate failing = found.stream().filter(c -> !c.checked).findFirst().orElse(null);
        if (failing != null) {
            doubtful.add(new Recognition.Doubt(field, failing.value, failing.page, failing.context,
                    "a SIRET failing its check (Luhn): a misprint, or not a SIRET"));
            return;
        }
        Set<String> distinct = new LinkedHashSet<>();
        found.forEach(c -> distinct.add(c.value));
        if (distinct.size() > 1) {
            Candidate first = found.get(0);
            doubtful.add(new Recognition.Doubt(field, first.value, first.page, first.context, "different values found: "
                    + String.join(", ", found.stream().map(c -> c.value + " (page " + c.page + ")").distinct().toList())));
            return;
        }
        Candidate surest = found.stream().min(Comparator.comparing(Candidate::confidence)).orElseThrow();
        values.put(field, new Recognition.Value(field, surest.value, surest.page, surest.context, surest.confidence));
    }

    private static String context(String line) {
        return Printable.capped(line, MAX_CONTEXT);
    }
}
