package io.tradingswarm.operator.e2e;

import java.time.Clock;
import java.time.Duration;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingswarm.operator.probe.HostAllowList;
import io.tradingswarm.operator.probe.HttpProvider;
import io.tradingswarm.operator.probe.Measurer;
import io.tradingswarm.operator.probe.ProbeRunner;
import io.tradingswarm.operator.probe.PrometheusProvider;
import io.tradingswarm.operator.reconciler.SwarmReleaseReconciler;
import io.tradingswarm.operator.telemetry.Notifier;
import io.tradingswarm.operator.telemetry.ReleaseMetrics;

/** The operator, running in the test JVM against the local cluster, watching one namespace. Restartable. */
public final class OperatorUnderTest implements AutoCloseable {
    private final String namespace;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Operator operator;
    private KubernetesClient client;
    private ProbeRunner probes;
    private Notifier notifier;

    public OperatorUnderTest(String namespace) {
        this.namespace = namespace;
    }

    public OperatorUnderTest start() {
        client = LocalCluster.client();
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(true)
                .withStopOnInformerErrorDuringStartup(true));
        HostAllowList hosts = new HostAllowList(HostAllowList.DEFAULT);
        probes = new ProbeRunner(new Measurer(client, new PrometheusProvider(null), new HttpProvider(hosts)),
                Clock.systemUTC(), 4);
        notifier = new Notifier(client, registry, 3, Duration.ofMillis(200));
        operator.register(new SwarmReleaseReconciler(Clock.systemUTC(), new ReleaseMetrics(registry), probes, hosts,
                notifier), c -> c.settingNamespace(namespace));
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
