package io.tradingswarm.operator.planner;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.tradingswarm.operator.api.AllowedPeriod;
import io.tradingswarm.operator.api.ReleaseWindow;

/**
 * Release windows in local time: forward progress may go on inside an allowed period (any time,
 * without allow) and outside every denied one. Each local time is resolved to an instant on its own
 * date, so a daylight-saving change moves the instants, not the local hours. A local time that
 * falls into a spring-forward gap is moved later by the length of the gap (02:30 becomes 03:30); one
 * in the repeated hour of a fall-back is taken at its first occurrence.
 */
public final class ReleaseWindows {
    private ReleaseWindows() {
    }

    /** Forward progress may go on at {@code now}. */
    public static boolean open(ReleaseWindow w, Instant now) {
        return allowed(w, now) && freezeAt(w, now).isEmpty();
    }

    /**
     * The first instant after {@code now} at which forward progress may go on: a freeze lifts
     * inside an allowed period, or an allowed period opens outside every freeze (looking eight days
     * past {@code now} or past the freeze it waits out); null if none.
     */
    public static Instant nextOpening(ReleaseWindow w, Instant now) {
        List<Freeze> freezes = freezes(w);
        Instant at = now;
        for (int passes = 0; passes <= 2 * freezes.size() + 1; passes++) {
            Optional<Freeze> freeze = chainAt(freezes, at);
            if (freeze.isPresent()) {
                at = freeze.get().end();
            } else if (at.isAfter(now) && allowed(w, at)) {
                return at;
            } else {
                at = nextAllowed(w, at);
                if (at == null) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * The freeze that holds at {@code now}: the denied periods that cover it, joined with those that
     * overlap or touch them, so it lifts at the end of the chain.
     */
    public static Optional<Freeze> freezeAt(ReleaseWindow w, Instant now) {
        return chainAt(freezes(w), now);
    }

    /** The first instant after {@code now} at which a denied period starts, if any. */
    public static Optional<Instant> nextFreeze(ReleaseWindow w, Instant now) {
        return freezes(w).stream().map(Freeze::start).filter(s -> s.isAfter(now)).findFirst();
    }

    private static Optional<Freeze> chainAt(List<Freeze> freezes, Instant now) {
        Freeze chain = null;
        for (Freeze f : freezes) {
            if (chain == null && f.covers(now)) {
                chain = f;
            } else if (chain != null && !f.start().isAfter(chain.end())) {
                chain = chain.join(f);
            }
        }
        return Optional.ofNullable(chain);
    }

    /** The denied periods, parsed once per question, in the order they start. */
    private static List<Freeze> freezes(ReleaseWindow w) {
        if (w.deny == null) {
            return List.of();
        }
        ZoneId zone = ZoneId.of(w.timeZone);
        return w.deny.stream().map(p -> Freeze.of(p, zone)).sorted(Comparator.comparing(Freeze::start)).toList();
    }

    /** Inside an allowed period, or any time without allow. */
    private static boolean allowed(ReleaseWindow w, Instant now) {
        if (w.allow == null) {
            return true;
        }
        ZoneId zone = ZoneId.of(w.timeZone);
        LocalDate today = now.atZone(zone).toLocalDate();
        for (LocalDate day = today.minusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
            for (AllowedPeriod p : w.allow) {
                if (startsOn(p, day) && !now.isBefore(start(p, day, zone)) && now.isBefore(end(p, day, zone))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first instant after {@code now} at which an allowed period opens (within the next eight days), or null. */
    private static Instant nextAllowed(ReleaseWindow w, Instant now) {
        if (w.allow == null) {
            return null;
        }
        ZoneId zone = ZoneId.of(w.timeZone);
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant best = null;
        for (LocalDate day = today; day.isBefore(today.plusDays(8)); day = day.plusDays(1)) {
            for (AllowedPeriod p : w.allow) {
                Instant start = startsOn(p, day) ? start(p, day, zone) : null;
                if (start != null && start.isAfter(now) && (best == null || start.isBefore(best))) {
                    best = start;
                }
            }
        }
        return best;
    }

    private static boolean startsOn(AllowedPeriod p, LocalDate day) {
        String name = day.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        return p.days.contains(name);
    }

    private static Instant start(AllowedPeriod p, LocalDate day, ZoneId zone) {
        return ZonedDateTime.of(day, LocalTime.parse(p.start), zone).toInstant();
    }

    private static Instant end(AllowedPeriod p, LocalDate day, ZoneId zone) {
        LocalDate endDay = p.end.equals("24:00") || !LocalTime.parse(p.end).isAfter(LocalTime.parse(p.start))
                ? day.plusDays(1) : day;
        LocalTime endTime = p.end.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(p.end);
        return ZonedDateTime.of(endDay, endTime, zone).toInstant();
    }
}
