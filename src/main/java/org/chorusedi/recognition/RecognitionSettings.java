package org.chorusedi.recognition;

import java.util.HashMap;
import java.util.Map;
import org.chorusedi.config.Configuration;

/**
 * Whether a plain PDF dropped by a partner is recognised (docs/partners/pdf-deposit.md): when it is not, a PDF
 * without an embedded invoice is refused (F13) as before recognition was built.
 *
 * @param on        {@code chorus.pdf.recognition}
 * @param byPartner {@code chorus.pdf.recognition-by-partner}: a sending partner's own choice, over the other
 */
public record RecognitionSettings(boolean on, Map<String, Boolean> byPartner) {

    /** Every partner's PDFs recognised: the default. */
    public static final RecognitionSettings ON = new RecognitionSettings(true, Map.of());

    private static final String[] CHOICES = {"on", "off"};

    public RecognitionSettings {
        byPartner = Map.copyOf(byPartner);
    }

    public static RecognitionSettings read(Configuration c) {
        boolean on = c.choice("chorus.pdf.recognition", CHOICES).equals("on");
        Map<String, Boolean> byPartner = new HashMap<>();
        c.choicesByPartner("chorus.pdf.recognition-by-partner", CHOICES).forEach((partner, value) -> byPartner.put(partner, value.equals("on")));
        return new RecognitionSettings(on, byPartner);
    }

    /** Whether this partner's plain PDFs are recognised. */
    public boolean on(String partner) {
        return byPartner.getOrDefault(partner, on);
    }
}
