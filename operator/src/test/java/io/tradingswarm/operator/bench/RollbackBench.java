package io.tradingswarm.operator.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.operator.api.AnalysisStep;
import io.tradingswarm.operator.api.BlueGreenStrategy;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.GatewayApiRouting;
import io.tradingswarm.operator.api.ParentReference;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.RollbackPolicy;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.api.TrafficRouting;
import io.tradingswarm.operator.e2e.LocalCluster;
import io.tradingswarm.operator.e2e.OperatorUnderTest;
import io.tradingswarm.operator.e2e.ProbeServer;
import io.tradingswarm.operator.e2e.Releases;
import io.tradingswarm.operator.testing.Crd;

/**
 * Rollback reaction on the local cluster: a run analysing an HTTP probe (measured every second)
 * whose endpoint turns to 500. Canary (default): per run, status.rollback.seconds (failing
 * measurement to every stable slot full and ready, weight 0). Blue-green ({@code -Dstrategy=blueGreen},
 * failing in the monitor window): the failing measurement to both active Services selecting the old
 * slot, as a client sees them. Routed canary ({@code -Dstrategy=gatewayAPI}, an operator-created
 * HTTPRoute per bot): the failing measurement to both routes carrying 0% for the new slot, as a
 * client sees them. All also print the wall time from the endpoint turning bad. Run with
 * {@code make bench}.
 */
public final class RollbackBench {
    static final int RUNS = Integer.getInteger("runs", 20);
    static final boolean BLUE_GREEN = "blueGreen".equals(System.getProperty("strategy"));
    static final boolean ROUTED = "gatewayAPI".equals(System.getProperty("strategy"));
    /** Observed by a client (the Services or the routes) rather than read from status. */
    static final boolean OBSERVED = BLUE_GREEN || ROUTED;
    static final Duration DEADLINE = Duration.ofSeconds(120);

    public static void main(String[] args) throws Exception {
        KubernetesClient client = LocalCluster.client();
        String ns = newNamespace(client);
        OperatorUnderTest operator = new OperatorUnderTest(ns).start();
        List<Double> reaction = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        try (ProbeServer health = new ProbeServer()) {
            apply(client, ns, release("v0", health.url()));
            await(() -> phase(client, ns) == Phase.Succeeded);
            for (int run = 1; run <= RUNS; run++) {
                health.status.set(200);
                String version = "v" + run;
                apply(client, ns, release(version, health.url()));
                await(() -> analysing(status(client, ns), version));
                String oldSlot = status(client, ns).stableSlot;
                Instant turnedBad = Instant.now();
                health.status.set(500);
                if (BLUE_GREEN) {
                    await(() -> activeSlot(client, ns, "maker").equals(oldSlot) && activeSlot(client, ns, "arb").equals(oldSlot));
                } else if (ROUTED) {
                    await(() -> routedToNew(client, ns, "maker", oldSlot) == 0 && routedToNew(client, ns, "arb", oldSlot) == 0);
                }
                Instant seen = Instant.now();
                await(() -> phase(client, ns) == Phase.RolledBack);
                wall.add(Duration.between(turnedBad, OBSERVED ? seen : Instant.now()).toMillis() / 1000.0);
                SwarmReleaseStatus s = status(client, ns);
                reaction.add(OBSERVED ? Duration.between(Instant.parse(s.rollback.startedAt), seen).toMillis() / 1000.0
                        : s.rollback.seconds);
                System.out.printf("run %2d: reaction %.3f s, endpoint bad -> observed %.3f s%n", run,
                        reaction.get(run - 1), wall.get(run - 1));
            }
        } finally {
            operator.stop();
            client.namespaces().withName(ns).delete();
        }
        System.out.println((BLUE_GREEN ? "blue-green switch-back" : ROUTED ? "routed canary (Gateway API) rollback"
                : "replica-ratio canary rollback") + " reaction over " + RUNS + " runs (2 bots, 4+2 replicas, HTTP probe every 1s):");
        System.out.printf("  failing measurement -> %s: p50 %.3f s, p99 %.3f s%n", BLUE_GREEN
                ? "both active Services select the old slot (seen by a client)"
                : ROUTED ? "both HTTPRoutes give the new slot 0% (seen by a client)"
                : "weight 0 and stable full (status.rollback.seconds)", percentile(reaction, 50), percentile(reaction, 99));
        System.out.printf("  endpoint turns bad -> %s (includes up to 1 s until measured): p50 %.3f s, p99 %.3f s%n",
                BLUE_GREEN ? "switched back" : ROUTED ? "routes written" : "RolledBack seen by a client", percentile(wall, 50),
                percentile(wall, 99));
        System.exit(0);
    }

