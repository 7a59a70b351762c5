package io.tradingswarm.operator.e2e;

import static io.tradingswarm.operator.e2e.RouteRules.HTTP_ROUTE;
import static io.tradingswarm.operator.e2e.RouteRules.VIRTUAL_SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.GatewayApiRouting;
import io.tradingswarm.operator.api.HeaderMatch;
import io.tradingswarm.operator.api.IstioRouting;
import io.tradingswarm.operator.api.ParentReference;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.api.TrafficRouting;
import io.tradingswarm.operator.testing.Command;

/**
 * Routed canaries on the real API server with the Gateway API and Istio CRDs the local cluster
 * installs (docs/user-guide.md, "Traffic through a router"): the exact weights of every step on the
 * routes, the stable slot at full size for the whole run, per-slot Services, header routes, a
 * rollback in one route write, routes restored after a delete or a hand edit, and a route from Git
 * whose fields Argo CD and the operator share. Swarm: maker (4 pods) and arb (2 pods), Service port 80.
 */
class RoutingE2ETest extends E2EBase {
    static final String NAME = "swarm";
    static final int PORT = 80;
    static final Map<String, Integer> BOTS = bots();
    static final HeaderMatch DESK = HeaderMatch.of("x-desk", "desk-a");
    static final String GATEWAY_API = "gateway.networking.k8s.io/v1";
    static final String ISTIO = "networking.istio.io/v1";
    static final String OPERATOR = "swarm-operator";

