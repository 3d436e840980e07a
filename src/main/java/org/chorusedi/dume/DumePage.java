package org.chorusedi.dume;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.chorusedi.dume.Dume.Criterion;
import org.chorusedi.dume.Dume.Family;
import org.chorusedi.dume.Dume.Party;
import org.chorusedi.dume.Dume.Property;
import org.chorusedi.dume.Dume.PropertyGroup;

/**
 * A DUME as one HTML page anyone can read (docs/operators/dume.md): self-contained (its style inline, nothing
 * fetched), in French or English, headings and tables a screen reader can follow. Every text of the file is
 * escaped: the page shows what a DUME says, never runs it.
 */
public final class DumePage {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f6f6;line-height:1.4}
            main{max-width:70rem;margin:0 auto;padding:1rem 1.5rem;background:#fff}
            h1{font-size:1.6rem;color:#000091}h2{font-size:1.3rem;border-bottom:2px solid #000091;padding-bottom:.2rem;margin-top:2rem}
            h3{font-size:1.1rem;margin:1.5rem 0 .3rem}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-style:italic;padding:.2rem 0}
            th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}thead th{background:#e3e3fd}
            tr.group th{background:#f0f0f0;font-weight:600}.code{color:#555;font-size:.85rem;word-break:break-all}
            .answer{font-weight:600}.none{color:#666;font-style:italic}.problems td:first-child,.problems td:nth-child(2){white-space:nowrap}
            nav ul{columns:2}""";

    private DumePage() {
    }

    /** The page of a valid DUME. */
    public static String of(Dume dume, DumeLanguage lang) {
        Html h = new Html(lang);
        String title = label(dume.kind() == Dume.Kind.REQUEST ? DumeLabel.REQUEST : DumeLabel.RESPONSE, lang);
        h.open(title + " " + dume.id());
        h.raw("<h1>").text(title).raw("</h1>\n");
        h.raw("<section aria-labelledby=\"document\"><h2 id=\"document\">").label(DumeLabel.DOCUMENT).raw("</h2>\n<dl>");
        h.entry(DumeLabel.IDENTIFIER, Optional.of(dume.id()));
        h.entry(DumeLabel.UUID, dume.uuid());
        h.entry(DumeLabel.ISSUED, dume.issued());
        h.entry(DumeLabel.VERSION, dume.version());
        h.raw("</dl></section>\n");
        Dume.Procedure procedure = dume.procedure();
        h.raw("<section aria-labelledby=\"procedure\"><h2 id=\"procedure\">").label(DumeLabel.PROCEDURE).raw("</h2>\n<dl>");
        h.entry(DumeLabel.TITLE, procedure.title());
        h.entry(DumeLabel.DESCRIPTION, procedure.description());
        h.entry(DumeLabel.REFERENCE, procedure.reference());
        h.entry(DumeLabel.PROCEDURE_CODE, procedure.code());
        h.entry(DumeLabel.NOTICE, procedure.notice());
        if (!procedure.lots().isEmpty()) {
            h.entry(DumeLabel.LOTS, Optional.of(String.join(", ", procedure.lots())));
        }
        h.raw("</dl></section>\n");
        party(h, "buyer", DumeLabel.BUYER, dume.buyer());
        dume.economicOperator().ifPresent(operator -> party(h, "operator", DumeLabel.OPERATOR, operator));
        contents(h, dume);
        int number = 0;
        for (Family family : Family.values()) {
            List<Criterion> criteria = dume.criteria().stream().filter(c -> c.family() == family).toList();
            if (criteria.isEmpty()) {
                continue;
            }
            String id = family.name().toLowerCase(Locale.ROOT);
            h.raw("<section aria-labelledby=\"").raw(id).raw("\"><h2 id=\"").raw(id).raw("\">").label(familyLabel(family))
                    .raw("</h2>\n");
            for (Criterion criterion : criteria) {
                criterion(h, criterion, ++number, dume.kind() == Dume.Kind.RESPONSE);
            }
            h.raw("</section>\n");
        }
        return h.close();
    }

    /** The page of a file refused, with every reason and its place. */
    public static String refused(String fileName, List<DumeProblem> problems, DumeLanguage lang) {
        Html h = new Html(lang);
        h.open(label(DumeLabel.REFUSED, lang) + " " + fileName);
        h.raw("<h1>").label(DumeLabel.REFUSED).raw("</h1>\n<p>").label(DumeLabel.FILE).colon().text(fileName).raw("</p>\n<p>")
                .label(DumeLabel.REFUSED_INTRO).raw("</p>\n");
        h.raw("<table class=\"problems\" id=\"problems\"><thead><tr><th scope=\"col\">").label(DumeLabel.LINE)
                .raw("</th><th scope=\"col\">").label(DumeLabel.COLUMN).raw("</th><th scope=\"col\">").label(DumeLabel.PROBLEM)
                .raw("</th></tr></thead>\n<tbody>\n");
        for (DumeProblem problem : problems) {
            h.raw("<tr><td>").raw(problem.line() == 0 ? "–" : String.valueOf(problem.line())).raw("</td><td>")
                    .raw(problem.line() == 0 ? "–" : String.valueOf(problem.column())).raw("</td><td>").text(problem.message())
                    .raw("</td></tr>\n");
        }
        h.raw("</tbody></table>\n");
        return h.close();
    }

    private static void party(Html h, String id, DumeLabel heading, Party party) {
        h.raw("<section aria-labelledby=\"").raw(id).raw("\"><h2 id=\"").raw(id).raw("\">").label(heading).raw("</h2>\n<dl>");
        h.entry(DumeLabel.NAME, party.name());
        h.entry(DumeLabel.IDENTIFIERS, party.identifiers().isEmpty() ? Optional.empty() : Optional.of(String.join(", ", party.identifiers())));
        h.entry(DumeLabel.ADDRESS, party.address());
        h.entry(DumeLabel.COUNTRY, party.country());
        h.entry(DumeLabel.WEBSITE, party.website());
        h.entry(DumeLabel.CONTACT, party.contact());
        h.raw("</dl></section>\n");
    }

    private static void contents(Html h, Dume dume) {
        h.raw("<nav aria-labelledby=\"contents\"><h2 id=\"contents\">").label(DumeLabel.CONTENTS).raw("</h2>\n<ul>");
        for (Family family : Family.values()) {
            long count = dume.criteria().stream().filter(c -> c.family() == family).count();
            if (count > 0) {
                h.raw("<li><a href=\"#").raw(family.name().toLowerCase(Locale.ROOT)).raw("\">").label(familyLabel(family))
                        .raw("</a> (").raw(String.valueOf(count)).raw(" ").label(DumeLabel.CRITERIA_COUNT).raw(")</li>");
            }
        }
        h.raw("</ul></nav>\n");
    }

    private static void criterion(Html h, Criterion criterion, int number, boolean response) {
        String id = "criterion-" + number;
        String name = criterion.name().orElse(criterion.typeCode());
        h.raw("<section class=\"criterion\" aria-labelledby=\"").raw(id).raw("\"><h3 id=\"").raw(id).raw("\">").text(name).raw("</h3>\n");
        criterion.description().ifPresent(d -> h.raw("<p>").text(d).raw("</p>\n"));
        h.raw("<p class=\"code\">").label(DumeLabel.CODE).colon().text(criterion.typeCode()).raw("</p>\n");
        if (!criterion.groups().isEmpty()) {
            h.raw("<table><caption>").text(name).raw("</caption><thead><tr><th scope=\"col\">").label(DumeLabel.QUESTION)
                    .raw("</th><th scope=\"col\">").label(DumeLabel.TYPE).raw("</th><th scope=\"col\">").label(DumeLabel.EXPECTED)
                    .raw("</th>");
            if (response) {
                h.raw("<th scope=\"col\">").label(DumeLabel.ANSWER).raw("</th>");
            }
            h.raw("</tr></thead>\n<tbody>\n");
            for (PropertyGroup group : criterion.groups()) {
                group(h, group, 0, response);
            }
            h.raw("</tbody></table>\n");
        }
        h.raw("</section>\n");
    }

    private static void group(Html h, PropertyGroup group, int level, boolean response) {
        String condition = group.condition().orElse("");
        DumeLabel when = switch (condition) {
            case "ONTRUE" -> DumeLabel.IF_YES;
            case "ONFALSE" -> DumeLabel.IF_NO;
            default -> DumeLabel.ALWAYS;
        };
        h.raw("<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"").raw(response ? "4" : "3").raw("\"").indent(level).raw(">")
                .label(when).raw(condition.isEmpty() ? "" : " (" + escape(condition) + ")").raw("</th></tr>\n");
        for (Property property : group.properties()) {
            h.raw("<tr><td").indent(level + 1).raw(">").text(property.description().orElse(property.id())).raw("</td><td>")
                    .text(property.type().orElse("")).text(property.valueType().map(v -> " / " + v).orElse("")).raw("</td><td>")
                    .text(property.expected().orElse("")).raw("</td>");
            if (response) {
                h.raw("<td>");
                if (property.answers().isEmpty()) {
                    h.raw("<span class=\"none\">").label(DumeLabel.NO_ANSWER).raw("</span>");
                } else {
                    for (int i = 0; i < property.answers().size(); i++) {
                        h.raw(i == 0 ? "" : "<br>").raw("<span class=\"answer\">")
                                .text(indicator(property.answers().get(i), h.lang)).raw("</span>");
                    }
                }
                h.raw("</td>");
            }
            h.raw("</tr>\n");
        }
        for (PropertyGroup subgroup : group.subgroups()) {
            group(h, subgroup, level + 1, response);
        }
    }

    private static String indicator(String answer, DumeLanguage lang) {
        return switch (answer) {
            case "true" -> label(DumeLabel.YES, lang);
            case "false" -> label(DumeLabel.NO, lang);
            default -> answer;
        };
    }

    private static DumeLabel familyLabel(Family family) {
        return switch (family) {
            case EXCLUSION -> DumeLabel.EXCLUSION;
            case SELECTION -> DumeLabel.SELECTION;
            case OTHER -> DumeLabel.OTHER;
        };
    }

    private static String label(DumeLabel label, DumeLanguage lang) {
        return label.in(lang);
    }

    /** Text for HTML, in content and in attribute values alike. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The page being written: raw markup of ours, or text of the file, escaped. */
    private static final class Html {
        private final StringBuilder out = new StringBuilder(64 * 1024);
        private final DumeLanguage lang;

        Html(DumeLanguage lang) {
            this.lang = lang;
        }

        void open(String title) {
            raw("<!DOCTYPE html>\n<html lang=\"").raw(lang.code()).raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").text(title)
                    .raw("</title>\n<style>\n").raw(STYLE).raw("\n</style>\n</head>\n<body>\n<main>\n");
        }

        String close() {
            raw("</main>\n</body>\n</html>\n");
            return out.toString();
        }

        Html raw(String markup) {
            out.append(markup);
            return this;
        }

        Html text(String text) {
            out.append(escape(text));
            return this;
        }

        Html label(DumeLabel label) {
            return text(label.in(lang));
        }

        /** French puts a space before a colon. */
        Html colon() {
            return raw(lang == DumeLanguage.FR ? " : " : ": ");
        }

        Html indent(int level) {
            return level == 0 ? this : raw(" style=\"padding-left:" + (0.5 + 1.5 * Math.min(level, 12)) + "rem\"");
        }

        void entry(DumeLabel label, Optional<String> value) {
            raw("<dt>").label(label).raw("</dt><dd>");
            if (value.isPresent()) {
                text(value.get());
            } else {
                raw("<span class=\"none\">").label(DumeLabel.NONE).raw("</span>");
            }
            raw("</dd>");
        }
    }
}
