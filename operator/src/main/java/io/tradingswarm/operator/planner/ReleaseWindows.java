package io.tradingswarm.operator.planner;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

import io.tradingswarm.operator.api.AllowedPeriod;
import io.tradingswarm.operator.api.ReleaseWindow;

/**
 * Release windows in local time. Each period is resolved to instants on its own date, so a
 * daylight-saving change moves the instants, not the local hours; a start that falls into a
 * spring-forward gap opens at the first valid local time after it.
 */
public final class ReleaseWindows {
    private ReleaseWindows() {
    }

    public static boolean open(ReleaseWindow w, Instant now) {
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

    /** The first instant after {@code now} at which a period opens (within the next eight days). */
    public static Instant nextOpening(ReleaseWindow w, Instant now) {
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