    @RegisterExtension
    final TestWatcher dumpRoutesOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println(LocalCluster.kubectl("-n", namespace, "get", "httproutes,virtualservices", "-o", "yaml",
                    "--show-managed-fields"));
        }
    };

    private static Map<String, Integer> bots() {
        Map<String, Integer> bots = new LinkedHashMap<>();
        bots.put("maker", 4);
        bots.put("arb", 2);
        return bots;
    }

    // ---- releases ----

    /** Weights on an HTTPRoute per bot: created by the operator (with parentRefs), or the user's (from Git). */
    static SwarmRelease gatewayApi(String version, List<CanaryStep> steps, boolean operatorCreatesRoutes) {
        SwarmRelease release = Releases.twoBots(NAME, version, steps);
        TrafficRouting routing = new TrafficRouting();
        routing.gatewayAPI = new GatewayApiRouting();
        if (operatorCreatesRoutes) {
            ParentReference gateway = new ParentReference();
            gateway.name = "trading-gateway";
            routing.gatewayAPI.parentRefs = List.of(gateway);
            routing.gatewayAPI.hostnames = List.of("{{bot}}.trading.example");
        }
        release.getSpec().strategy.canary.trafficRouting = routing;
        return release;
    }

    /** Weights on an operator-created VirtualService per bot. */
    static SwarmRelease istio(String version, List<CanaryStep> steps) {
        SwarmRelease release = Releases.twoBots(NAME, version, steps);
        TrafficRouting routing = new TrafficRouting();
        routing.istio = new IstioRouting();
        routing.istio.hosts = List.of("{{bot}}.trading.svc.cluster.local");
        release.getSpec().strategy.canary.trafficRouting = routing;
        return release;
    }

    /** A header route, then each weight, each followed by a pause that waits for the promote action. */
    static List<CanaryStep> headerRouteThenWeights(List<Integer> weights) {
        List<CanaryStep> steps = new ArrayList<>(List.of(CanaryStep.headerRoute(DESK), CanaryStep.pause(null)));
        for (int w : weights) {
            steps.add(CanaryStep.weight(w));
            steps.add(CanaryStep.pause(null));
        }
        return steps;
    }

    // ---- what the routes should say ----

    /** A bot's rules with {@code a} and {@code b} percent on the slots' Services, and the header rule to slot b. */
    static List<String> expectedRules(String kind, String bot, int a, int b, boolean headerRule) {
        List<String> rules = new ArrayList<>();
        if (headerRule) {
            rules.add(HTTP_ROUTE.equals(kind) ? RouteRules.gatewayHeaderRule(bot, "b", PORT, DESK.name, DESK.value)
                    : RouteRules.istioHeaderRule(bot, "b", PORT, DESK.name, DESK.value));
        }
        rules.add(HTTP_ROUTE.equals(kind) ? RouteRules.gatewayWeights(bot, PORT, a, b) : RouteRules.istioWeights(bot, PORT, a, b));
        return rules;
    }

    /** The new slot's pods at a weight: ceil(replicas * weight / 100), at least one for the header route. */
    static int newPods(int replicas, int weight) {
        return Math.max(1, (replicas * weight + 99) / 100);
    }

    // ---- reading the cluster ----

    GenericKubernetesResource route(String kind, String name) {
        return client.genericKubernetesResources(HTTP_ROUTE.equals(kind) ? GATEWAY_API : ISTIO, kind).inNamespace(namespace)
                .withName(name).get();
    }

    List<String> rules(String kind, String bot) {
        return RouteRules.of(route(kind, bot));
    }

    Recording<GenericKubernetesResource> recordRoutes(String kind) {
        return new Recording<>(client.genericKubernetesResources(HTTP_ROUTE.equals(kind) ? GATEWAY_API : ISTIO, kind)
                .inNamespace(namespace));
    }

    Recording<Deployment> recordSlots() {
        return new Recording<>(client.apps().deployments().inNamespace(namespace));
    }

    /** Waits until both recordings have delivered the objects that exist, so nothing after this is missed. */
    void awaitOpen(Recording<Deployment> slots, Recording<GenericKubernetesResource> routes) {
        await("the watches deliver the slots and routes that exist", () -> BOTS.keySet().stream()
                .allMatch(bot -> !slots.of(bot + "-a").isEmpty() && !routes.of(bot).isEmpty()));
    }

    Map<String, String> selector(String service) {
        Service s = service(service);
        return s == null ? null : s.getSpec().getSelector();
    }

    static Map<String, String> slotSelector(String bot, String slot) {
        return Map.of("tradingswarm.io/release", NAME, "tradingswarm.io/bot", bot, "tradingswarm.io/slot", slot);
    }

    /** {@code <bot>-a} and {@code <bot>-b} select one slot each on the bot's port; {@code <bot>} the stable slot. */
    void awaitServices(String stableSlot) {
        for (String bot : BOTS.keySet()) {
            for (String slot : List.of("a", "b")) {
                awaitEquals("Service " + bot + "-" + slot + " selects slot " + slot, slotSelector(bot, slot),
                        () -> selector(bot + "-" + slot));
                assertEquals(PORT, service(bot + "-" + slot).getSpec().getPorts().get(0).getPort());
            }
            awaitEquals("Service " + bot + " selects the stable slot " + stableSlot, slotSelector(bot, stableSlot),
                    () -> selector(bot));
        }
    }

    /** The field managers that own {@code spec.<field>} of a live object. */
    static List<String> ownersOf(GenericKubernetesResource route, String field) {
        List<String> owners = new ArrayList<>();
        for (ManagedFieldsEntry e : route.getMetadata().getManagedFields()) {
            if (e.getSubresource() == null && e.getFieldsV1() != null
                    && e.getFieldsV1().getAdditionalProperties().get("f:spec") instanceof Map<?, ?> spec
                    && spec.containsKey("f:" + field)) {
                owners.add(e.getManager());
            }
        }
        return owners;
    }

    /** An operator-created route: the parents or hosts of the spec, owned by the release, labelled with it. */
    void assertOperatorCreated(String kind, String bot) {
        GenericKubernetesResource r = route(kind, bot);
        Map<String, Object> spec = RouteRules.spec(r);
        if (HTTP_ROUTE.equals(kind)) {
            assertEquals(List.of(Map.of("group", "gateway.networking.k8s.io", "kind", "Gateway", "name", "trading-gateway")),
                    spec.get("parentRefs"));
            assertEquals(List.of(bot + ".trading.example"), spec.get("hostnames"));
        } else {
            assertEquals(List.of(bot + ".trading.svc.cluster.local"), spec.get("hosts"));
            assertFalse(spec.containsKey("gateways"), "no gateways: the mesh");
        }
        List<OwnerReference> owners = r.getMetadata().getOwnerReferences();
        assertEquals(1, owners.size(), owners.toString());
        assertEquals(NAME, owners.get(0).getName());
        assertEquals("SwarmRelease", owners.get(0).getKind());
        assertEquals(Map.of("tradingswarm.io/release", NAME, "tradingswarm.io/bot", bot, "app.kubernetes.io/managed-by",
                OPERATOR), r.getMetadata().getLabels());
    }

    void awaitStep(String version, int step, Phase phase) {
        await(version + " at step " + (step + 1) + " in phase " + phase, () -> {
            SwarmReleaseStatus s = status(NAME);
            return version.equals(s.version) && s.phase == phase && Objects.equals(s.currentStep, step);
        });
    }

    // ---- scenarios ----

    @Test
    void gatewayApiCanaryWritesEveryStepsExactWeightsWhileTheStableSlotStaysFull() {
        walkCanary(HTTP_ROUTE, (version, steps) -> gatewayApi(version, steps, true), List.of(10, 25, 50, 75, 100));
    }

    @Test
    void istioCanaryWritesEveryStepsExactWeightsWhileTheStableSlotStaysFull() {
        walkCanary(VIRTUAL_SERVICE, RoutingE2ETest::istio, List.of(25, 75));
    }

    /**
     * v1 stable on slot a, then v2 through a header route and {@code weights}, pausing after each for
     * promote. At every pause: the exact rules of each bot's route, the stable slot full, the new slot
     * at ceil(share), the per-slot Services. Over the whole run, from watches: the stable slot never
     * had another size, the new slot only the sizes of the steps, the routes only the steps' weights.
     */
    void walkCanary(String kind, BiFunction<String, List<CanaryStep>, SwarmRelease> release, List<Integer> weights) {
        List<CanaryStep> plan = headerRouteThenWeights(weights);
        apply(release.apply("v1", plan));
        awaitPhase(NAME, Phase.Succeeded);
        for (String bot : BOTS.keySet()) {
            awaitEquals(bot + "'s " + kind + " sends every request to slot a", expectedRules(kind, bot, 100, 0, false),
                    () -> rules(kind, bot));
            assertOperatorCreated(kind, bot);
        }
        awaitServices("a");

        try (Recording<Deployment> slots = recordSlots(); Recording<GenericKubernetesResource> routes = recordRoutes(kind)) {
            awaitOpen(slots, routes);
            apply(release.apply("v2", plan));
            List<Integer> checkpoints = new ArrayList<>(List.of(0));
            checkpoints.addAll(weights);
            for (int i = 0; i < checkpoints.size(); i++) {
                int weight = checkpoints.get(i);
                awaitStep("v2", 2 * i + 1, Phase.Paused);
                assertEquals(weight, status(NAME).weight, "status.weight is the weight the routes carry");
                for (Map.Entry<String, Integer> bot : BOTS.entrySet()) {
                    String name = bot.getKey();
                    int full = bot.getValue();
                    awaitEquals(name + "'s " + kind + " at " + weight + "% beside the header rule",
                            expectedRules(kind, name, 100 - weight, weight, true), () -> rules(kind, name));
                    assertEquals(full, replicas(name + "-a"), "the stable slot of " + name + " is full at " + weight + "%");
                    awaitEquals(name + "-b runs ceil(" + full + " x " + weight + "%) pods", newPods(full, weight),
                            () -> replicas(name + "-b"));
                    awaitEquals(name + "-b's pods are ready", newPods(full, weight), () -> readyReplicas(name + "-b"));
                }
                awaitServices("a");
                annotate(NAME, "promote");
            }

            await("v2 promoted", () -> status(NAME).phase == Phase.Succeeded && "v2".equals(status(NAME).stableVersion));
            assertEquals("b", status(NAME).stableSlot);
            for (String bot : BOTS.keySet()) {
                awaitEquals(bot + "'s " + kind + " sends every request to slot b, the header rule gone",
                        expectedRules(kind, bot, 0, 100, false), () -> rules(kind, bot));
                assertOperatorCreated(kind, bot);
            }
            awaitServices("b");
            await("the old slots are scaled to 0", () -> BOTS.keySet().stream().allMatch(bot -> replicas(bot + "-a") == 0));

            for (Map.Entry<String, Integer> bot : BOTS.entrySet()) {
                String name = bot.getKey();
                int full = bot.getValue();
                assertEquals(List.of(full, 0), slots.changes(name + "-a", d -> d.getSpec().getReplicas()),
                        "every size slot " + name + "-a had: full for the whole run, 0 once v2 was stable");
                List<Integer> newSizes = new ArrayList<>(checkpoints.stream().map(w -> newPods(full, w)).toList());
                newSizes.add(full);
                assertEquals(Recording.collapse(newSizes), slots.changes(name + "-b", d -> d.getSpec().getReplicas()),
                        "every size slot " + name + "-b had: the steps' shares, then full to promote, and nothing between");
                List<List<String>> expected = new ArrayList<>();
                expected.add(expectedRules(kind, name, 100, 0, false));
                checkpoints.forEach(w -> expected.add(expectedRules(kind, name, 100 - w, w, true)));
                expected.add(expectedRules(kind, name, 0, 100, false));
                assertEquals(Recording.collapse(expected), routes.changes(name, RouteRules::of),
                        "every rule set " + name + "'s " + kind + " had: the steps' weights and nothing between");
            }
        }
    }

    @Test
    void aFailingProbeRollsBackInOneRouteWriteWithTheStableSlotFullThroughout() throws Exception {
        try (ProbeServer health = new ProbeServer()) {
            List<CanaryStep> plan = List.of(CanaryStep.headerRoute(DESK), CanaryStep.weight(50),
                    CanaryStep.analysis("1h", "health"), CanaryStep.weight(100));
            BiFunction<String, List<CanaryStep>, SwarmRelease> release = (version, steps) -> {
                SwarmRelease r = gatewayApi(version, steps, true);
                r.getSpec().probes = List.of(Releases.httpProbe("health", health.url()));
                return r;
            };
            apply(release.apply("v1", plan));
            awaitPhase(NAME, Phase.Succeeded);

            try (Recording<Deployment> slots = recordSlots(); Recording<GenericKubernetesResource> routes = recordRoutes(HTTP_ROUTE)) {
                awaitOpen(slots, routes);
                apply(release.apply("v2", plan));
                await("v2 analysing at 50% with a passing measurement", () -> {
                    SwarmReleaseStatus s = status(NAME);
                    return "v2".equals(s.version) && s.phase == Phase.Progressing && Objects.equals(s.currentStep, 2)
                            && s.probes.stream().anyMatch(p -> p.successes >= 1);
                });
                Map<String, Long> generationBefore = new LinkedHashMap<>();
                for (String bot : BOTS.keySet()) {
                    List<String> atFifty = expectedRules(HTTP_ROUTE, bot, 50, 50, true);
                    awaitEquals(bot + "'s HTTPRoute at 50% beside the header rule", atFifty, () -> rules(HTTP_ROUTE, bot));
                    long generation = route(HTTP_ROUTE, bot).getMetadata().getGeneration();
                    await("the watch has delivered " + bot + "'s route at 50%", () -> {
                        List<GenericKubernetesResource> seen = routes.of(bot);
                        GenericKubernetesResource last = seen.get(seen.size() - 1);
                        return last.getMetadata().getGeneration() == generation && atFifty.equals(RouteRules.of(last));
                    });
                    generationBefore.put(bot, generation);
                }
                int mark = routes.mark();

                health.status.set(500);
                SwarmReleaseStatus s = awaitPhase(NAME, Phase.RolledBack);
                assertEquals("ProbeFailed", s.rollback.reason);
                assertEquals("health", s.rollback.probe);
                assertNotNull(s.rollback.seconds);
                assertTrue(s.rollback.seconds >= 0, "rollback.seconds " + s.rollback.seconds);
                assertEquals(0, s.weight);
                assertEquals("v1", s.stableVersion);
                assertEquals("a", s.stableSlot);
                for (String bot : BOTS.keySet()) {
                    awaitEquals(bot + "'s HTTPRoute back on the stable slot without the header rule",
                            expectedRules(HTTP_ROUTE, bot, 100, 0, false), () -> rules(HTTP_ROUTE, bot));
                }
                awaitServices("a");
                await("the failed slots are scaled to 0 after scaleDownDelay",
                        () -> BOTS.keySet().stream().allMatch(bot -> replicas(bot + "-b") == 0));

                for (Map.Entry<String, Integer> bot : BOTS.entrySet()) {
                    String name = bot.getKey();
                    // Every spec write bumps the generation; a change of metadata alone would not count.
                    long before = generationBefore.get(name);
                    List<GenericKubernetesResource> written = routes.since(mark, name).stream()
                            .filter(r -> r.getMetadata().getGeneration() > before).toList();
                    assertFalse(written.isEmpty(), "the watch saw " + name + "'s route written back");
                    assertEquals(expectedRules(HTTP_ROUTE, name, 100, 0, false), RouteRules.of(written.get(0)),
                            "the first write after the failure already has 0% on the new slot and no header rule");
                    assertEquals(List.of(before + 1), Recording.collapse(written.stream()
                            .map(r -> r.getMetadata().getGeneration()).toList()), "one route write for " + name);
                    assertEquals(List.of(bot.getValue()), slots.changes(name + "-a", d -> d.getSpec().getReplicas()),
                            "every size the stable slot " + name + "-a had during the run and the rollback");
                }
            }
        }
    }

    @Test
    void aDeletedOrHandEditedRouteIsWrittenBackWithTheOperatorsWeights() {
        List<CanaryStep> plan = List.of(CanaryStep.weight(25), CanaryStep.pause(null));
        apply(gatewayApi("v1", plan, true));
        awaitPhase(NAME, Phase.Succeeded);
        apply(gatewayApi("v2", plan, true));
        awaitStep("v2", 1, Phase.Paused);
        List<String> atTwentyFive = expectedRules(HTTP_ROUTE, "maker", 75, 25, false);
        awaitEquals("maker's HTTPRoute at 25%", atTwentyFive, () -> rules(HTTP_ROUTE, "maker"));

        String uid = route(HTTP_ROUTE, "maker").getMetadata().getUid();
        client.genericKubernetesResources(GATEWAY_API, HTTP_ROUTE).inNamespace(namespace).withName("maker").delete();
        await("the deleted HTTPRoute is created again", () -> {
            GenericKubernetesResource r = route(HTTP_ROUTE, "maker");
            return r != null && !uid.equals(r.getMetadata().getUid());
        });
        awaitEquals("the new HTTPRoute carries the weights of the step", atTwentyFive, () -> rules(HTTP_ROUTE, "maker"));
        assertOperatorCreated(HTTP_ROUTE, "maker");

        try (Recording<GenericKubernetesResource> routes = recordRoutes(HTTP_ROUTE)) {
            await("the watch delivers the route", () -> !routes.of("maker").isEmpty());
            // kubectl edit's weights, written as another field manager that forces the rules its way
            List<String> handEdited = expectedRules(HTTP_ROUTE, "maker", 50, 50, false);
            String edit = "apiVersion: " + GATEWAY_API + "\nkind: HTTPRoute\nmetadata: {name: maker}\nspec:\n  rules:\n"
                    + "  - backendRefs:\n    - {name: maker-a, port: " + PORT + ", weight: 50}\n"
                    + "    - {name: maker-b, port: " + PORT + ", weight: 50}\n";
            Command.Result edited = LocalCluster.kubectlResult(edit, "-n", namespace, "apply", "--server-side",
                    "--field-manager=kubectl-edit", "--force-conflicts", "-f", "-");
            assertTrue(edited.ok(), edited.output());
            await("the watch saw the hand edit", () -> routes.of("maker").stream().anyMatch(r -> handEdited.equals(RouteRules.of(r))));
            awaitEquals("the hand-edited HTTPRoute is written back", atTwentyFive, () -> rules(HTTP_ROUTE, "maker"));
            awaitEquals("the operator alone owns the rules again", List.of(OPERATOR),
                    () -> ownersOf(route(HTTP_ROUTE, "maker"), "rules"));
        }

        String serviceUid = service("maker-b").getMetadata().getUid();
        client.services().inNamespace(namespace).withName("maker-b").delete();
        await("the deleted per-slot Service is created again", () -> service("maker-b") != null
                && !serviceUid.equals(service("maker-b").getMetadata().getUid()));
        awaitServices("a");

        assertEquals(Phase.Paused, status(NAME).phase);
        assertEquals(25, status(NAME).weight);
        assertEquals(4, replicas("maker-a"));
        assertEquals(1, replicas("maker-b"));
        assertEquals(atTwentyFive, rules(HTTP_ROUTE, "maker"));
    }

    /** An HTTPRoute as it is in Git: parents and hostnames, no rules (the operator writes them). */
    static String routeInGit(String bot, String... hostnames) {
        return "apiVersion: " + GATEWAY_API + "\nkind: HTTPRoute\nmetadata: {name: " + bot + "}\nspec:\n"
                + "  parentRefs: [{name: trading-gateway}]\n  hostnames: [" + String.join(", ", hostnames) + "]\n";
    }

    /** Argo CD's sync: server-side apply as field manager argocd, without forcing conflicts. */
    Command.Result argoCdSync(String manifest) {
        return LocalCluster.kubectlResult(manifest, "-n", namespace, "apply", "--server-side", "--field-manager=argocd",
                "-f", "-");
    }

    /** A reconcile that has run to its end: the ignored action is recorded; the next one waits for its writes. */
    void reconcileTwice() {
        for (int i = 0; i < 2; i++) {
            String before = status(NAME).lastAction == null ? null : status(NAME).lastAction.requestId;
            annotate(NAME, "retry");
            await("the operator has handled the retry (ignored mid-run)", () -> {
                SwarmReleaseStatus s = status(NAME);
                return s.lastAction != null && !Objects.equals(before, s.lastAction.requestId)
                        && "Ignored".equals(s.lastAction.result);
            });
        }
    }

    void assertFieldsShared(GenericKubernetesResource route, List<String> hostnames) {
        Map<String, Object> spec = RouteRules.spec(route);
        assertEquals(List.of(Map.of("group", "gateway.networking.k8s.io", "kind", "Gateway", "name", "trading-gateway")),
                spec.get("parentRefs"), "Git's parents");
        assertEquals(hostnames, spec.get("hostnames"), "Git's hostnames");
        assertEquals(List.of("argocd"), ownersOf(route, "parentRefs"));
        assertEquals(List.of("argocd"), ownersOf(route, "hostnames"));
        assertEquals(List.of(OPERATOR), ownersOf(route, "rules"));
        assertTrue(route.getMetadata().getOwnerReferences() == null || route.getMetadata().getOwnerReferences().isEmpty(),
                "a route from Git is not owned by the release");
    }

    @Test
    void aRouteFromGitKeepsArgoCdsFieldsWhileTheOperatorWritesItsRules() {
        for (String bot : BOTS.keySet()) {
            Command.Result created = argoCdSync(routeInGit(bot, bot + ".trading.example"));
            assertTrue(created.ok(), created.output());
        }
        List<CanaryStep> plan = List.of(CanaryStep.weight(25), CanaryStep.pause(null));
        apply(gatewayApi("v1", plan, false));
        awaitPhase(NAME, Phase.Succeeded);
        awaitEquals("maker's route sends every request to slot a", expectedRules(HTTP_ROUTE, "maker", 100, 0, false),
                () -> rules(HTTP_ROUTE, "maker"));
        apply(gatewayApi("v2", plan, false));
        awaitStep("v2", 1, Phase.Paused);
        List<String> atTwentyFive = expectedRules(HTTP_ROUTE, "maker", 75, 25, false);
        awaitEquals("maker's route at 25%", atTwentyFive, () -> rules(HTTP_ROUTE, "maker"));
        assertFieldsShared(route(HTTP_ROUTE, "maker"), List.of("maker.trading.example"));
        assertEquals(Map.of("tradingswarm.io/release", NAME, "tradingswarm.io/bot", "maker", "app.kubernetes.io/managed-by",
                OPERATOR), route(HTTP_ROUTE, "maker").getMetadata().getLabels(), "the operator's labels on the user's route");

        // Argo CD syncs the same manifest in the middle of the run: no conflict, nothing taken from the other.
        Command.Result sync = argoCdSync(routeInGit("maker", "maker.trading.example"));
        assertTrue(sync.ok(), sync.output());
        assertFalse(sync.output().toLowerCase(java.util.Locale.ROOT).contains("conflict"), sync.output());
        GenericKubernetesResource synced = route(HTTP_ROUTE, "maker");
        assertEquals(atTwentyFive, RouteRules.of(synced));
        assertFieldsShared(synced, List.of("maker.trading.example"));
        reconcileTwice();
        GenericKubernetesResource reconciled = route(HTTP_ROUTE, "maker");
        assertEquals(synced.getMetadata().getResourceVersion(), reconciled.getMetadata().getResourceVersion(),
                "the reconciles after the sync changed nothing on either side");

        // A change in Git lands beside the operator's rules, and the operator leaves it alone.
        Command.Result changed = argoCdSync(routeInGit("maker", "maker.trading.example", "mm.trading.example"));
        assertTrue(changed.ok(), changed.output());
        GenericKubernetesResource resynced = route(HTTP_ROUTE, "maker");
        assertEquals(atTwentyFive, RouteRules.of(resynced));
        assertFieldsShared(resynced, List.of("maker.trading.example", "mm.trading.example"));
        reconcileTwice();
        assertEquals(resynced.getMetadata().getResourceVersion(), route(HTTP_ROUTE, "maker").getMetadata().getResourceVersion(),
                "the reconciles after Git's change changed nothing on either side");

        annotate(NAME, "promote");
        await("v2 promoted", () -> status(NAME).phase == Phase.Succeeded && "v2".equals(status(NAME).stableVersion));
        for (String bot : BOTS.keySet()) {
            awaitEquals(bot + "'s route sends every request to slot b", expectedRules(HTTP_ROUTE, bot, 0, 100, false),
                    () -> rules(HTTP_ROUTE, bot));
        }
        assertFieldsShared(route(HTTP_ROUTE, "maker"), List.of("maker.trading.example", "mm.trading.example"));
        assertFieldsShared(route(HTTP_ROUTE, "arb"), List.of("arb.trading.example"));
    }

    @Test
    void aUserRouteThatDoesNotExistIsInvalidSpecUntilGitCreatesIt() {
        apply(gatewayApi("v1", List.of(CanaryStep.weight(100)), false));
        SwarmReleaseStatus s = awaitPhase(NAME, Phase.InvalidSpec);
        assertTrue(s.message.contains("spec.strategy.canary.trafficRouting.gatewayAPI.httpRoute: HTTPRoute maker does not exist"),
                s.message);
        assertEquals("True/InvalidSpec", condition(NAME, "Stalled"));
        assertTrue(client.apps().deployments().inNamespace(namespace).list().getItems().isEmpty(), "no slot created");
        assertTrue(client.genericKubernetesResources(GATEWAY_API, HTTP_ROUTE).inNamespace(namespace).list().getItems().isEmpty(),
                "no route created");

        for (String bot : BOTS.keySet()) {
            Command.Result created = argoCdSync(routeInGit(bot, bot + ".trading.example"));
            assertTrue(created.ok(), created.output());
        }
        // Any change to the release makes the operator look again; a spec that is still invalid is checked every time.
        LocalCluster.kubectl("-n", namespace, "annotate", "srel", NAME, "e2e.tradingswarm.io/nudge=1", "--overwrite");
        awaitPhase(NAME, Phase.Succeeded);
        for (String bot : BOTS.keySet()) {
            awaitEquals(bot + "'s route from Git sends every request to slot a", expectedRules(HTTP_ROUTE, bot, 100, 0, false),
                    () -> rules(HTTP_ROUTE, bot));
        }
    }
}
