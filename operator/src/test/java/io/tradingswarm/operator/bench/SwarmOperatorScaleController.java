package io.tradingswarm.operator.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;

/**
 * swarm-operator under the scale bench: the packaged operator run by hack/bench/swarm-operator.sh
 * as the chart's ServiceAccount, with the chart's JVM sizing; a release is a SwarmRelease.
 */
final class SwarmOperatorScaleController extends ScaleController.Scripted {
    static final Set<String> FAILED = Set.of("RolledBack", "Degraded", "InvalidSpec");

    SwarmOperatorScaleController() {
        super("swarm-operator", "system:serviceaccount:swarm-operator:swarm-operator", "hack/bench/swarm-operator.sh",
                "SWARM_BENCH_WORKDIR", "tradingswarm.io", "SwarmRelease", "swarmreleases");
    }

    @Override
    public GenericKubernetesResource release(String namespace, String name, String version, int replicas) {
        SwarmRelease release = new SwarmRelease();
        release.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = version;
        Bot bot = new Bot();
        bot.name = name; // the slots are <bot>-a and <bot>-b: unique in the namespace
        bot.replicas = replicas;
        bot.template = ScaleController.template(name, version);
        spec.bots = List.of(bot);
        spec.strategy = new Strategy();
        spec.strategy.canary = new CanaryStrategy();
        spec.strategy.canary.steps = List.of(CanaryStep.weight(50), CanaryStep.weight(100));
        release.setSpec(spec);
        return Serialization.unmarshal(Serialization.asJson(release), GenericKubernetesResource.class);
    }

    @Override
    boolean finished(GenericKubernetesResource release, Map<String, Object> status, String phase, String version) {
        return current(release, status) && "Succeeded".equals(phase) && version.equals(status.get("stableVersion"));
    }

    @Override
    boolean failed(GenericKubernetesResource release, Map<String, Object> status, String phase, String version) {
        return current(release, status) && version.equals(status.get("version")) && FAILED.contains(phase);
    }

    private static boolean current(GenericKubernetesResource release, Map<String, Object> status) {
        return status.get("observedGeneration") instanceof Number n && n.longValue() == release.getMetadata().getGeneration();
    }
}
