package io.tradingswarm.operator.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

import io.tradingswarm.operator.api.AllowedPeriod;
import io.tradingswarm.operator.api.DeniedPeriod;
import io.tradingswarm.operator.api.ReleaseWindow;

/**
 * Whether a release window is open, worked out from the API's words: inside an allowed period (days,
 * local start, local end; any time without allow) and inside no denied one (local date-times).
 */
final class ReleaseWindowClock {
    private ReleaseWindowClock() {
    }

    static boolean open(ReleaseWindow window, Instant now) {
        if (window == null) {
            return true;
        }
        ZoneId zone = ZoneId.of(window.timeZone);
        for (DeniedPeriod p : window.deny == null ? java.util.List.<DeniedPeriod>of() : window.deny) {
            Instant from = java.time.LocalDateTime.parse(p.start).atZone(zone).toInstant();
            Instant to = java.time.LocalDateTime.parse(p.end).atZone(zone).toInstant();
            if (!now.isBefore(from) && now.isBefore(to)) {
                return false;
            }
        }
        if (window.allow == null) {
            return true;
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        for (AllowedPeriod p : window.allow) {
            for (LocalDate day : new LocalDate[] {today.minusDays(1), today}) {
                if (p.days.contains(name(day.getDayOfWeek())) && within(p, day, zone, now)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first quarter hour from {@code now} on at which the window is open (within eight days), or now. */
    static Instant nextOpen(ReleaseWindow window, Instant now) {
        for (Instant t = now; t.isBefore(now.plus(java.time.Duration.ofDays(8))); t = t.plus(java.time.Duration.ofMinutes(15))) {
            if (open(window, t)) {
                return t;
            }
        }
        return now;
    }

    private static boolean within(AllowedPeriod p, LocalDate day, ZoneId zone, Instant now) {
        LocalTime start = LocalTime.parse(p.start);
        boolean midnight = p.end.equals("24:00");
        LocalTime end = midnight ? LocalTime.MIDNIGHT : LocalTime.parse(p.end);
        LocalDate endDay = midnight || !end.isAfter(start) ? day.plusDays(1) : day;
        Instant from = ZonedDateTime.of(day, start, zone).toInstant();
        Instant to = ZonedDateTime.of(endDay, end, zone).toInstant();
        return !now.isBefore(from) && now.isBefore(to);
    }

    private static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
