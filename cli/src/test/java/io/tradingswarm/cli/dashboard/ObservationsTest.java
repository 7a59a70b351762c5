package io.tradingswarm.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ProbeStatus;
import io.tradingswarm.operator.api.RollbackStatus;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

@Tag("unit")
class ObservationsTest {
    static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

    static SwarmRelease at(String revision, int weight, String measuredAt, Double value, String verdict) {
        SwarmRelease r = new SwarmRelease();
        SwarmReleaseStatus s = new SwarmReleaseStatus();
        s.revision = revision;
        s.runStartedAt = "2026-03-10T11:59:00Z";
        s.phase = Phase.Progressing;
        s.weight = weight;
        ProbeStatus p = new ProbeStatus();
        p.name = "error-rate";
        p.lastMeasuredAt = measuredAt;
        p.lastValue = value;
        p.lastVerdict = verdict;
        s.probes.add(p);
        r.setStatus(s);
        return r;
    }

    @Test
    void keepsEachNewMeasurementOnceAndTheWeightSteps() {
        Observations o = new Observations();
        assertTrue(o.record(at("r1", 10, "2026-03-10T12:00:01Z", 0.01, "Pass"), T0));
        assertFalse(o.record(at("r1", 10, "2026-03-10T12:00:01Z", 0.01, "Pass"), T0.plusSeconds(1)),
                "the same measurement seen again (another field changed)");
        assertTrue(o.record(at("r1", 25, "2026-03-10T12:00:02Z", 0.07, "Fail"), T0.plusSeconds(2)));
        Map<String, List<Observations.Point>> probes = o.probeSeries();
        assertEquals(List.of(new Observations.Point("2026-03-10T12:00:01Z", 0.01, "Pass"),
                new Observations.Point("2026-03-10T12:00:02Z", 0.07, "Fail")), probes.get("error-rate"));
        assertEquals(List.of(10.0, 25.0), o.weightSeries().stream().map(Observations.Point::value).toList());
    }

    @Test
    void aNewRunStartsNewSeriesButRollbacksAreKept() {
        Observations o = new Observations();
        SwarmRelease failed = at("r1", 50, "2026-03-10T12:00:01Z", 0.5, "Fail");
        failed.getStatus().rollback = new RollbackStatus();
        failed.getStatus().rollback.startedAt = "2026-03-10T12:00:02Z";
        failed.getStatus().rollback.seconds = 4.5;
        o.record(failed, T0);
        o.record(at("r2", 10, "2026-03-10T12:05:00Z", 0.01, "Pass"), T0.plusSeconds(300));
        assertEquals(1, o.probeSeries().get("error-rate").size());
        assertEquals(1, o.weightSeries().size());
        assertEquals(Map.of("2026-03-10T12:00:02Z", 4.5), o.rollbackSeconds());
    }

    @Test
    void aSeriesKeepsTheNewestPoints() {
        Observations o = new Observations();
        for (int i = 0; i < Observations.CAPACITY + 5; i++) {
            o.record(at("r1", 10, T0.plusSeconds(i).toString(), (double) i, "Pass"), T0);
        }
        List<Observations.Point> series = o.probeSeries().get("error-rate");
        assertEquals(Observations.CAPACITY, series.size());
        assertEquals(5.0, series.get(0).value());
    }
}
