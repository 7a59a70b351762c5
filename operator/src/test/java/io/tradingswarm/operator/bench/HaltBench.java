package io.tradingswarm.operator.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.e2e.LocalCluster;
import io.tradingswarm.operator.e2e.OperatorUnderTest;
import io.tradingswarm.operator.e2e.Releases;

/**
 * Halt reaction on the local cluster: a release of 20 bots whose canary run waits at a manual
 * pause (both slots of every bot active). Per run, the halt annotation is set and a watch on the
 * trading gate ConfigMap records when every one of the 40 slots reads {@code halted}, as a bot
 * watching the ConfigMap sees it; then resume, and the next run. Run with {@code make bench}.
 */
public final class HaltBench {
    static final int RUNS = Integer.getInteger("runs", 20);
    static final int BOTS = Integer.getInteger("bots", 20);

    public static void main(String[] args) throws Exception {
        KubernetesClient client = LocalCluster.client();
        String ns = RollbackBench.newNamespace(client);
        OperatorUnderTest operator = new OperatorUnderTest(ns).start();
        AtomicReference<Instant> allHalted = new AtomicReference<>();
        List<Double> reaction = new ArrayList<>();
        try {
            RollbackBench.apply(client, ns, release("v0"));
            RollbackBench.await(() -> RollbackBench.phase(client, ns) == Phase.Succeeded);
            RollbackBench.apply(client, ns, release("v1"));
            RollbackBench.await(() -> RollbackBench.phase(client, ns) == Phase.Paused && gate(client, ns).stream()
                    .filter("active"::equals).count() == 2L * BOTS);
            try (Watch watch = client.configMaps().inNamespace(ns).withName("bench-trading").watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, ConfigMap gate) {
                    if (states(gate).stream().allMatch("halted"::equals) && states(gate).size() == 2 * BOTS) {
                        allHalted.compareAndSet(null, Instant.now());
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                for (int run = 1; run <= RUNS; run++) {
                    allHalted.set(null);
                    Instant asked = Instant.now();
                    action(client, ns, "halt");
                    RollbackBench.await(() -> allHalted.get() != null);
                    reaction.add(Duration.between(asked, allHalted.get()).toMillis() / 1000.0);
                    System.out.printf("run %2d: halt annotation -> %d slots halted in the gate: %.3f s%n", run, 2 * BOTS,
                            reaction.get(run - 1));
                    action(client, ns, "resume");
                    RollbackBench.await(() -> RollbackBench.status(client, ns).halt == null
                            && gate(client, ns).stream().filter("active"::equals).count() == 2L * BOTS);
                }
            }
        } finally {
            operator.stop();
            client.namespaces().withName(ns).delete();
        }
        System.out.println("halt reaction over " + RUNS + " runs (" + BOTS + " bots, " + 2 * BOTS
                + " slots, a canary run waiting at a manual pause):");
        System.out.printf("  annotation set -> every slot halted in the trading gate ConfigMap (seen by a watch): p50 %.3f s, p99 %.3f s%n",
                RollbackBench.percentile(reaction, 50), RollbackBench.percentile(reaction, 99));
        System.exit(0);
    }

    static SwarmRelease release(String version) {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withName("bench").build());
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = version;
        spec.bots = IntStream.rangeClosed(1, BOTS).mapToObj(i -> Releases.bot("bot" + i, 1, version)).toList();
        spec.strategy = new Strategy();
        spec.strategy.canary = new CanaryStrategy();
        spec.strategy.canary.steps = List.of(CanaryStep.weight(50), CanaryStep.pause(null), CanaryStep.weight(100));
        r.setSpec(spec);
        return r;
    }

    static void action(KubernetesClient client, String ns, String action) {
        client.resources(SwarmRelease.class).inNamespace(ns).withName("bench").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"tradingswarm.io/action\":\"" + action + "\"}}}");
    }

    static List<String> gate(KubernetesClient client, String ns) {
        ConfigMap gate = client.configMaps().inNamespace(ns).withName("bench-trading").get();
        return gate == null ? List.of() : states(gate);
    }

    /** Each slot's state line, as a bot reads it. */
    static List<String> states(ConfigMap gate) {
        return gate.getData() == null ? List.of() : gate.getData().values().stream()
                .map(file -> file.lines().filter(l -> l.startsWith("state=")).findFirst().orElse("state=").substring(6)).toList();
    }
}
