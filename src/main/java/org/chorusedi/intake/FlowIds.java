package org.chorusedi.intake;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Flow ids: the partner, the UTC time of intake to the millisecond and a counter, such as
 * {@code AAA001-20261126T142301123-0001}. Unique, sortable, and they never change once given.
 */
public final class FlowIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final AtomicLong counter = new AtomicLong();

    public FlowIds(Clock clock) {
        this.clock = clock;
    }

    public String next(String partner) {
        return partner + "-" + TIME.format(clock.instant()) + "-" + String.format("%04d", counter.incrementAndGet() % 10_000);
    }
}
