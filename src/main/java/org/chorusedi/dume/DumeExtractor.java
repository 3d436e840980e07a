package org.chorusedi.dume;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chorusedi.dume.Dume.Criterion;
import org.chorusedi.dume.Dume.Family;
import org.chorusedi.dume.Dume.Party;
import org.chorusedi.dume.Dume.Procedure;
import org.chorusedi.dume.Dume.Property;
import org.chorusedi.dume.Dume.PropertyGroup;

/** A valid DUME's tree read into a {@link Dume}: what the ESPD Exchange Data Model puts where. */
final class DumeExtractor {

    /** A criterion's legislation id in the ESPD taxonomy of the models 3 and 4: C<n>_<group>_<code>. */
    private static final Pattern TAXONOMY = Pattern.compile("C\\d+_(EG|SC|OT)_");

    /** What a requirement may state the buyer expects, in the order looked for. */
    private static final List<String> EXPECTED = List.of("ExpectedDescription", "ExpectedAmount", "ExpectedCode", "ExpectedID",
            "ExpectedValueNumeric", "MinimumAmount", "MaximumAmount", "MinimumValueNumeric", "MaximumValueNumeric",
            "CertificationLevelDescription");

    private DumeExtractor() {
    }

    static Dume extract(DumeElement root, boolean response) {
        Map<String, List<String>> answers = response ? answers(root) : Map.of();
        List<Criterion> criteria = root.all("TenderingCriterion").map(c -> criterion(c, answers)).toList();
        return new Dume(response ? Dume.Kind.RESPONSE : Dume.Kind.REQUEST, root.basic("ID").orElse(""), root.basic("UUID"),
                issued(root), root.basic("VersionID"), procedure(root),
                party(root.first("ContractingParty").flatMap(p -> p.first("Party"))),
                response ? Optional.of(party(root.first("EconomicOperatorParty").flatMap(p -> p.first("Party")))) : Optional.empty(),
                criteria);
    }

    private static Optional<String> issued(DumeElement root) {
        String issued = Stream.of(root.basic("IssueDate"), root.basic("IssueTime")).flatMap(Optional::stream)
                .collect(Collectors.joining(" "));
        return issued.isEmpty() ? Optional.empty() : Optional.of(issued);
    }

    private static Procedure procedure(DumeElement root) {
        Optional<DumeElement> project = root.first("ProcurementProject");
        Optional<DumeElement> notice = root.first("AdditionalDocumentReference");
        Optional<DumeElement> reference = notice.flatMap(n -> n.first("Attachment")).flatMap(a -> a.first("ExternalReference"));
        return new Procedure(root.basic("ContractFolderID"),
                project.flatMap(p -> p.basic("Name")).or(() -> reference.flatMap(r -> r.basic("FileName"))),
                project.flatMap(p -> p.basic("Description")).or(() -> reference.flatMap(r -> r.basic("Description"))),
                root.basic("ProcedureCode"), notice.flatMap(n -> n.basic("ID")),
                root.all("ProcurementProjectLot").map(l -> l.basic("ID")).flatMap(Optional::stream).toList());
    }

