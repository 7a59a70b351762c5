package io.tradingswarm.operator.e2e;

import java.time.Clock;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingswarm.operator.reconciler.SwarmReleaseReconciler;
import io.tradingswarm.operator.telemetry.ReleaseMetrics;

/** The operator, running in the test JVM against the local cluster, watching one namespace. Restartable. */
final class OperatorUnderTest implements AutoCloseable {
    private final String namespace;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Operator operator;
    private KubernetesClient client;

    OperatorUnderTest(String namespace) {
        this.namespace = namespace;
    }

    OperatorUnderTest start() {
        client = LocalCluster.client();
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(true)
                .withStopOnInformerErrorDuringStartup(true));
        operator.register(new SwarmReleaseReconciler(Clock.systemUTC(), new ReleaseMetrics(registry)),
                c -> c.settingNamespace(namespace));
        operator.start();
        return this;
    }

    /** Stops at once, as a killed process would: nothing in memory survives into the next start. */
    void stop() {
        if (operator != null) {
            operator.stop();
            operator = null;
        }
    }

    SimpleMeterRegistry metrics() {
        return registry;
    }

    @Override
    public void close() {
        stop();
    }
}
