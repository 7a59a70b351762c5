package io.tradingswarm.operator.bench;

import java.util.LinkedHashMap;
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
import io.tradingswarm.operator.reconciler.Sharding;

/**
 * swarm-operator under the scale bench: the packaged operator run by hack/bench/swarm-operator.sh
 * as the chart's ServiceAccount, with the chart's JVM sizing; a release is a SwarmRelease. Sharded
 * (docs/operations.md, "Sharding"), it runs two such processes, as the chart would run two
 * instances: {@value #ONE} for the releases labelled {@code tradingswarm.io/shard=one}, with a Lease
 * of its own, and {@value #REST} for the others, on the chart's Lease. Each has its own identity
 * (HOSTNAME) and, as swarm-operator.sh picks a free port per start, its own HTTP port.
 */
final class SwarmOperatorScaleController extends ScaleController.Scripted {
    static final Set<String> FAILED = Set.of("RolledBack", "Degraded", "InvalidSpec");
    static final String ONE = "one";
    static final String REST = "rest";
    static final String LEASE = "swarm-operator";

    /** @param shards 1 (one process for every release) or 2 ({@value #ONE} and {@value #REST}) */
    SwarmOperatorScaleController(int shards) {
        super("swarm-operator", "system:serviceaccount:swarm-operator:swarm-operator", "hack/bench/swarm-operator.sh",
                "SWARM_BENCH_WORKDIR", environments(shards), "tradingswarm.io", "SwarmRelease", "swarmreleases");
    }

    private static Map<String, Map<String, String>> environments(int shards) {
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        switch (shards) {
            case 1 -> environments.put(UNSHARDED, Map.of());
            case 2 -> {
                environments.put(ONE, Map.of("SWARM_SHARD_SELECTOR", Sharding.LABEL + "=" + ONE, "SWARM_SHARD_NAME", ONE,
                        "SWARM_LEADER_ELECTION_LEASE_NAME", LEASE + "-" + ONE, "HOSTNAME", LEASE + "-" + ONE));
                environments.put(REST, Map.of("SWARM_SHARD_SELECTOR", Sharding.UNLABELLED, "HOSTNAME", LEASE + "-" + REST));
            }
            default -> throw new IllegalArgumentException("swarm-operator runs as 1 or 2 shards, not " + shards);
        }
        return environments;
    }

    @Override
    public GenericKubernetesResource release(String namespace, String name, String version, int replicas, String shard) {
        SwarmRelease release = new SwarmRelease();
        release.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name)
                .withLabels(shard.equals(ONE) ? Map.of(Sharding.LABEL, ONE) : Map.of()).build());
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
