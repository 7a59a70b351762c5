package io.tradingswarm.operator.e2e;

import static io.tradingswarm.operator.e2e.Releases.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.JobProbe;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/** HTTP and Job probes gating a canary run on the local cluster (issue: probes). */
class ProbeE2ETest extends E2EBase {
    static final String NAME = "probed";

    static SwarmRelease release(String version, List<CanaryStep> steps, ProbeSpec... probes) {
        SwarmRelease r = Releases.twoBots(NAME, version, steps);
        r.getSpec().probes = new ArrayList<>(List.of(probes));
        return r;
    }

    static ProbeSpec http(String url) {
        return Releases.httpProbe("health", url);
    }

    static ProbeSpec smokeJob(boolean fails) {
        ProbeSpec p = new ProbeSpec();
        p.name = "smoke";
        p.interval = "1h";
        p.timeout = "60s";
        p.job = new JobProbe();
        JobSpec spec = new JobSpecBuilder().withBackoffLimit(0).withNewTemplate().withNewMetadata()
                .addToLabels(fails ? Map.of("sim.tradingswarm.io/fail", "true") : Map.of()).endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("smoke").withImage("trading/smoke:1")
                .endContainer().endSpec().endTemplate().build();
        p.job.template = spec;
        return p;
    }

    void givenStable(SwarmRelease v1) {
        apply(v1);
        awaitPhase(NAME, Phase.Succeeded);
    }

    @Test
    void anHttpProbeOnLoopbackGatesTheRunAndItsFailureRollsBack() throws Exception {
        try (ProbeServer health = new ProbeServer()) {
            List<CanaryStep> plan = List.of(CanaryStep.weight(25), CanaryStep.analysis("3s", "health"), CanaryStep.weight(100));
            givenStable(release("v1", plan, http(health.url())));
            apply(release("v2", plan, http(health.url())));
            awaitPhase(NAME, Phase.Succeeded);
            await("v2 stable", () -> "v2".equals(status(NAME).stableVersion));
            assertTrue(health.requests.get() >= 1, "the probe was measured");

            apply(release("v3", plan, http(health.url())));
            await("v3 analysing", () -> status(NAME).probes.stream().anyMatch(p -> p.successes >= 1)
                    && "v3".equals(status(NAME).version));
            health.status.set(500);
            SwarmReleaseStatus s = awaitPhase(NAME, Phase.RolledBack);
            assertEquals("health", s.rollback.probe);
            assertEquals("ProbeFailed", s.rollback.reason);
            assertEquals("v2", s.stableVersion);
            awaitServiceOn("maker", s.stableSlot);
            assertTrue(s.probes.get(0).message.contains("500"), s.probes.get(0).message);
        }
    }

    @Test
    void aPassingSmokeJobLetsTheRunFinishAndAFailingOneRollsBack() {
        List<CanaryStep> plan = List.of(CanaryStep.weight(25), CanaryStep.analysis("1s", "smoke"), CanaryStep.weight(100));
        givenStable(release("v1", plan, smokeJob(false)));
        apply(release("v2", plan, smokeJob(false)));
        await("v2 stable after its smoke test", () -> "v2".equals(status(NAME).stableVersion));
        Job job = client.batch().v1().jobs().inNamespace(namespace).withLabel("tradingswarm.io/probe", "smoke").list()
                .getItems().get(0);
        assertEquals(NAME, job.getMetadata().getOwnerReferences().get(0).getName(), "owned by the release");
        String v2Run = job.getMetadata().getLabels().get("tradingswarm.io/run");

        apply(release("v3", plan, smokeJob(true)));
        SwarmReleaseStatus s = awaitPhase(NAME, Phase.RolledBack);
        assertEquals("smoke", s.rollback.probe);
        assertTrue(s.rollback.message.contains("failed"), s.rollback.message);
        await("jobs of the earlier run are cleaned up", () -> client.batch().v1().jobs().inNamespace(namespace)
                .withLabel("tradingswarm.io/probe", "smoke").list().getItems().stream()
                .noneMatch(j -> v2Run.equals(j.getMetadata().getLabels().get("tradingswarm.io/run"))));
    }

    @Test
    void aStepNamingAMissingProbeIsInvalidSpecAndNothingIsCreated() {
        SwarmRelease bad = release("v1", List.of(CanaryStep.weight(25), CanaryStep.analysis("1m", "nope")));
        apply(bad);
        SwarmReleaseStatus s = awaitPhase(NAME, Phase.InvalidSpec);
        assertEquals("spec.strategy.canary.steps[1].analysis.probes[0]: no probe named 'nope' in spec.probes", s.message);
        assertTrue(client.apps().deployments().inNamespace(namespace).list().getItems().isEmpty());
    }

    @Test
    void anHttpProbeAimedOutsideTheAllowListIsInvalidSpec() {
        apply(release("v1", steps(100), http("http://203.0.113.7/health")));
        SwarmReleaseStatus s = awaitPhase(NAME, Phase.InvalidSpec);
        assertTrue(s.message.contains("spec.probes[0].http.url: host 203.0.113.7 is not on the operator's allow-list"),
                s.message);
    }
}
