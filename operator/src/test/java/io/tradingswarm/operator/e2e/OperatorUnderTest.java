package io.tradingswarm.operator.e2e;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingswarm.operator.outbound.AllowedNetworks;
import io.tradingswarm.operator.outbound.CheckedHttp;
import io.tradingswarm.operator.outbound.OutboundGuard;
import io.tradingswarm.operator.probe.HostAllowList;
import io.tradingswarm.operator.probe.HttpProvider;
import io.tradingswarm.operator.probe.Measurer;
import io.tradingswarm.operator.probe.ProbeRunner;
import io.tradingswarm.operator.probe.PrometheusProvider;
import io.tradingswarm.operator.reconciler.SwarmReleaseReconciler;
import io.tradingswarm.operator.telemetry.Notifier;
import io.tradingswarm.operator.telemetry.ReleaseMetrics;
import io.tradingswarm.operator.telemetry.WebhookDelivery;
import io.tradingswarm.operator.testing.FakeDns;

/**
 * The operator, running in the test JVM against the local cluster, watching one namespace. Restartable.
 * Optionally it elects a leader on a Lease, and acts as another user (a ServiceAccount) than the admin.
 */
public final class OperatorUnderTest implements AutoCloseable {
    private final String namespace;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Consumer<Config> clientConfig = config -> { };
    private LeaderElectionConfiguration leaderElection;
    private String shardSelector;
    private Operator operator;
    private KubernetesClient client;
    private ProbeRunner probes;
    private Notifier notifier;

    public OperatorUnderTest(String namespace) {
        this.namespace = namespace;
    }

    /** Acts as this ServiceAccount (impersonation), so it has exactly the permissions granted to it. */
    public OperatorUnderTest actingAs(String serviceAccountNamespace, String serviceAccount) {
        clientConfig = config -> config.setImpersonateUsername(
                "system:serviceaccount:" + serviceAccountNamespace + ":" + serviceAccount);
        return this;
    }

    /**
     * Acts only while it holds this Lease in the watched namespace. Stopping it must not exit the test
     * JVM, unlike the shipped operator, which exits when it loses the lease.
     */
    public OperatorUnderTest electingLeaderOn(String leaseName, String identity) {
        leaderElection = new LeaderElectionConfiguration(leaseName, namespace,
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, identity, null, false);
        return this;
    }

    /** Handles only the releases matching this label selector, as {@code swarm.shard.selector} does. */
    public OperatorUnderTest handling(String selector) {
        shardSelector = selector;
        return this;
    }

    public OperatorUnderTest start() {
        client = LocalCluster.client(clientConfig);
        operator = new Operator(o -> {
            o.withKubernetesClient(client).withCloseClientOnStop(true).withStopOnInformerErrorDuringStartup(true);
            if (leaderElection != null) {
                o.withLeaderElectionConfiguration(leaderElection);
            }
        });
        HostAllowList hosts = new HostAllowList(HostAllowList.DEFAULT);
        // Everything the e2e tests call listens on 127.0.0.1: no name needs resolving.
        CheckedHttp outbound = new CheckedHttp(new OutboundGuard(new AllowedNetworks(AllowedNetworks.DEFAULT),
                new FakeDns()));
        probes = new ProbeRunner(new Measurer(client, new PrometheusProvider(null, hosts, outbound),
                new HttpProvider(hosts, outbound)), Clock.systemUTC(), 4);
        notifier = new Notifier(client, new WebhookDelivery(outbound, registry, 3, Duration.ofMillis(200)));
        operator.register(new SwarmReleaseReconciler(Clock.systemUTC(), new ReleaseMetrics(registry), probes, hosts,
                notifier), c -> c.settingNamespace(namespace).withLabelSelector(shardSelector));
        operator.start();
        return this;
    }

    /** Stops at once, as a killed process would: nothing in memory survives into the next start. */
    public void stop() {
        if (operator != null) {
            operator.stop();
            probes.close();
            notifier.close();
            operator = null;
        }
    }

    public SimpleMeterRegistry metrics() {
        return registry;
    }

    @Override
    public void close() {
        stop();
    }
}
