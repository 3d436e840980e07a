package org.chorusedi.dume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One element of a DUME as read: its name, its attributes, its text, its children. A DUME is small (the public
 * EXTENDED response is 1.2 MB) and read whole under {@link DumeReader#MAX_BYTES}, so a tree is the plain way to
 * follow its cross-references (a response's answers point to the criteria's properties by id).
 */
final class DumeElement {

    static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    private final String namespace;
    private final String name;
    private final Map<String, String> attributes;
    private final StringBuilder text = new StringBuilder();
    private final List<DumeElement> children = new ArrayList<>();

    DumeElement(String namespace, String name, Map<String, String> attributes) {
        this.namespace = namespace;
        this.name = name;
        this.attributes = attributes;
    }

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    void appendText(char[] chars, int start, int length) {
        text.append(chars, start, length);
    }

    void add(DumeElement child) {
        children.add(child);
    }

    /** The text, trimmed. */
    String text() {
        return text.toString().strip();
    }

    /** The text with its currency or unit, when it has one (an amount, a quantity, a measure). */
    static String withUnit(DumeElement value) {
        String unit = value.attributes.getOrDefault("currencyID", value.attributes.getOrDefault("unitCode", ""));
        return unit.isEmpty() ? value.text() : value.text() + " " + unit;
    }

    List<DumeElement> children() {
        return children;
    }

    /** The children of that name in the cac (aggregate) namespace. */
    Stream<DumeElement> all(String local) {
        return children.stream().filter(c -> c.name.equals(local) && c.namespace.equals(CAC));
    }

    Optional<DumeElement> first(String local) {
        return all(local).findFirst();
    }

    /** The text of the first cbc (basic) child of that name, when it has one. */
    Optional<String> basic(String local) {
        return children.stream().filter(c -> c.name.equals(local) && c.namespace.equals(CBC)).map(DumeElement::text)
                .filter(t -> !t.isEmpty()).findFirst();
    }

    /** Down a path of cac children, then a cbc one: {@code path("Party", "PartyName", "Name")}. */
    Optional<String> path(String... names) {
        Optional<DumeElement> at = Optional.of(this);
        for (int i = 0; i < names.length - 1 && at.isPresent(); i++) {
            String next = names[i];
            at = at.flatMap(e -> e.first(next));
        }
        return at.flatMap(e -> e.basic(names[names.length - 1]));
    }
}
