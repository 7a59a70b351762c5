package io.tradingswarm.operator.planner;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import io.tradingswarm.operator.api.DeniedPeriod;
import io.tradingswarm.operator.api.LocalDateTimes;

/**
 * A denied period resolved to instants, or a chain of them that overlap or touch: forward progress
 * waits from {@code start} until {@code end} (exclusive). {@code reasons} are those of the periods
 * it joins, in the order they start.
 */
public record Freeze(Instant start, Instant end, List<String> reasons) {
    /** How many reasons a message names before it counts the rest. */
    private static final int NAMED_REASONS = 3;

    public Freeze {
        reasons = List.copyOf(reasons);
    }

    /** The period's local date-times in {@code zone}, resolved as the allowed periods are (see {@link ReleaseWindows}). */
    static Freeze of(DeniedPeriod p, ZoneId zone) {
        Instant start = ZonedDateTime.of(LocalDateTimes.parse(p.start), zone).toInstant();
        Instant end = ZonedDateTime.of(LocalDateTimes.parse(p.end), zone).toInstant();
        return new Freeze(start, end, List.of(p.reason));
    }

    boolean covers(Instant now) {
        return !now.isBefore(start) && now.isBefore(end);
    }

    /** This freeze and {@code later} (which starts before this one ends, or as it ends) as one. */
    Freeze join(Freeze later) {
        List<String> all = new ArrayList<>(reasons);
        later.reasons.stream().filter(r -> !all.contains(r)).forEach(all::add);
        return new Freeze(start.isBefore(later.start) ? start : later.start, end.isAfter(later.end) ? end : later.end, all);
    }

    /** The reasons for a message: the first few, then how many more. */
    String why() {
        String named = String.join("; ", reasons.subList(0, Math.min(NAMED_REASONS, reasons.size())));
        int more = reasons.size() - NAMED_REASONS;
        return more > 0 ? named + "; and " + more + " more" : named;
    }
}
