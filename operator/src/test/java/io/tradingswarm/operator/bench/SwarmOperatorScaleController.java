package io.tradingswarm.operator.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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
final class SwarmOperatorScaleController implements ScaleController {
    static final Set<String> FAILED = Set.of("RolledBack", "Degraded", "InvalidSpec");
    private final Script script = new Script("hack/bench/swarm-operator.sh", "SWARM_BENCH_WORKDIR",
            Path.of("target", "bench-scale", "swarm-operator"));

    @Override
    public String name() {
        return "swarm-operator";
    }

    @Override
    public String user() {
        return "system:serviceaccount:swarm-operator:swarm-operator";
    }

    @Override
    public long start() throws IOException, InterruptedException {
        return script.start();
    }

    @Override
    public void stop() throws IOException, InterruptedException {
        script.stop();
    }

    @Override
    public ResourceDefinitionContext kind() {
        return new ResourceDefinitionContext.Builder().withGroup("tradingswarm.io").withVersion("v1alpha1")
                .withKind("SwarmRelease").withPlural("swarmreleases").withNamespaced(true).build();
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
        bot.template = new PodTemplateSpecBuilder().withNewMetadata().addToLabels(POD_LABEL, name).endMetadata()
                .withNewSpec().addNewContainer().withName("bot").withImage(IMAGE + ":" + version).endContainer().endSpec()
                .build();
        spec.bots = List.of(bot);
        spec.strategy = new Strategy();
        spec.strategy.canary = new CanaryStrategy();
        spec.strategy.canary.steps = List.of(CanaryStep.weight(50), CanaryStep.weight(100));
        release.setSpec(spec);
        return Serialization.unmarshal(Serialization.asJson(release), GenericKubernetesResource.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Verdict verdict(GenericKubernetesResource release, String version) {
        Map<String, Object> status = (Map<String, Object>) release.getAdditionalProperties().get("status");
        if (status == null) {
            return new Verdict(false, false, "", "");
        }
        String phase = Objects.toString(status.get("phase"), "");
        String message = Objects.toString(status.get("message"), "");
        Object observed = status.get("observedGeneration");
        boolean current = observed instanceof Number n && n.longValue() == release.getMetadata().getGeneration();
        return new Verdict(current && "Succeeded".equals(phase) && version.equals(status.get("stableVersion")),
                current && version.equals(status.get("version")) && FAILED.contains(phase), phase, message);
    }
}
