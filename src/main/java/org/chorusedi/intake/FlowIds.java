package org.chorusedi.intake;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.chorusedi.text.Digits;

/**
 * Flow ids: the partner, the UTC time of intake to the millisecond and a number from the ledger's
 * sequence, such as {@code AAA001-20261126T142301123-0001}. The number makes them unique for ever,
 * whatever a restart or a clock stepped back does; the time makes them readable and sortable.
 */
public final class FlowIds {

    /** A flow id as {@link #next} makes it; its first group is the partner. */
    public static final Pattern FORMAT = Pattern.compile("([A-Za-z0-9]{3,8})-\\d{8}T\\d{9}-\\d{4,19}");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final LongSupplier numbers;

    /** {@code numbers}: a sequence that never gives a number twice (the ledger's). */
    public FlowIds(Clock clock, LongSupplier numbers) {
        this.clock = clock;
        this.numbers = numbers;
    }

    public String next(String partner) {
        return partner + "-" + TIME.format(clock.instant()) + "-" + Digits.padded(numbers.getAsLong(), 4);
    }
}
