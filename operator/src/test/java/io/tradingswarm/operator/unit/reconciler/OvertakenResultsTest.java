package io.tradingswarm.operator.unit.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.ProbeStatus;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.planner.RunId;
import io.tradingswarm.operator.probe.Measurement;
import io.tradingswarm.operator.reconciler.OvertakenResults;

/** A measurement of a release that came back to this instance after another counted newer ones does not count. */
@Tag("unit")
class OvertakenResultsTest {
    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    static ProbeResult result(String probe, int launchedAt, int landedAt) {
        return new ProbeResult(probe, new RunId("r1", T.toString()), Measurement.fail(1.0, "too high"),
                T.plusSeconds(launchedAt), T.plusSeconds(landedAt));
    }

    static SwarmReleaseStatus countedUntil(String probe, int landedAt) {
        SwarmReleaseStatus status = new SwarmReleaseStatus();
        ProbeStatus p = new ProbeStatus();
        p.name = probe;
        p.lastMeasuredAt = T.plusSeconds(landedAt).toString();
        status.probes.add(p);
        return status;
    }

    @Test
    void aResultLaunchedBeforeTheLastCountedMeasurementLandedIsDropped() {
        ProbeResult overtaken = result("error-rate", 10, 95);
        ProbeResult next = result("error-rate", 60, 61);
        ProbeResult other = result("latency", 10, 95);
        assertEquals(List.of(next, other),
                OvertakenResults.drop(List.of(overtaken, next, other), countedUntil("error-rate", 60)));
    }

    @Test
    void withinOneInstanceEveryResultIsLaunchedAfterThePreviousLandedAndCounts() {
        List<ProbeResult> landed = List.of(result("error-rate", 30, 31), result("error-rate", 31, 40));
        assertEquals(landed, OvertakenResults.drop(landed, countedUntil("error-rate", 30)));
        assertEquals(landed, OvertakenResults.drop(landed, new SwarmReleaseStatus()));
        assertEquals(landed, OvertakenResults.drop(landed, null));
    }
}
