package io.tradingswarm.operator.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tradingswarm.operator.api.BlueGreenStrategy;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.Hooks;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.RollbackPolicy;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.TradingSettings;
import io.tradingswarm.operator.e2e.Releases;

/**
 * The chaos workload: releases named {@value #NAME}, one per namespace {@code chaos-NN}, a fifth of
 * them blue-green, the rest canaries, all with a pre-rollout and an on-rollback hook and the
 * {@link VersionProbe}. Whenever a run has ended, {@link #bumpEnded} starts the next one: a good
 * version, a bad one (fails its analysis) or a late one (fails after {@value VersionProbe#LATE_PASSES}
 * passes).
 */
final class Swarm implements AutoCloseable {
    static final String NAME = "swarm";
    static final String BOT = "maker";
    static final String PROBE = "health";
    /** The canary's weights, in order; an analysis follows the first, a pause the second. */
    static final List<Integer> CANARY_WEIGHTS = List.of(25, 50, 100);
    static final String CANARY_ANALYSIS = "3s";
    static final String CANARY_PAUSE = "2s";
    private static final PatchContext APPLY = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager("chaos-user").withForce(true).build();

    private final KubernetesClient client;
    private final VersionProbe probe;
    private final Random random;
    private final List<String> namespaces = new ArrayList<>();
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();
    private final SharedIndexInformer<SwarmRelease> informer;

    Swarm(KubernetesClient client, VersionProbe probe, Random random, int releases, ResourceEventHandler<SwarmRelease> watcher) {
        this.client = client;
        this.probe = probe;
        this.random = random;
        for (int i = 1; i <= releases; i++) {
            namespaces.add(String.format(Locale.ROOT, "chaos-%02d", i));
        }
        informer = client.resources(SwarmRelease.class).inAnyNamespace().inform(watcher);
    }

    static boolean blueGreen(String namespace) {
        return Integer.parseInt(namespace.substring(namespace.length() - 2)) % 5 == 0;
    }

    void createAll() {
        for (String ns : namespaces) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
            versions.put(ns, 1);
            apply(ns, "v1");
        }
    }

    /** Starts the next run of every release whose run has ended; the API server may be down. */
    int bumpEnded() {
        int bumped = 0;
        for (SwarmRelease r : informer.getStore().list()) {
            String ns = r.getMetadata().getNamespace();
            if (versions.containsKey(ns) && ended(r)) {
                int next = versions.merge(ns, 1, Integer::sum);
                double dice = random.nextDouble();
                String version = "v" + next + (dice < 0.25 ? "-bad" : dice < 0.45 ? "-late" : "");
                try {
                    apply(ns, version);
                    bumped++;
                } catch (KubernetesClientException e) {
                    versions.merge(ns, -1, Integer::sum);
                }
            }
        }
        return bumped;
    }

    /** Its spec is the one the last run was for, and that run is over. */
    static boolean ended(SwarmRelease r) {
        var s = r.getStatus();
        return s != null && s.phase != null && !s.phase.inFlight() && s.phase != Phase.InvalidSpec
                && r.getMetadata().getGeneration().equals(s.observedGeneration);
    }

    List<SwarmRelease> releases() {
        return informer.getStore().list().stream().filter(r -> versions.containsKey(r.getMetadata().getNamespace())).toList();
    }

    boolean allEnded() {
        List<SwarmRelease> all = releases();
        return all.size() == namespaces.size() && all.stream().allMatch(Swarm::ended);
    }

    private void apply(String namespace, String version) {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(namespace).build());
        r.setSpec(spec(blueGreen(namespace), version));
        client.resource(r).patch(APPLY);
    }

    private SwarmReleaseSpec spec(boolean blueGreen, String version) {
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = version;
        spec.progressDeadline = "120s";
        spec.bots = new ArrayList<>(List.of(Releases.bot(BOT, 4, version)));
        spec.probes = List.of(Releases.httpProbe(PROBE, probe.url()));
        spec.hooks = new Hooks();
        spec.hooks.preRollout = List.of(Releases.hook("migrate", false));
        spec.hooks.onRollback = List.of(Releases.hook("page", false));
        spec.rollback = new RollbackPolicy();
        spec.rollback.scaleDownDelay = "2s";
        spec.strategy = new Strategy();
        if (blueGreen) {
            BlueGreenStrategy bg = new BlueGreenStrategy();
            bg.autoPromote = true;
            bg.prePromotionAnalysis = Releases.analysis(PROBE, "2s");
            bg.postPromotionAnalysis = Releases.analysis(PROBE, "4s");
            bg.scaleDownDelay = "2s";
            spec.strategy.blueGreen = bg;
            spec.trading = new TradingSettings();
            spec.trading.drainTimeout = "1s";
        } else {
            spec.strategy.canary = new CanaryStrategy();
            List<CanaryStep> steps = new ArrayList<>();
            steps.add(CanaryStep.weight(CANARY_WEIGHTS.get(0)));
            steps.add(CanaryStep.analysis(CANARY_ANALYSIS, PROBE));
            steps.add(CanaryStep.weight(CANARY_WEIGHTS.get(1)));
            steps.add(CanaryStep.pause(CANARY_PAUSE));
            steps.add(CanaryStep.weight(CANARY_WEIGHTS.get(2)));
            spec.strategy.canary.steps = steps;
        }
        return spec;
    }

    @Override
    public void close() {
        informer.close();
    }
}
