package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.tradingswarm.operator.api.JobProbe;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.probe.Measurer;

/**
 * Smoke-test Job names: one Job per measurement, per window, per run, so a retry never reads the
 * failed Job of the run before and a later window never passes on an earlier window's Job.
 * (The mock server runs no Job controller: Jobs never finish by themselves, measurements time out.)
 */
@Tag("component")
@EnableKubernetesMockClient(crud = true)
class JobProbeNamesTest {
    KubernetesClient client;

    private static SwarmRelease release(String runStartedAt, int step) {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withName("swarm").withNamespace("ns").withUid("uid-1").build());
        r.setSpec(new io.tradingswarm.operator.api.SwarmReleaseSpec());
        r.setStatus(new SwarmReleaseStatus());
        r.getStatus().revision = "abcdef1234";
        r.getStatus().runStartedAt = runStartedAt;
        r.getStatus().currentStep = step;
        r.getStatus().stableSlot = "a";
        return r;
    }

    private static ProbeSpec smoke() {
        ProbeSpec p = new ProbeSpec();
        p.name = "smoke";
        p.timeout = "100ms";
        p.job = new JobProbe();
        p.job.template = new JobSpecBuilder().withNewTemplate().withNewSpec().addNewContainer().withName("t").withImage("t:1")
                .endContainer().withRestartPolicy("Never").endSpec().endTemplate().build();
        return p;
    }

    private List<String> jobs() {
        return client.batch().v1().jobs().inNamespace("ns").list().getItems().stream().map(j -> j.getMetadata().getName())
                .sorted().toList();
    }

    private void finish(String name) {
        Job job = client.batch().v1().jobs().inNamespace("ns").withName(name).get();
        job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatus());
        job.getStatus().setConditions(List.of(new JobConditionBuilder().withType("Failed").withStatus("True").build()));
        client.batch().v1().jobs().inNamespace("ns").resource(job).updateStatus();
    }

    @Test
    void everyMeasurementWindowAndRunHasItsOwnJobAndOldOnesGo() {
        Measurer measurer = new Measurer(client, null, null);
        measurer.measure(release("2026-03-02T09:00:00Z", 1), smoke(), 0);
        measurer.measure(release("2026-03-02T09:00:00Z", 1), smoke(), 1);
        List<String> firstWindow = jobs();
        assertEquals(2, firstWindow.size(), "one Job per measurement: " + firstWindow);
        firstWindow.forEach(this::finish);

        measurer.measure(release("2026-03-02T09:00:00Z", 3), smoke(), 0);
        List<String> secondWindow = jobs();
        assertEquals(1, secondWindow.size(), "finished Jobs of the earlier window are deleted: " + secondWindow);
        assertTrue(firstWindow.stream().noneMatch(secondWindow::contains), "the later window's first Job is new");

        measurer.measure(release("2026-03-02T10:00:00Z", 3), smoke(), 0);
        List<String> retried = jobs();
        assertEquals(1, retried.size(), "a new run (retry) deletes the Jobs of the run before, even running ones: " + retried);
        assertNotEquals(secondWindow, retried);
    }

    @Test
    void eachDrainHasItsOwnJobsApartFromTheStepsWindow() {
        Measurer measurer = new Measurer(client, null, null);
        SwarmRelease release = release("2026-03-02T09:00:00Z", 3);
        release.getSpec().trading = new io.tradingswarm.operator.api.TradingSettings();
        release.getSpec().trading.drainProbe = "smoke";
        release.getStatus().drain = new io.tradingswarm.operator.api.DrainStatus();
        release.getStatus().drain.startedAt = "2026-03-02T09:05:00Z";
        measurer.measure(release, smoke(), Measurer.attempts(release, "smoke"));
        List<String> firstDrain = jobs();
        firstDrain.forEach(this::finish);

        release.getStatus().drain.startedAt = "2026-03-02T09:07:00Z";
        measurer.measure(release, smoke(), Measurer.attempts(release, "smoke"));
        List<String> secondDrain = jobs();
        assertEquals(1, secondDrain.size(), secondDrain.toString());
        assertTrue(firstDrain.stream().noneMatch(secondDrain::contains), "a later drain never reads an earlier drain's Job");

        release.getSpec().trading.drainProbe = null;
        measurer.measure(release, smoke(), 0);
        assertEquals(2, jobs().size(), "the step's window is another window: " + jobs());
    }
}
