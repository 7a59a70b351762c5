package io.tradingswarm.operator.probe;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.planner.RunId;

/**
 * Takes measurements off the reconcile thread. A result waits in an inbox until a reconcile has
 * counted it into status; its arrival triggers that reconcile. Nothing here must survive a
 * restart: a measurement lost with the process is simply due again.
 */
public final class ProbeRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ProbeRunner.class);
    private final Measurer measurer;
    private final Clock clock;
    private final ExecutorService pool;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<ResourceID, List<ProbeResult>> inbox = new ConcurrentHashMap<>();
    private final SimpleInboundEventSource<SwarmRelease> arrivals = new SimpleInboundEventSource<>("probe-results");

    public ProbeRunner(Measurer measurer, Clock clock, int threads) {
        this.measurer = measurer;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The event source through which landed measurements trigger a reconcile. */
    public SimpleInboundEventSource<SwarmRelease> arrivals() {
        return arrivals;
    }

    /** Results that landed for this release and are not counted in its saved status yet. */
    public List<ProbeResult> landed(ResourceID release) {
        return List.copyOf(inbox.getOrDefault(release, List.of()));
    }

    /** Forgets results once the status that counts them is saved. */
    public void counted(ResourceID release, List<ProbeResult> results) {
        inbox.computeIfPresent(release, (id, list) -> {
            list.removeAll(results);
            return list.isEmpty() ? null : list;
        });
    }

    /** Starts the due measurements that are not already under way. */
    public void launch(SwarmRelease release, List<String> due) {
        ResourceID id = ResourceID.fromResource(release);
        RunId run = RunId.of(release.getStatus());
        for (String name : due) {
            String key = release.getMetadata().getUid() + "/" + run.revision() + "@" + run.startedAt() + "/" + name;
            if (!inFlight.add(key)) {
                continue;
            }
            ProbeSpec spec = release.getSpec().probes.stream().filter(p -> p.name.equals(name)).findFirst().orElseThrow();
            int attempt = Measurer.attempts(release, name);
            java.time.Instant launchedAt = clock.instant();
            pool.submit(() -> {
                try {
                    Measurement m = safely(release, spec, attempt);
                    inbox.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                            .add(new ProbeResult(name, run, m, launchedAt, clock.instant()));
                } finally {
                    inFlight.remove(key);
                    arrivals.propagateEvent(id);
                }
            });
        }
    }

    private Measurement safely(SwarmRelease release, ProbeSpec spec, int attempt) {
        try {
            return measurer.measure(release, spec, attempt);
        } catch (RuntimeException e) {
            LOG.warnf(e, "probe %s of %s/%s failed to measure", spec.name, release.getMetadata().getNamespace(),
                    release.getMetadata().getName());
            return Measurement.error("could not measure: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
