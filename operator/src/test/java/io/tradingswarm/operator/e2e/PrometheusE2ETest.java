package io.tradingswarm.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.PrometheusProbe;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.component.RealPrometheus;
import io.tradingswarm.operator.component.SteerableApp;

/**
 * Error-rate probes on a real Prometheus (127.0.0.1) scraping a metrics endpoint the test steers:
 * scenarios 3, 4 and 12 of shared/design/scenarios.md and a passing run with background probes.
 */
class PrometheusE2ETest extends E2EBase {
    static final String NAME = "swarm";
    static final String ERROR_RATE = "sum(rate(http_requests_total{version=\"{{version}}\",code=\"500\"}[5s]))"
            + " / sum(rate(http_requests_total{version=\"{{version}}\"}[5s]))";
    SteerableApp app;
    RealPrometheus prometheus;

    @BeforeEach
    void startPrometheus() throws Exception {
        app = new SteerableApp();
        prometheus = RealPrometheus.scraping(app.hostPort());
    }

    @AfterEach
    void stopPrometheus() {
        prometheus.close();
        app.close();
    }

    ProbeSpec probe(String name, String query) {
        ProbeSpec p = new ProbeSpec();
        p.name = name;
        p.interval = "1s";
        p.timeout = "3s";
        p.prometheus = new PrometheusProbe();
        p.prometheus.address = prometheus.address();
        p.prometheus.query = query;
        p.prometheus.max = 0.05;
        return p;
    }

    SwarmRelease release(String version, List<CanaryStep> steps, List<String> background, ProbeSpec... probes) {
        SwarmRelease r = Releases.twoBots(NAME, version, steps);
        r.getSpec().probes = List.of(probes);
        r.getSpec().backgroundProbes = background;
        return r;
    }

    void givenStable(SwarmRelease v1) {
        app.traffic("v1", 100, 0);
        apply(v1);
        awaitPhase(NAME, Phase.Succeeded);
    }

    @Test
    void anErrorRateThatClimbsAtTheQuarterStepRollsBackAndRecordsTheProbe() {
        List<CanaryStep> plan = List.of(CanaryStep.weight(10), CanaryStep.analysis("2s", "error-rate"),
                CanaryStep.weight(25), CanaryStep.analysis("1h", "error-rate"), CanaryStep.weight(100));
        givenStable(release("v1", plan, null, probe("error-rate", ERROR_RATE)));
        app.traffic("v2", 100, 1);
        apply(release("v2", plan, null, probe("error-rate", ERROR_RATE)));
        await("v2 analysing at 25%", () -> status(NAME).weight == 25 && status(NAME).currentStep == 3
                && status(NAME).probes.stream().anyMatch(p -> p.successes >= 1));

        app.traffic("v2", 100, 30);
        SwarmReleaseStatus s = awaitPhase(NAME, Phase.RolledBack);
        assertEquals("ProbeFailed", s.rollback.reason);
        assertEquals("error-rate", s.rollback.probe);
        assertNotNull(s.rollback.seconds);
        assertTrue(s.rollback.message.contains("> max 0.05"), s.rollback.message);
        assertEquals(0, s.weight);
        awaitServiceOn("maker", "a");
        assertTrue(eventReasons(NAME).containsAll(List.of("RollingBack", "RolledBack")));
        assertEquals(1.0, operator.metrics().counter("swarmrelease.rollbacks", "namespace", namespace, "name", NAME,
                "reason", "ProbeFailed").count());
        await("the failed slots scale to 0 after scaleDownDelay", () -> replicas("maker-b") == 0 && replicas("arb-b") == 0);
    }

    @Test
    void aProbeWithNoDataPausesTheRunAndNeverPromotesOnSilence() {
        List<CanaryStep> plan = List.of(CanaryStep.weight(25), CanaryStep.analysis("2s", "error-rate"), CanaryStep.weight(100));
        givenStable(release("v1", plan, null, probe("error-rate", ERROR_RATE)));
        apply(release("v2", plan, null, probe("error-rate", ERROR_RATE)));
        awaitPhase(NAME, Phase.Paused);
        assertTrue(status(NAME).message.contains("probe error-rate returned no data"), status(NAME).message);
        Instant windowEnd = Instant.now().plusSeconds(2);
        await("measured again well after the window ended", () -> {
            String last = status(NAME).probes.get(0).lastMeasuredAt;
            return last != null && Instant.parse(last).isAfter(windowEnd.plusSeconds(3));
        });
        assertEquals(Phase.Paused, status(NAME).phase, "still paused: never promoted on silence");
        assertEquals(25, status(NAME).weight);
        assertEquals("Inconclusive", status(NAME).probes.get(0).phase);
        assertEquals("True/Paused", condition(NAME, "Paused"));

        app.traffic("v2", 100, 0);
        await("v2 stable once data arrives", () -> "v2".equals(status(NAME).stableVersion));
    }

    @Test
    void aHealthyRunWithAnalysisStepsAndBackgroundProbesSucceeds() {
        List<CanaryStep> plan = List.of(CanaryStep.weight(25), CanaryStep.analysis("2s", "error-rate"),
                CanaryStep.weight(50), CanaryStep.analysis("2s", "error-rate"), CanaryStep.weight(100));
        ProbeSpec total = probe("traffic", "sum(rate(http_requests_total{version=\"{{version}}\"}[5s]))");
        total.prometheus.max = null;
        total.prometheus.min = 1.0;
        givenStable(release("v1", plan, List.of("traffic"), probe("error-rate", ERROR_RATE), total));
        app.traffic("v2", 100, 1);
        apply(release("v2", plan, List.of("traffic"), probe("error-rate", ERROR_RATE), total));
        await("v2 stable", () -> "v2".equals(status(NAME).stableVersion));
        SwarmReleaseStatus s = status(NAME);
        assertEquals("Succeeded", s.history.get(0).result);
        assertTrue(s.probes.stream().filter(p -> p.name.equals("traffic")).findFirst().orElseThrow().successes >= 2,
                "the background probe was measured throughout the run: " + s.probes.get(0).successes);
    }

    @Test
    void oneBotsFailingProbeRollsEveryBotBack() {
        String perBot = "sum(rate(http_requests_total{bot=\"{{bot}}\",version=\"{{version}}\",code=\"500\"}[5s]))"
                + " / sum(rate(http_requests_total{bot=\"{{bot}}\",version=\"{{version}}\"}[5s]))";
        List<CanaryStep> plan = List.of(CanaryStep.weight(50), CanaryStep.analysis("1h", "bot-errors"), CanaryStep.weight(100));
        app.traffic("maker", "v1", 100, 0);
        app.traffic("arb", "v1", 100, 0);
        givenStable(release("v1", plan, null, probe("bot-errors", perBot)));
        app.traffic("maker", "v2", 100, 0);
        app.traffic("arb", "v2", 100, 0);
        apply(release("v2", plan, null, probe("bot-errors", perBot)));
        await("v2 analysing", () -> status(NAME).probes.stream().anyMatch(p -> p.successes >= 1));

        app.traffic("maker", "v2", 100, 40);
        SwarmReleaseStatus s = awaitPhase(NAME, Phase.RolledBack);
        assertTrue(s.rollback.message.contains("bot maker"), s.rollback.message);
        awaitServiceOn("maker", "a");
        awaitServiceOn("arb", "a");
        await("both new slots go to 0", () -> replicas("maker-b") == 0 && replicas("arb-b") == 0);
        assertEquals(2, readyReplicas("arb-a"));
    }
}
