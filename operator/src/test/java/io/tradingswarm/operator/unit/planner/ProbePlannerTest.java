package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.unit.planner.Specs.bot;
import static io.tradingswarm.operator.unit.planner.Specs.bump;
import static io.tradingswarm.operator.unit.planner.Specs.canary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.PrometheusProbe;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.ProbeStatus;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.planner.Slot;
import io.tradingswarm.operator.probe.Measurement;

@Tag("unit")
class ProbePlannerTest {
    static final Measurement PASS = Measurement.pass(0.01, "0.01 within max 0.05");
    static final Measurement FAIL = Measurement.fail(0.2, "0.2 > max 0.05");
    static final Measurement ERROR = Measurement.error("Prometheus unreachable");
    static final Measurement NO_DATA = Measurement.noData("query returned no series");

    static ProbeSpec probe(String name) {
        ProbeSpec p = new ProbeSpec();
        p.name = name;
        p.interval = "10s";
        p.prometheus = new PrometheusProbe();
        p.prometheus.query = "errors{version=\"{{version}}\"}";
        p.prometheus.max = 0.05;
        return p;
    }

    /** v1 stable; v2 released with the given steps and probes, settled at its first waiting point. */
    static FakeSwarm running(List<CanaryStep> steps, List<String> background, ProbeSpec... probes) {
        SwarmReleaseSpec v1 = canary("v1", steps, bot("maker", 4, "m:v1"), bot("arb", 2, "a:v1"));
        v1.probes = new ArrayList<>(List.of(probes));
        v1.backgroundProbes = background;
        FakeSwarm swarm = CanaryPlannerTest.stableAt(v1);
        SwarmReleaseSpec v2 = bump(v1, "v2");
        v2.probes = v1.probes;
        v2.backgroundProbes = background;
        swarm.release(v2);
        swarm.settle();
        return swarm;
    }

    static FakeSwarm inAnalysis(ProbeSpec probe) {
        return running(List.of(CanaryStep.weight(25), CanaryStep.analysis("1m", probe.name), CanaryStep.weight(100)),
                null, probe);
    }

