package io.tradingswarm.operator.unit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tradingswarm.operator.api.AllowedPeriod;
import io.tradingswarm.operator.api.DeniedPeriod;
import io.tradingswarm.operator.api.ReleaseWindow;
import io.tradingswarm.operator.planner.Freeze;
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

    /** A window of denied periods only, each given as start, end, reason. */
    static ReleaseWindow denied(String zone, String... periods) {
        ReleaseWindow w = new ReleaseWindow();
        w.timeZone = zone;
        return deny(w, periods);
    }

    /** Adds denied periods (start, end, reason, ...) to a window. */
    static ReleaseWindow deny(ReleaseWindow w, String... periods) {
        w.deny = new ArrayList<>(w.deny == null ? List.of() : w.deny);
        for (int i = 0; i < periods.length; i += 3) {
            DeniedPeriod p = new DeniedPeriod();
            p.start = periods[i];
            p.end = periods[i + 1];
            p.reason = periods[i + 2];
            w.deny.add(p);
        }
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
        // New York, Sunday 8 March 2026: 02:00-03:00 local does not exist; 02:30 moves later by the gap, to 03:30 EDT = 07:30 UTC
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

    @ParameterizedTest(name = "{0}: open={1}, next opening {2}")
    @CsvSource({
            // New York is on EST (UTC-5) in December: the freeze is 18:00Z on the 24th to 14:30Z on the 26th
            "2026-12-24T17:59:59Z, true,  ",
            "2026-12-24T18:00:00Z, false, 2026-12-26T14:30:00Z",
            "2026-12-26T14:29:59Z, false, 2026-12-26T14:30:00Z",
            "2026-12-26T14:30:00Z, true,  "})
    void withoutAllowEveryTimeOutsideTheFreezesIsOpen(Instant now, boolean open, Instant next) {
        ReleaseWindow w = denied("America/New_York", "2026-12-24T13:00", "2026-12-26T09:30", "Christmas: NYSE closed");
        assertEquals(open, ReleaseWindows.open(w, now));
        assertEquals(next, ReleaseWindows.nextOpening(w, now));
    }

    @Test
    void overlappingAndTouchingFreezesLiftAtTheEndOfTheChain() {
        ReleaseWindow w = denied("UTC",
                "2026-12-31T00:00", "2027-01-02T00:00", "year-end",
                "2026-12-24T00:00", "2026-12-27T00:00", "Christmas",
                "2026-12-26T12:00", "2026-12-31T00:00", "holiday freeze",
                "2027-01-05T00:00", "2027-01-06T00:00", "not joined: a day apart");
        Freeze f = ReleaseWindows.freezeAt(w, Instant.parse("2026-12-25T00:00:00Z")).orElseThrow();
        assertEquals(Instant.parse("2027-01-02T00:00:00Z"), f.end());
        assertEquals(List.of("Christmas", "holiday freeze", "year-end"), f.reasons());
        assertEquals(Instant.parse("2027-01-02T00:00:00Z"), ReleaseWindows.nextOpening(w, Instant.parse("2026-12-25T00:00:00Z")));
        assertEquals(List.of("year-end"), ReleaseWindows.freezeAt(w, Instant.parse("2027-01-01T00:00:00Z")).orElseThrow().reasons(),
                "a chain starts at the periods that cover now");
        assertTrue(ReleaseWindows.freezeAt(w, Instant.parse("2027-01-02T00:00:00Z")).isEmpty(), "the end is exclusive");
    }

    @Test
    void theNextOpeningSkipsTheFreezesThatCoverTheAllowedPeriods() {
        // London, weekdays 08:00-16:30; Monday 9 March is frozen all day, Tuesday until 10:00
        ReleaseWindow w = deny(window("Europe/London", "Mon Tue Wed Thu Fri", "08:00", "16:30"),
                "2026-03-09T00:00", "2026-03-10T00:00", "exchange holiday",
                "2026-03-10T00:00", "2026-03-10T10:00", "rate decision");
        assertEquals(Instant.parse("2026-03-10T10:00:00Z"), ReleaseWindows.nextOpening(w, Instant.parse("2026-03-06T17:00:00Z")),
                "from Friday evening: the freeze lifts inside Tuesday's window");
        ReleaseWindow late = deny(window("Europe/London", "Mon Tue Wed Thu Fri", "08:00", "16:30"),
                "2026-03-09T00:00", "2026-03-10T17:00", "two days");
        assertEquals(Instant.parse("2026-03-11T08:00:00Z"), ReleaseWindows.nextOpening(late, Instant.parse("2026-03-06T17:00:00Z")),
                "a freeze that lifts after hours waits for the next allowed period");
    }

    @Test
    void freezeTimesFollowDaylightSavingAsTheAllowedPeriodsDo() {
        // New York: 2027-03-14 02:30 is in the spring-forward gap and moves to 03:30 EDT (07:30Z);
        // 2026-11-01 01:30 happens twice and is taken at its first occurrence, 01:30 EDT (05:30Z)
        ReleaseWindow w = denied("America/New_York",
                "2027-03-13T12:00", "2027-03-14T02:30", "gap",
                "2026-10-31T12:00", "2026-11-01T01:30", "overlap");
        assertEquals(Instant.parse("2027-03-14T07:30:00Z"),
                ReleaseWindows.freezeAt(w, Instant.parse("2027-03-14T07:00:00Z")).orElseThrow().end());
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"),
                ReleaseWindows.freezeAt(w, Instant.parse("2026-11-01T05:00:00Z")).orElseThrow().end());
        assertTrue(ReleaseWindows.open(w, Instant.parse("2026-11-01T06:15:00Z")), "the second 01:15 is after the freeze");
    }
}
