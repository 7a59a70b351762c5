package io.tradingswarm.operator.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.Set;

import io.tradingswarm.operator.planner.ProbeResult;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.planner.ReleaseEvent;

/**
 * The release metrics of the API contract: current phase and weight per release, runs by result,
 * rollbacks by reason and how long traffic took to come back. Recorded after status is saved.
 */
public final class ReleaseMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> probeValues = new ConcurrentHashMap<>();

    public ReleaseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Annotation with the RFC 3339 time of the commit a release deploys: the start of its lead time. */
    public static final String COMMIT_TIME = "tradingswarm.io/commit-time";

    public void record(SwarmRelease release, SwarmReleaseStatus status, Iterable<ReleaseEvent> events) {
        String namespace = release.getMetadata().getNamespace();
        String name = release.getMetadata().getName();
        for (Phase phase : Phase.values()) {
            gauge("swarmrelease.phase", namespace, name, "phase", phase.name()).set(phase == status.phase ? 1 : 0);
        }
        gauge("swarmrelease.weight", namespace, name, null, null).set(status.weight == null ? 0 : status.weight);
        gauge("swarmrelease.halted", namespace, name, null, null).set(status.halt == null ? 0 : 1);
        for (ReleaseEvent event : events) {
            switch (event.reason()) {
                case Superseded, Cancelled, Degraded -> countRun(namespace, name, event);
                case Succeeded -> {
                    countRun(namespace, name, event);
                    runDuration(namespace, name, status);
                    leadTime(release, namespace, name);
                }
                case RolledBack -> {
                    countRun(namespace, name, event);
                    runDuration(namespace, name, status);
                    Duration restore = Duration.ofMillis(Math.round(status.rollback.seconds * 1000));
                    Timer.builder("swarmrelease.rollback").description("failure detected to traffic restored")
                            .tags("namespace", namespace, "name", name).register(registry).record(restore);
                    Timer.builder("swarmrelease.restore").description("time to restore service after a failed release")
                            .tags("namespace", namespace, "name", name).register(registry).record(restore);
                }
                case RollingBack -> registry.counter("swarmrelease.rollbacks", "namespace", namespace, "name", name,
                        "reason", status.rollback.reason).increment();
                default -> {
                }
            }
        }
    }

    /** Counts measurements by probe and result, and keeps each probe's last value, per release. */
    public void recordProbes(SwarmRelease release, List<ProbeResult> results) {
        String namespace = release.getMetadata().getNamespace();
        String name = release.getMetadata().getName();
        for (ProbeResult r : results) {
            registry.counter("swarmrelease.probe.measurements", "namespace", namespace, "name", name, "probe", r.probe(),
                    "result", r.measurement().verdict().name()).increment();
            if (r.measurement().value() != null) {
                probeValues.computeIfAbsent(namespace + "/" + name + "/" + r.probe(), key -> {
                    AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
                    Gauge.builder("swarmrelease.probe.value", holder, AtomicReference::get)
                            .tags("namespace", namespace, "name", name, "probe", r.probe()).register(registry);
                    return holder;
                }).set(r.measurement().value());
            }
        }
    }

    /** Removes every series of the releases not in {@code live} ("namespace/name"): deleted releases leave nothing. */
    public void retainOnly(Set<String> live) {
        List<Meter> gone = registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("swarmrelease."))
                .filter(m -> m.getId().getTag("namespace") != null && m.getId().getTag("name") != null)
                .filter(m -> !live.contains(m.getId().getTag("namespace") + "/" + m.getId().getTag("name"))).toList();
        gone.forEach(registry::remove);
        gauges.keySet().removeIf(key -> !live.contains(releaseOf(key)));
        probeValues.keySet().removeIf(key -> !live.contains(key.substring(0, key.lastIndexOf('/'))));
    }

    /** The "namespace/name" part of a gauge key "metric/namespace/name/value". */
    private static String releaseOf(String gaugeKey) {
        String[] parts = gaugeKey.split("/", 4);
        return parts[1] + "/" + parts[2];
    }

    private void runDuration(String namespace, String name, SwarmReleaseStatus status) {
        if (status.runStartedAt != null) {
            Timer.builder("swarmrelease.run.duration").tags("namespace", namespace, "name", name).register(registry)
                    .record(Duration.between(Instant.parse(status.runStartedAt), Instant.now()));
        }
    }

    private void leadTime(SwarmRelease release, String namespace, String name) {
        var annotations = release.getMetadata().getAnnotations();
        String commitTime = annotations == null ? null : annotations.get(COMMIT_TIME);
        if (commitTime == null) {
            return;
        }
        try {
            Timer.builder("swarmrelease.lead.time").description("commit to the release that deploys it succeeding")
                    .tags("namespace", namespace, "name", name).register(registry)
                    .record(Duration.between(java.time.OffsetDateTime.parse(commitTime).toInstant(), Instant.now()));
        } catch (java.time.format.DateTimeParseException e) {
            registry.counter("swarmrelease.lead.time.invalid", "namespace", namespace, "name", name).increment();
        }
    }

    private void countRun(String namespace, String name, ReleaseEvent event) {
        registry.counter("swarmrelease.runs", "namespace", namespace, "name", name, "result", event.reason().name())
                .increment();
    }

    private AtomicInteger gauge(String metric, String namespace, String name, String tag, String value) {
        String key = metric + "/" + namespace + "/" + name + "/" + value;
        return gauges.computeIfAbsent(key, k -> {
            AtomicInteger holder = new AtomicInteger();
            Gauge.Builder<AtomicInteger> b = Gauge.builder(metric, holder, AtomicInteger::get)
                    .tags("namespace", namespace, "name", name);
            if (tag != null) {
                b.tag(tag, value);
            }
            b.register(registry);
            return holder;
        });
    }
}