    static ProbeStatus probeStatus(FakeSwarm swarm, String name) {
        return swarm.status.probes.stream().filter(p -> p.name.equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anAnalysisStepMeasuresAtOnceAndPassesAfterItsWindowWithASuccess() {
        FakeSwarm swarm = inAnalysis(probe("errors"));
        assertEquals(List.of("errors"), swarm.last.probesDue(), "the first measurement is due at the window's start");
        assertEquals(25, swarm.status.weight);
        swarm.lands("errors", PASS).tick();
        assertTrue(swarm.last.probesDue().isEmpty());
        assertEquals(Duration.ofSeconds(10), swarm.last.wakeUpAfter().orElseThrow(), "next measurement after interval");
        assertEquals(1, probeStatus(swarm, "errors").successes);
        swarm.advance(Duration.ofMinutes(1));
        swarm.lands("errors", PASS).settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
        assertEquals("Passed", probeStatus(swarm, "errors").phase);
    }

    @Test
    void aWindowWithoutASingleSuccessNeverPromotes() {
        FakeSwarm swarm = inAnalysis(probe("errors"));
        swarm.advance(Duration.ofMinutes(5));
        swarm.settle();
        assertEquals(Phase.Progressing, swarm.status.phase);
        assertEquals(25, swarm.status.weight);
        assertTrue(swarm.status.message.contains("probe errors has no measurement yet"), swarm.status.message);
    }

    @ParameterizedTest(name = "failureLimit {0}: {0} failures tolerated, one more rolls back")
    @CsvSource({"0", "1", "3"})
    void moreFailuresThanTheLimitRollBackInTheSameTick(int limit) {
        ProbeSpec p = probe("errors");
        p.failureLimit = limit;
        FakeSwarm swarm = inAnalysis(p);
        for (int i = 0; i < limit; i++) {
            swarm.lands("errors", FAIL).tick();
            assertEquals(Phase.Progressing, swarm.status.phase, "failure " + (i + 1) + " is within the limit");
        }
        swarm.advance(Duration.ofSeconds(3));
        swarm.lands("errors", FAIL).tick();
        assertEquals(Phase.RollingBack, swarm.status.phase);
        assertEquals(0, swarm.status.weight);
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "traffic back on stable in the tick that saw the failure");
        assertEquals(Slot.a, swarm.servicePins.get("arb"));
        assertEquals(4, swarm.replicas("maker", Slot.a), "stable scaled back to full in the same tick");
        swarm.settle();
        assertEquals(Phase.RolledBack, swarm.status.phase);
        assertEquals("ProbeFailed", swarm.status.rollback.reason);
        assertEquals("errors", swarm.status.rollback.probe);
        assertEquals(swarm.now.toString(), swarm.status.rollback.startedAt, "the rollback clock starts at the measurement");
        assertEquals("Failed", probeStatus(swarm, "errors").phase);
    }

    static void assertRolledBack(FakeSwarm swarm) {
        assertEquals(Phase.RollingBack, swarm.status.phase);
        swarm.settle();
        assertEquals(Phase.RolledBack, swarm.status.phase);
    }

    @Test
    void consecutiveErrorsBeyondTheLimitFailTheProbeAndASuccessResetsTheStreak() {
        ProbeSpec p = probe("errors");
        p.consecutiveErrorLimit = 2;
        FakeSwarm swarm = inAnalysis(p);
        swarm.lands("errors", ERROR).tick();
        swarm.lands("errors", ERROR).tick();
        swarm.lands("errors", PASS).tick();
        swarm.lands("errors", ERROR).tick();
        swarm.lands("errors", ERROR).tick();
        assertEquals(Phase.Progressing, swarm.status.phase);
        assertEquals(4, probeStatus(swarm, "errors").errors);
        swarm.lands("errors", ERROR).tick();
        assertRolledBack(swarm);
        assertEquals("ProbeErrors", swarm.status.rollback.reason);
    }

    @Test
    void noDataPausesTheRunWithAMessageAndDataResumesIt() {
        FakeSwarm swarm = inAnalysis(probe("errors"));
        swarm.lands("errors", NO_DATA).tick();
        assertEquals(Phase.Paused, swarm.status.phase);
        assertTrue(swarm.status.message.contains("probe errors returned no data"), swarm.status.message);
        swarm.advance(Duration.ofMinutes(10));
        swarm.settle();
        assertEquals(Phase.Paused, swarm.status.phase, "never promoted on silence");
        assertEquals(25, swarm.status.weight);
        assertEquals(List.of("errors"), swarm.last.probesDue(), "still measuring while paused");
        swarm.lands("errors", PASS).tick();
        swarm.settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
    }

    @ParameterizedTest(name = "onNoData {0} counts as a {1}")
    @CsvSource({"Fail, failure", "Pass, success"})
    void onNoDataDecidesWhatSilenceMeans(String onNoData, String counted) {
        ProbeSpec p = probe("errors");
        p.onNoData = onNoData;
        FakeSwarm swarm = inAnalysis(p);
        swarm.lands("errors", NO_DATA).tick();
        if (counted.equals("failure")) {
            assertRolledBack(swarm);
        } else {
            assertEquals(1, probeStatus(swarm, "errors").successes);
            swarm.advance(Duration.ofMinutes(1));
            swarm.lands("errors", NO_DATA).settle();
            assertEquals(Phase.Succeeded, swarm.status.phase);
        }
    }

    @Test
    void aDryRunProbeIsShownButNeverDecides() {
        ProbeSpec dry = probe("latency");
        dry.dryRun = true;
        FakeSwarm swarm = running(List.of(CanaryStep.weight(25), CanaryStep.analysis("1m", "errors", "latency"),
                CanaryStep.weight(100)), null, probe("errors"), dry);
        swarm.lands("errors", PASS).lands("latency", FAIL).tick();
        assertEquals("Failed", probeStatus(swarm, "latency").phase);
        assertTrue(probeStatus(swarm, "latency").dryRun);
        swarm.advance(Duration.ofMinutes(1));
        swarm.lands("errors", PASS).settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
    }

    @Test
    void aBackgroundProbeGuardsTheWholeRun() {
        FakeSwarm swarm = running(List.of(CanaryStep.weight(25), CanaryStep.pause("5m"), CanaryStep.weight(50),
                CanaryStep.pause("5m")), List.of("errors"), probe("errors"));
        assertEquals(List.of("errors"), swarm.last.probesDue(), "measured from the start of the run");
        swarm.lands("errors", PASS).tick();
        swarm.advance(Duration.ofMinutes(5));
        swarm.lands("errors", PASS).settle();
        assertEquals(50, swarm.status.weight);
        swarm.lands("errors", FAIL).tick();
        assertRolledBack(swarm);
        assertEquals("errors", swarm.status.rollback.probe);
    }

    @Test
    void countsSurviveARestartBetweenMeasurements() {
        ProbeSpec p = probe("errors");
        p.failureLimit = 1;
        FakeSwarm swarm = inAnalysis(p);
        swarm.lands("errors", FAIL).tick();
        FakeSwarm restarted = new FakeSwarm(swarm.spec);
        restarted.status = FakeSwarm.roundTrip(swarm.status);
        restarted.slots.putAll(swarm.slots);
        restarted.now = swarm.now.plusSeconds(10);
        restarted.tick();
        assertEquals(List.of("errors"), restarted.last.probesDue(), "due again after the interval");
        assertEquals(1, probeStatus(restarted, "errors").failures, "the failing count is not reset");
        restarted.lands("errors", FAIL).tick();
        assertRolledBack(restarted);
    }

    @Test
    void measurementsOfAnotherRunAreIgnored() {
        FakeSwarm swarm = inAnalysis(probe("errors"));
        swarm.landed.add(new io.tradingswarm.operator.planner.ProbeResult("errors",
                new io.tradingswarm.operator.planner.RunId("old-run", null), FAIL, swarm.now, swarm.now));
        swarm.tick();
        assertEquals(Phase.Progressing, swarm.status.phase);
        assertTrue(swarm.status.probes.isEmpty());
    }

    /** A measurement stamped after the decision's clock (it landed while the reconcile began) never makes the rollback time negative. */
    @Test
    void aFailureMeasuredAfterTheDecisionsClockStartsTheRollbackClockNoLaterThanNow() {
        FakeSwarm swarm = inAnalysis(probe("errors"));
        swarm.landed.add(new io.tradingswarm.operator.planner.ProbeResult("errors", io.tradingswarm.operator.planner.RunId.of(swarm.status),
                FAIL, swarm.now, swarm.now.plusMillis(5)));
        swarm.tick();
        assertEquals(swarm.now.toString(), swarm.status.rollback.startedAt);
        swarm.runUntil(Phase.RolledBack, 5);
        assertTrue(swarm.status.rollback.seconds >= 0, "rollback.seconds " + swarm.status.rollback.seconds);
    }

    /** Simulation seed 23073957346088: a revision superseded and named again runs twice; the first run's pass is not the second's. */
    @Test
    void aPassMeasuredForAnEarlierRunOfTheSameRevisionDoesNotCount() {
        FakeSwarm swarm = inAnalysis(probe("errors"));
        String revision = swarm.status.revision;
        int step = swarm.status.currentStep;
        swarm.landed.add(new io.tradingswarm.operator.planner.ProbeResult("errors",
                new io.tradingswarm.operator.planner.RunId(revision, "2020-01-01T00:00:00Z"), PASS, swarm.now, swarm.now));
        swarm.now = swarm.now.plus(java.time.Duration.ofHours(1));
        swarm.tick();
        assertTrue(swarm.status.probes.isEmpty(), "nothing counted: " + swarm.status.probes);
        assertEquals(step, swarm.status.currentStep, "the analysis step has no pass of its own, so the run does not move on");
    }

    @Test
    void aNewRunStartsWithFreshProbeCounts() {
        FakeSwarm swarm = inAnalysis(probe("errors"));
        swarm.lands("errors", PASS).tick();
        SwarmReleaseSpec v3 = bump(swarm.spec, "v3");
        v3.probes = swarm.spec.probes;
        swarm.release(v3);
        swarm.tick();
        assertNull(swarm.status.probes.stream().filter(p -> p.successes > 0).findFirst().orElse(null));
    }
}
