package io.tradingswarm.operator.reconciler;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingswarm.operator.outbound.AllowedNetworks;
import io.tradingswarm.operator.outbound.CheckedHttp;
import io.tradingswarm.operator.outbound.OutboundGuard;
import io.tradingswarm.operator.probe.HostAllowList;
import io.tradingswarm.operator.probe.HttpProvider;
import io.tradingswarm.operator.probe.Measurer;
import io.tradingswarm.operator.probe.ProbeRunner;
import io.tradingswarm.operator.probe.PrometheusProvider;
import io.tradingswarm.operator.telemetry.Notifier;
import io.tradingswarm.operator.telemetry.ReleaseMetrics;
import io.tradingswarm.operator.telemetry.WebhookDelivery;

/** CDI wiring for the operator process; tests build the same objects by hand. */
public class OperatorBeans {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ReleaseMetrics metrics(MeterRegistry registry) {
        return new ReleaseMetrics(registry);
    }

    /**
     * JOSDK's reconcile metrics per controller. The extension's default keeps them per release too: a
     * percentile histogram and a dozen counters for each, 30-40 MB of heap at 1000 releases
     * (docs/performance.md). Our own swarmrelease_* series carry the release.
     */
    @Produces
    @Singleton
    Metrics reconcileMetrics(MeterRegistry registry) {
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }

    @Produces
    @Singleton
    HostAllowList allowedHosts(@ConfigProperty(name = HostAllowList.SETTING,
            defaultValue = HostAllowList.DEFAULT) String patterns) {
        return new HostAllowList(patterns);
    }

    /** Every probe, Prometheus query and webhook call goes through this one client. */
    @Produces
    @Singleton
    CheckedHttp outbound(@ConfigProperty(name = AllowedNetworks.SETTING,
            defaultValue = AllowedNetworks.DEFAULT) String networks) {
        return new CheckedHttp(new OutboundGuard(new AllowedNetworks(networks), OutboundGuard.Resolver.SYSTEM));
    }

    @Produces
    @Singleton
    ProbeRunner probes(KubernetesClient client, Clock clock, HostAllowList allowedHosts, CheckedHttp outbound,
            @ConfigProperty(name = "swarm.probes.prometheus.address") Optional<String> prometheus,
            @ConfigProperty(name = "swarm.probes.threads", defaultValue = "8") int threads) {
        return new ProbeRunner(new Measurer(client, new PrometheusProvider(prometheus.orElse(null), allowedHosts, outbound),
                new HttpProvider(allowedHosts, outbound)), clock, threads);
    }

    void close(@Disposes ProbeRunner probes) {
        probes.close();
    }

    @Produces
    @Singleton
    Notifier notifier(KubernetesClient client, CheckedHttp outbound, MeterRegistry registry,
            @ConfigProperty(name = "swarm.notifications.attempts", defaultValue = "4") int attempts,
            @ConfigProperty(name = "swarm.notifications.backoff", defaultValue = "1s") java.time.Duration backoff) {
        return new Notifier(client, new WebhookDelivery(outbound, registry, attempts, backoff));
    }

    void close(@Disposes Notifier notifier) {
        notifier.close();
    }
}