    /** The CRD (a fresh cluster has none) and a fresh namespace for one benchmark's release. */
    static String newNamespace(KubernetesClient client) {
        Crd.install(client);
        String ns = "bench-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        return ns;
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static SwarmRelease release(String version, String url) {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withName("bench").build());
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = version;
        spec.progressDeadline = "60s";
        spec.rollback = new RollbackPolicy();
        spec.rollback.scaleDownDelay = "1s";
        spec.bots = List.of(Releases.bot("maker", 4, version), Releases.bot("arb", 2, version));
        spec.probes = List.of(Releases.httpProbe("health", url));
        spec.strategy = new Strategy();
        if (BLUE_GREEN) {
            spec.strategy.blueGreen = new BlueGreenStrategy();
            spec.strategy.blueGreen.postPromotionAnalysis = new AnalysisStep();
            spec.strategy.blueGreen.postPromotionAnalysis.probes = List.of("health");
            spec.strategy.blueGreen.postPromotionAnalysis.duration = "1h";
            spec.strategy.blueGreen.scaleDownDelay = "1s";
        } else {
            spec.strategy.canary = new CanaryStrategy();
            spec.strategy.canary.steps = List.of(CanaryStep.weight(50), CanaryStep.analysis("1h", "health"));
            if (ROUTED) {
                spec.strategy.canary.trafficRouting = new TrafficRouting();
                spec.strategy.canary.trafficRouting.gatewayAPI = new GatewayApiRouting();
                ParentReference gateway = new ParentReference();
                gateway.name = "bench-gateway";
                spec.strategy.canary.trafficRouting.gatewayAPI.parentRefs = List.of(gateway);
            }
        }
        r.setSpec(spec);
        return r;
    }

    /** The run to {@code version} is under way and its probe has passed: the moment to turn the endpoint bad. */
    static boolean analysing(SwarmReleaseStatus s, String version) {
        return s != null && version.equals(s.version) && s.phase == Phase.Progressing
                && (!BLUE_GREEN || "monitoring".equals(s.step))
                && s.probes.stream().anyMatch(p -> p.successes >= 1);
    }

    static void apply(KubernetesClient client, String ns, SwarmRelease release) {
        release.getMetadata().setNamespace(ns);
        client.resource(release).patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager("bench").withForce(true).build());
    }

    static String activeSlot(KubernetesClient client, String ns, String bot) {
        var service = client.services().inNamespace(ns).withName(bot).get();
        return service == null ? "" : service.getSpec().getSelector().getOrDefault("tradingswarm.io/slot", "");
    }

    /** The weight a bot's HTTPRoute gives the slot beside {@code stableSlot}, or -1 before the route exists. */
    @SuppressWarnings("unchecked")
    static int routedToNew(KubernetesClient client, String ns, String bot, String stableSlot) {
        var route = client.genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute").inNamespace(ns).withName(bot).get();
        if (route == null) {
            return -1;
        }
        String newService = bot + "-" + ("a".equals(stableSlot) ? "b" : "a");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) route.getAdditionalProperties()
                .get("spec")).get("rules");
        return rules.stream().flatMap(r -> ((List<Map<String, Object>>) r.get("backendRefs")).stream())
                .filter(b -> newService.equals(b.get("name"))).mapToInt(b -> ((Number) b.get("weight")).intValue()).sum();
    }

    static SwarmReleaseStatus status(KubernetesClient client, String ns) {
        SwarmRelease r = client.resources(SwarmRelease.class).inNamespace(ns).withName("bench").get();
        return r == null ? null : r.getStatus();
    }

    static Phase phase(KubernetesClient client, String ns) {
        SwarmReleaseStatus s = status(client, ns);
        return s == null ? null : s.phase;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("benchmark condition not reached within " + DEADLINE);
            }
            Thread.sleep(20);
        }
    }
}
