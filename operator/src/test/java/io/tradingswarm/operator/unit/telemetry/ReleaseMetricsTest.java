package io.tradingswarm.operator.unit.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingswarm.operator.planner.RunId;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.planner.ReleaseEvent;
import io.tradingswarm.operator.probe.Measurement;
import io.tradingswarm.operator.telemetry.ReleaseMetrics;

@Tag("unit")
class ReleaseMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReleaseMetrics metrics = new ReleaseMetrics(registry);

    private static SwarmRelease release(String namespace, String name) {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        return r;
    }

    private static SwarmReleaseStatus status(Phase phase) {
        SwarmReleaseStatus s = new SwarmReleaseStatus();
        s.phase = phase;
        return s;
    }

    @Test
    void aDegradedRunCountsAsAFailedRun() {
        metrics.record(release("ns", "a"), status(Phase.Degraded), List.of(new ReleaseEvent(EventReason.Degraded, "failed")));
        assertEquals(1.0, registry.get("swarmrelease.runs").tags("namespace", "ns", "name", "a", "result", "Degraded")
                .counter().count());
    }

    @Test
    void probeSeriesCarryTheReleaseSoTwoReleasesWithTheSameProbeNameDoNotCollide() {
        ProbeResult errors = new ProbeResult("errors", new RunId("r1", null), Measurement.pass(0.01, "ok"), Instant.EPOCH, Instant.EPOCH);
        metrics.recordProbes(release("ns", "a"), List.of(errors));
        metrics.recordProbes(release("ns", "b"), List.of(new ProbeResult("errors", new RunId("r2", null), Measurement.fail(0.5, "bad"),
                Instant.EPOCH, Instant.EPOCH)));
        assertEquals(0.01, registry.get("swarmrelease.probe.value").tags("name", "a", "probe", "errors").gauge().value());
        assertEquals(0.5, registry.get("swarmrelease.probe.value").tags("name", "b", "probe", "errors").gauge().value());
    }

    @Test
    void aDeletedReleaseLeavesNoSeries() {
        metrics.record(release("ns", "gone"), status(Phase.Succeeded), List.of(new ReleaseEvent(EventReason.Started, "x")));
        metrics.recordProbes(release("ns", "gone"), List.of(new ProbeResult("errors", new RunId("r", null), Measurement.pass(1.0, "ok"),
                Instant.EPOCH, Instant.EPOCH)));
        metrics.record(release("ns", "kept"), status(Phase.Succeeded), List.of());
        metrics.retainOnly(Set.of("ns/kept"));
        assertTrue(registry.find("swarmrelease.phase").tag("name", "gone").meters().isEmpty());
        assertTrue(registry.find("swarmrelease.probe.value").tag("name", "gone").meters().isEmpty());
        assertTrue(!registry.find("swarmrelease.phase").tag("name", "kept").meters().isEmpty());
        metrics.record(release("ns", "gone"), status(Phase.Succeeded), List.of());
        assertEquals(1.0, registry.get("swarmrelease.phase").tags("name", "gone", "phase", "Succeeded").gauge().value(),
                "a release of the same name made again gets fresh series");
    }
}
