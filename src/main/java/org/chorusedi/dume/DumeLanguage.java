package org.chorusedi.dume;

import java.util.Locale;
import java.util.Optional;

/** The languages of a DUME's page: French, the default, and English. */
public enum DumeLanguage {
    FR, EN;

    /** "fr" or "en", any case; empty for anything else. */
    public static Optional<DumeLanguage> of(String code) {
        return switch (code == null ? "" : code.toLowerCase(Locale.ROOT)) {
            case "fr" -> Optional.of(FR);
            case "en" -> Optional.of(EN);
            default -> Optional.empty();
        };
    }

    /** The page's lang attribute. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
