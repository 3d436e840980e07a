package org.chorusedi.recognition;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.chorusedi.text.Printable;

/**
 * What recognition read in a PDF, told to its sender: every value found with its page and the text around it, what
 * was doubtful and why, what is missing and which keywords announce it, then the four rules that make a PDF
 * readable. It goes to the sender's acknowledgements beside the flow's report (docs/partners/pdf-deposit.md).
 */
public final class RecognitionReport {

    /** Its name in a flow's staging folder; it is published as AcknowledgementFile.RECOGNITION, {@code ack/<partner>/<flow id>.reconnaissance.txt}. */
    public static final String STAGED_NAME = "reconnaissance.txt";

    /** The seed's four rules, as a sender can act on them. */
    static final List<String> RULES = List.of(
            "A text PDF, made by a word processor or an invoicing program: not a scan, not an image of the invoice.",
            "Each value announced by its keyword, on its line or alone on the next one (the keywords are listed above).",
            "A space between a keyword, its value and the next field.",
            "Black text on a white background.");

    private RecognitionReport() {
    }

    /** One line per missing required field and per doubt: why the PDF cannot be taken as it is. */
    public static List<String> problems(Recognition recognition) {
        List<String> problems = new ArrayList<>();
        for (Field field : recognition.missing()) {
            if (recognition.doubtful().stream().noneMatch(d -> d.field() == field)) {
                problems.add(field.label() + " not found on pages " + pages(recognition) + ": print it after one of " + keywords(field));
            }
        }
        for (Recognition.Doubt doubt : recognition.doubtful()) {
            problems.add(field(doubt.field()) + " " + Printable.of(doubt.value()) + " on page " + doubt.page() + " is doubtful: " + doubt.why()
                    + " (\"" + Printable.of(doubt.context()) + "\")");
        }
        return problems;
    }

    /** The report, in plain text. */
    public static String text(String fileName, Recognition recognition) {
        StringBuilder out = new StringBuilder();
        out.append("What chorus-edi read in ").append(Printable.of(fileName)).append('\n');
        out.append("Pages read: ").append(pages(recognition)).append(" of ").append(recognition.pageCount())
                .append(" (the first, the one before the last and the last, as Chorus Pro reads them)\n");
        out.append(recognition.complete()
                ? "Outcome: every required value was found without doubt; the invoice's data were built from them.\n"
                : "Outcome: rejected (F16). Print what is missing or doubtful as said below, then send the PDF again.\n");
        out.append("\nFound:\n");
        if (recognition.values().isEmpty()) {
            out.append("- nothing\n");
        }
        for (Recognition.Value value : recognition.values()) {
            out.append("- ").append(value.field().label()).append(": ").append(Printable.of(value.value())).append(", page ").append(value.page())
                    .append(", ").append(confidence(value.confidence())).append(": \"").append(Printable.of(value.context())).append("\"\n");
        }
        if (!recognition.doubtful().isEmpty()) {
            out.append("\nDoubtful, not used:\n");
            for (Recognition.Doubt doubt : recognition.doubtful()) {
                out.append("- ").append(doubt.field().label()).append(": ").append(Printable.of(doubt.value())).append(", page ").append(doubt.page())
                        .append(": ").append(doubt.why()).append(": \"").append(Printable.of(doubt.context())).append("\"\n");
            }
        }
        // Every field without a value, but those said doubtful above.
        List<Field> absent = new ArrayList<>();
        for (Field field : Field.values()) {
            if (recognition.value(field).isEmpty() && recognition.doubtful().stream().noneMatch(d -> d.field() == field)) {
                absent.add(field);
            }
        }
        if (!absent.isEmpty()) {
            out.append("\nNot found:\n");
            for (Field field : absent) {
                out.append("- ").append(field.label()).append(need(field))
                        .append(": print it after one of ").append(keywords(field)).append('\n');
            }
        }
        out.append("\nWhat makes a PDF readable:\n");
        for (int i = 0; i < RULES.size(); i++) {
            out.append(i + 1).append(". ").append(RULES.get(i)).append('\n');
        }
        return out.toString();
    }

    private static String need(Field field) {
        if (field.required()) {
            return " (required)";
        }
        return switch (field) {
            case SERVICE_CODE, ENGAGEMENT -> " (required by some recipients: the directory says which)";
            case CURRENCY -> " (EUR is taken)";
            default -> " (optional)";
        };
    }

    private static String field(Field field) {
        String label = field.label();
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private static String pages(Recognition recognition) {
        return recognition.pagesRead().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String keywords(Field field) {
        return field.keywords().stream().map(k -> k.startsWith("a heading") || k.contains("(") ? k : "\"" + k + "\"")
                .collect(Collectors.joining(", "));
    }

    private static String confidence(Confidence confidence) {
        return switch (confidence) {
            case HIGH -> "after its keyword";
            case MEDIUM -> "under its keyword or its party's heading";
            case LOW -> "the only other SIRET printed";
        };
    }
}
