package org.chorusedi.rules;

import java.util.HashMap;
import java.util.Map;
import org.chorusedi.config.Configuration;

/**
 * What the EN 16931 business rules do to an invoice (docs/partners/flows-and-checks.md, "The EN 16931 business rules").
 *
 * @param level          {@code chorus.rules.level}
 * @param levelByPartner {@code chorus.rules.level-by-partner}: a sending partner's own level, over the other
 */
public record RulesSettings(RuleLevel level, Map<String, RuleLevel> levelByPartner) {

    private static final String[] LEVELS = {"reject", "warn", "off"};

    public RulesSettings {
        levelByPartner = Map.copyOf(levelByPartner);
    }

    /** Whether the rules are run for some partner. */
    public boolean used() {
        return level != RuleLevel.OFF || levelByPartner.values().stream().anyMatch(partner -> partner != RuleLevel.OFF);
    }

    public static RulesSettings read(Configuration c) {
        RuleLevel level = RuleLevel.of(c.choice("chorus.rules.level", LEVELS));
        Map<String, RuleLevel> byPartner = new HashMap<>();
        c.choicesByPartner("chorus.rules.level-by-partner", LEVELS).forEach((partner, value) -> byPartner.put(partner, RuleLevel.of(value)));
        return new RulesSettings(level, byPartner);
    }
}