    private static Party party(Optional<DumeElement> found) {
        if (found.isEmpty()) {
            return new Party(Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        DumeElement party = found.get();
        Optional<DumeElement> address = party.first("PostalAddress");
        return new Party(party.path("PartyName", "Name"),
                party.all("PartyIdentification").map(i -> i.basic("ID")).flatMap(Optional::stream).toList(),
                address.flatMap(a -> joined(", ", a.basic("StreetName"), a.basic("AdditionalStreetName"),
                        joined(" ", a.basic("PostalZone"), a.basic("CityName")))),
                address.flatMap(a -> a.path("Country", "IdentificationCode")),
                party.basic("WebsiteURI"),
                party.first("Contact").flatMap(c -> joined(" · ", c.basic("Name"), c.basic("Telephone"), c.basic("ElectronicMail"))));
    }

    private static Criterion criterion(DumeElement criterion, Map<String, List<String>> answers) {
        String code = criterion.basic("CriterionTypeCode").orElse("");
        return new Criterion(criterion.basic("ID").orElse(""), code, family(code, criterion.path("Legislation", "ID")), criterion.basic("Name"),
                criterion.basic("Description"), criterion.all("TenderingCriterionPropertyGroup").map(g -> group(g, answers)).toList());
    }

    /**
     * A criterion's group. The ESPD-EDM 2.x type code names it: CRITERION.EXCLUSION..., CRITERION.SELECTION.... The
     * models 3 and 4 give a short code of the EU's criterion table (crime-org, trade-regist) and name the group in the
     * taxonomy id of the criterion's legislation: C1_EG_crime-org/L1 (EG exclusion grounds, SC selection criteria,
     * OT the others). Anything else is among the others.
     */
    private static Family family(String code, Optional<String> legislation) {
        if (code.startsWith("CRITERION.EXCLUSION.")) {
            return Family.EXCLUSION;
        }
        if (code.startsWith("CRITERION.SELECTION.")) {
            return Family.SELECTION;
        }
        Matcher taxonomy = TAXONOMY.matcher(legislation.orElse(""));
        if (taxonomy.lookingAt()) {
            return switch (taxonomy.group(1)) {
                case "EG" -> Family.EXCLUSION;
                case "SC" -> Family.SELECTION;
                default -> Family.OTHER;
            };
        }
        return Family.OTHER;
    }

    private static PropertyGroup group(DumeElement group, Map<String, List<String>> answers) {
        return new PropertyGroup(group.basic("ID").orElse(""), group.basic("PropertyGroupTypeCode"),
                group.all("TenderingCriterionProperty").map(p -> property(p, answers)).toList(),
                group.all("SubsidiaryTenderingCriterionPropertyGroup").map(g -> group(g, answers)).toList());
    }

    private static Property property(DumeElement property, Map<String, List<String>> answers) {
        String id = property.basic("ID").orElse("");
        Optional<String> expected = EXPECTED.stream().map(name -> valued(property, name)).flatMap(Optional::stream).findFirst();
        return new Property(id, property.basic("Description"), property.basic("TypeCode"), property.basic("ValueDataTypeCode"),
                expected, answers.getOrDefault(id, List.of()));
    }

    /** A response's answers by the id of the property each answers (cbc:ValidatedCriterionPropertyID). */
    private static Map<String, List<String>> answers(DumeElement root) {
        Map<String, String> evidence = new HashMap<>();
        root.all("Evidence").forEach(e -> e.basic("ID").ifPresent(id -> evidence.put(id, e.first("DocumentReference")
                .flatMap(d -> d.first("Attachment")).flatMap(a -> a.first("ExternalReference"))
                .flatMap(r -> r.basic("URI").or(() -> r.basic("Description"))).map(uri -> id + " (" + uri + ")").orElse(id))));
        Map<String, List<String>> answers = new HashMap<>();
        root.all("TenderingCriterionResponse").forEach(response -> response.basic("ValidatedCriterionPropertyID").ifPresent(id -> {
            List<String> values = new ArrayList<>();
            response.all("ResponseValue").forEach(value -> value.children().stream()
                    .filter(c -> c.namespace().equals(DumeElement.CBC) && !c.name().equals("ID"))
                    .map(DumeElement::withUnit).filter(t -> !t.isEmpty()).forEach(values::add));
            response.all("ApplicablePeriod").forEach(period -> joined(" – ", period.basic("StartDate"), period.basic("EndDate"))
                    .ifPresent(values::add));
            response.all("EvidenceSupplied").forEach(supplied -> supplied.basic("ID")
                    .ifPresent(e -> values.add("→ " + evidence.getOrDefault(e, e))));
            answers.computeIfAbsent(id, k -> new ArrayList<>()).addAll(values);
        }));
        return answers;
    }

    private static Optional<String> valued(DumeElement element, String name) {
        return element.children().stream().filter(c -> c.namespace().equals(DumeElement.CBC) && c.name().equals(name))
                .map(DumeElement::withUnit).filter(t -> !t.isEmpty()).findFirst();
    }

    @SafeVarargs
    private static Optional<String> joined(String separator, Optional<String>... parts) {
        String joined = Stream.of(parts).flatMap(Optional::stream).collect(Collectors.joining(separator));
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }
}
