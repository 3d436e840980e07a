package org.chorusedi.far37;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * A FAR37 subscriber: an EDI partner that receives the directory as extracts in its folder.
 *
 * @param fullCron Quartz cron expression of its FULL extracts; null: none on schedule
 * @param deltaCron Quartz cron expression of its DELTA extracts; null: none on schedule
 * @param retention how many of its extracts its folder keeps (the latest); 0: all of them
 */
public record Subscriber(
        String code,
        Path folder,
        String fullCron,
        String deltaCron,
        ZoneId timeZone,
        boolean gzip,
        int retention) {

    /** The cron expression of that type of extract, or null when it is not scheduled. */
    public String cron(ExtractType type) {
        return type == ExtractType.FULL ? fullCron : deltaCron;
    }
}
