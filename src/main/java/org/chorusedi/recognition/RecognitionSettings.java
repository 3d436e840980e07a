package org.chorusedi.recognition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.chorusedi.config.Configuration;
import org.chorusedi.config.InvalidSetting;

/**
 * Whether a plain PDF dropped by a partner is recognised (docs/partners/pdf-deposit.md): when it is not, a PDF
 * without an embedded invoice is refused (F13) as before recognition was built.
 *
 * @param on            {@code chorus.pdf.recognition}
 * @param byPartner     {@code chorus.pdf.recognition-by-partner}: a sending partner's own choice, over the other
 * @param draftLifetime {@code chorus.pdf.draft-hours}: how long a PDF draft deposited over the API waits for its
 *                      submission before it is deleted
 */
public record RecognitionSettings(boolean on, Map<String, Boolean> byPartner, Duration draftLifetime) {

    /** Every partner's PDFs recognised, drafts kept a day: the defaults. */
    public static final RecognitionSettings ON = new RecognitionSettings(true, Map.of(), Duration.ofHours(24));
    /** A draft waits a month at most: what is not submitted by then is not coming. */
    static final long MAX_DRAFT_HOURS = 24 * 31;

    private static final String[] CHOICES = {"on", "off"};

    public RecognitionSettings {
        byPartner = Map.copyOf(byPartner);
    }

    public static RecognitionSettings read(Configuration c) {
        boolean on = c.choice("chorus.pdf.recognition", CHOICES).equals("on");
        Map<String, Boolean> byPartner = new HashMap<>();
        c.choicesByPartner("chorus.pdf.recognition-by-partner", CHOICES).forEach((partner, value) -> byPartner.put(partner, value.equals("on")));
        long hours = c.number("chorus.pdf.draft-hours", 1);
        if (hours > MAX_DRAFT_HOURS) {
            throw new InvalidSetting("chorus.pdf.draft-hours", Long.toString(hours), "a whole number of hours from 1 to " + MAX_DRAFT_HOURS);
        }
        return new RecognitionSettings(on, byPartner, Duration.ofHours(hours));
    }

    /** Whether this partner's plain PDFs are recognised. */
    public boolean on(String partner) {
        return byPartner.getOrDefault(partner, on);
    }
}
