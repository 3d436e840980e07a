package org.chorusedi.far37;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chorusedi.config.Configuration;
import org.junit.jupiter.api.Test;

class Far37SettingsTest {

    private static final Path ROOT = Path.of("/srv/edi-data");

    private static Far37Settings read(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        all.put("chorus.root", ROOT.toString());
        return Far37Settings.read(Configuration.of(all));
    }

    @Test
    void noSubscriberByDefault() {
        assertEquals(List.of(), read(Map.of()).subscribers());
    }

    @Test
    void eachSubscriberTakesTheDefaultsUnlessItsOwnKeysSaySo() {
        Far37Settings settings = read(Map.of(
                "chorus.far37.subscribers", " AAA001 , BBB002",
                "chorus.far37.gzip", "true",
                "chorus.far37.subscriber.BBB002.folder", "/mnt/partners/bbb",
                "chorus.far37.subscriber.BBB002.delta-cron", "",
                "chorus.far37.subscriber.BBB002.full-cron", "0 30 3 1 * ?",
                "chorus.far37.subscriber.BBB002.timezone", "UTC",
                "chorus.far37.subscriber.BBB002.gzip", "false",
                "chorus.far37.subscriber.BBB002.retention", "0"));

        assertEquals(new Subscriber("AAA001", ROOT.resolve("far37/AAA001"), "0 0 2 ? * SUN", "0 0 2 * * ?",
                ZoneId.of("Europe/Paris"), true, 10), settings.subscriber("AAA001").orElseThrow());
        Subscriber bbb = settings.subscriber("BBB002").orElseThrow();
        assertEquals(Path.of("/mnt/partners/bbb"), bbb.folder());
        assertEquals("0 30 3 1 * ?", bbb.cron(ExtractType.FULL));
        assertNull(bbb.cron(ExtractType.DELTA), "an empty cron: no DELTA on schedule");
        assertEquals(ZoneId.of("UTC"), bbb.timeZone());
        assertEquals(false, bbb.gzip());
        assertEquals(0, bbb.retention());
    }

    @Test
    void aRelativeFolderIsUnderTheRoot() {
        Far37Settings settings = read(Map.of("chorus.far37.subscribers", "AAA001",
                "chorus.far37.subscriber.AAA001.folder", "outbox/far37"));
        assertEquals(ROOT.resolve("outbox/far37"), settings.subscriber("AAA001").orElseThrow().folder());
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        assertMessage("not a partner code", Map.of("chorus.far37.subscribers", "AAA001,B"));
        assertMessage("listed twice", Map.of("chorus.far37.subscribers", "AAA001,AAA001"));
        assertMessage("full-cron: '0 0 2 * *' is not a Quartz cron expression",
                Map.of("chorus.far37.subscribers", "AAA001", "chorus.far37.full-cron", "0 0 2 * *"));
        assertMessage("timezone: 'Europe/Pariss' is not a time zone",
                Map.of("chorus.far37.subscribers", "AAA001", "chorus.far37.subscriber.AAA001.timezone", "Europe/Pariss"));
        assertMessage("retention: '-1' is not a whole number from 0",
                Map.of("chorus.far37.subscribers", "AAA001", "chorus.far37.retention", "-1"));
        assertMessage("gzip: 'yes' is not true or false",
                Map.of("chorus.far37.subscribers", "AAA001", "chorus.far37.gzip", "yes"));
    }

    @Test
    void aWrongDefaultIsRefusedEvenWhenNoSubscriberTakesIt() {
        assertMessage("chorus.far37.full-cron: '0 0 2 * *' is not a Quartz cron expression", Map.of("chorus.far37.full-cron", "0 0 2 * *"));
        assertMessage("chorus.far37.delta-cron: 'hourly' is not a Quartz cron expression",
                Map.of("chorus.far37.subscribers", "AAA001", "chorus.far37.subscriber.AAA001.delta-cron", "0 0 * * * ?",
                        "chorus.far37.delta-cron", "hourly"));
        assertMessage("chorus.far37.timezone: 'Paris' is not a time zone", Map.of("chorus.far37.timezone", "Paris"));
    }

    @Test
    void aWrongValueOfAPartnerNotListedIsRefusedAllTheSame() {
        assertMessage("chorus.far37.subscriber.BBB002.full-cron: '0 0 2 * *' is not a Quartz cron expression",
                Map.of("chorus.far37.subscriber.BBB002.full-cron", "0 0 2 * *"));
        assertMessage("chorus.far37.subscriber.BBB002.retention: 'all' is not a whole number from 0",
                Map.of("chorus.far37.subscribers", "AAA001", "chorus.far37.subscriber.BBB002.retention", "all"));
    }

    private static void assertMessage(String expected, Map<String, String> overrides) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(overrides));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
