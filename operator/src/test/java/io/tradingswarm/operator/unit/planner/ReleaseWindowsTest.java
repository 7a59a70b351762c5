package io.tradingswarm.operator.unit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tradingswarm.operator.api.AllowedPeriod;
import io.tradingswarm.operator.api.ReleaseWindow;
import io.tradingswarm.operator.planner.ReleaseWindows;

@Tag("unit")
class ReleaseWindowsTest {

    static ReleaseWindow window(String zone, String days, String start, String end) {
        ReleaseWindow w = new ReleaseWindow();
        w.timeZone = zone;
        AllowedPeriod p = new AllowedPeriod();
        p.days = List.of(days.split(" "));
        p.start = start;
        p.end = end;
        w.allow = List.of(p);
        return w;
    }

    @ParameterizedTest(name = "{0}: open={1}, next opening {2}")
    @CsvSource({
            // London, weekdays 08:00-16:30; 2026-03-02 is a Monday (GMT, UTC+0)
            "2026-03-02T07:59:59Z, false, 2026-03-02T08:00:00Z",
            "2026-03-02T08:00:00Z, true,  2026-03-03T08:00:00Z",
            "2026-03-02T16:29:59Z, true,  2026-03-03T08:00:00Z",
            "2026-03-02T16:30:00Z, false, 2026-03-03T08:00:00Z",
            "2026-03-06T17:00:00Z, false, 2026-03-09T08:00:00Z",
            // after the clocks go forward (Sun 29 March 2026) 08:00 local is 07:00 UTC
            "2026-03-30T07:00:00Z, true,  2026-03-31T07:00:00Z",
            "2026-03-27T16:00:00Z, true,  2026-03-30T07:00:00Z"})
    void weekdayHoursFollowLocalTimeAcrossDaylightSaving(Instant now, boolean open, Instant next) {
        ReleaseWindow w = window("Europe/London", "Mon Tue Wed Thu Fri", "08:00", "16:30");
        assertEquals(open, ReleaseWindows.open(w, now));
        assertEquals(next, ReleaseWindows.nextOpening(w, now));
    }

    @Test
    void aStartInTheSpringForwardGapOpensAtTheFirstValidLocalTime() {
        // New York, Sunday 8 March 2026: 02:00 local does not exist; the window opens at 03:00 EDT = 07:00 UTC
        ReleaseWindow w = window("America/New_York", "Sun", "02:30", "05:00");
        assertEquals(Instant.parse("2026-03-08T07:30:00Z"), ReleaseWindows.nextOpening(w, Instant.parse("2026-03-08T00:00:00Z")));
        assertEquals(false, ReleaseWindows.open(w, Instant.parse("2026-03-08T07:00:00Z")));
        assertEquals(true, ReleaseWindows.open(w, Instant.parse("2026-03-08T08:59:00Z")));
        assertEquals(false, ReleaseWindows.open(w, Instant.parse("2026-03-08T09:00:00Z")));
    }

    @Test
    void theRepeatedHourOfFallBackIsInsideAWindowThatSpansIt() {
        // New York, Sunday 1 November 2026: 01:00-02:00 local happens twice (05:00-06:00Z EDT, 06:00-07:00Z EST)
        ReleaseWindow w = window("America/New_York", "Sun", "00:30", "01:30");
        assertEquals(true, ReleaseWindows.open(w, Instant.parse("2026-11-01T05:15:00Z")));
        assertEquals(false, ReleaseWindows.open(w, Instant.parse("2026-11-01T06:45:00Z")), "01:30 is taken at its first occurrence");
    }

    @Test
    void anOvernightWindowRunsPastMidnightIntoTheNextDay() {
        ReleaseWindow w = window("Asia/Tokyo", "Fri", "22:00", "02:00");
        assertEquals(true, ReleaseWindows.open(w, Instant.parse("2026-03-06T16:30:00Z")), "Sat 01:30 JST");
        assertEquals(false, ReleaseWindows.open(w, Instant.parse("2026-03-06T17:30:00Z")), "Sat 02:30 JST");
    }
}
