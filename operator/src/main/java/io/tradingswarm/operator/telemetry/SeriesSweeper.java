package io.tradingswarm.operator.telemetry;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tradingswarm.operator.api.SwarmRelease;

/**
 * Removes the metric series of deleted releases. Releases have no finalizer (deleting one must not
 * wait for the operator), so nothing is told of a deletion: the informer cache is compared with the
 * series now and then instead. Its daemon thread lives as long as the operator.
 */
public final class SeriesSweeper {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "series-sweeper");
        t.setDaemon(true);
        return t;
    });

    /** @param releases the releases the operator knows now (its informer cache) */
    public SeriesSweeper(ReleaseMetrics metrics, Supplier<Stream<SwarmRelease>> releases, Duration every) {
        timer.scheduleWithFixedDelay(() -> metrics.retainOnly(releases.get()
                .map(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()).collect(Collectors.toSet())),
                every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
}
