package io.tradingswarm.operator.e2e;

import static io.tradingswarm.operator.e2e.Releases.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.ConfigMapKeyReference;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ShardsSource;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.api.TradingSettings;

/** The trading gate and the emergency halt (docs/trading-gate.md) as bots see them: a canary, a blue-green run, a halt. */
class TradingGateE2ETest extends E2EBase {
    static final String NAME = "gate";
    static final String ACTIVE = "active";
    static final String SHADOW = "shadow";
    static final String HALTED = "halted";
    static final List<String> BOTS = List.of("maker", "arb");
    /** The version line of every slot once v2 runs on slot b beside v1 on slot a. */
    static final Map<String, String> V1_ON_A_V2_ON_B = Map.of("maker-a", "v1", "maker-b", "v2", "arb-a", "v1", "arb-b", "v2");

    /** Both bots' gate: slot a in state {@code a}, slot b in state {@code b} (the bots move in lockstep). */
    static Map<String, String> slots(String a, String b) {
        Map<String, String> expected = new TreeMap<>();
        BOTS.forEach(bot -> {
            expected.put(bot + "-a", a);
            expected.put(bot + "-b", b);
        });
        return expected;
    }

    /** One line of every slot's gate file, e.g. "state" or "version" (null where the file has none). */
    Map<String, String> gateLine(String key) {
        Map<String, String> values = new TreeMap<>();
        gate(NAME).forEach((slot, file) -> values.put(slot, file.get(key)));
        return values;
    }

    Map<String, String> statusTrading() {
        Map<String, String> states = new TreeMap<>();
        if (status(NAME).trading != null) {
            status(NAME).trading.forEach((slot, state) -> states.put(slot, state.word()));
        }
        return states;
    }

    /** The gate as the ConfigMap publishes it and as status.trading mirrors it (saved before the ConfigMap is written). */
    void awaitGate(String what, Map<String, String> expected) {
        awaitEquals(what + ": status.trading", expected, this::statusTrading);
        awaitEquals(what + ": the gate ConfigMap", expected, () -> gateLine("state"));
    }

    /** Every live pod of the slot, and at least one, carries the trading label of its state. */
    void awaitPodsLabelled(String slot, String state) {
        String bot = slot.substring(0, slot.lastIndexOf('-'));
        await("the pods of " + slot + " are labelled tradingswarm.io/trading=" + state, () -> {
            var pods = client.pods().inNamespace(namespace).withLabel("tradingswarm.io/release", NAME)
                    .withLabel("tradingswarm.io/bot", bot).withLabel("tradingswarm.io/slot", slot.substring(bot.length() + 1))
                    .list().getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
            return !pods.isEmpty()
                    && pods.stream().allMatch(p -> state.equals(p.getMetadata().getLabels().get("tradingswarm.io/trading")));
        });
    }

    /** No bot ever trades on both slots at once: checked in the ConfigMap and in status.trading. */
    boolean neverBothActive() {
        Map<String, String> published = gateLine("state");
        Map<String, String> mirrored = statusTrading();
        return BOTS.stream().noneMatch(bot -> bothActive(published, bot) || bothActive(mirrored, bot));
    }

    static boolean bothActive(Map<String, String> states, String bot) {
        return ACTIVE.equals(states.get(bot + "-a")) && ACTIVE.equals(states.get(bot + "-b"));
    }

    /** maker's shards on each of its slots, as the gate ConfigMap lists them. */
    Map<String, String> makerShards() {
        Map<String, String> lines = gateLine("shards");
        return Map.of("a", String.valueOf(lines.get("maker-a")), "b", String.valueOf(lines.get("maker-b")));
    }

    /** No shard of maker is listed on both its slots. */
    boolean noShardOnBothSlots() {
        Map<String, String> lines = makerShards();
        List<String> onA = lines.get("a").isEmpty() ? List.of() : List.of(lines.get("a").split(","));
        return onA.stream().noneMatch(s -> List.of(lines.get("b").split(",")).contains(s));
    }

    SwarmRelease sharded(String version) {
        SwarmRelease r = Releases.twoBots(NAME, version, steps(25, (String) null, 50, (String) null, 100));
        r.getSpec().bots.get(0).shards = List.of("BTC", "ETH", "SOL", "XRP");
        r.getSpec().trading = new TradingSettings();
        r.getSpec().trading.drainTimeout = "3s";
        return r;
    }

    @Test
    void aShardCanaryMovesTheFirstShardsThroughTheDrainAtEveryStepAndNeverListsOneOnBothSlots() {
        apply(sharded("v1"));
        awaitPhase(NAME, Phase.Succeeded);
        awaitEquals("first release: every shard on slot a", Map.of("a", "BTC,ETH,SOL,XRP", "b", ""), this::makerShards);

        apply(sharded("v2"));
        holdsWhile("no shard on both slots up to 25%", this::noShardOnBothSlots,
                () -> Map.of("a", "ETH,SOL,XRP", "b", "BTC").equals(makerShards()));
        assertEquals(ACTIVE, gateLine("state").get("maker-b"), "slot b trades its one shard");
        await("at the manual pause after 25%, once the gate shows BTC on slot b", () -> status(NAME).currentStep == 1);

        annotate(NAME, "promote");
        holdsWhile("no shard on both slots up to 50%", this::noShardOnBothSlots,
                () -> Map.of("a", "SOL,XRP", "b", "BTC,ETH").equals(makerShards()));

        annotate(NAME, "abort");
        holdsWhile("no shard on both slots through the rollback", this::noShardOnBothSlots,
                () -> Map.of("a", "BTC,ETH,SOL,XRP", "b", "").equals(makerShards()));
        awaitPhase(NAME, Phase.RolledBack);
        assertEquals(SHADOW, gateLine("state").get("maker-b"));
    }

    /** The runbook's deploy and shadow preview before gradual enablement: bots without a Service, so the canary may scale. */
    SwarmRelease previewedSharded(String version) {
        SwarmRelease r = sharded(version);
        r.getSpec().strategy.canary.steps = new java.util.ArrayList<>(List.of(CanaryStep.canaryScale(1), CanaryStep.pause(null),
                CanaryStep.weight(25), CanaryStep.pause(null), CanaryStep.weight(100)));
        r.getSpec().bots.forEach(b -> b.service = null);
        return r;
    }

    @Test
    void aShardCanaryOfBotsWithoutAServicePreviewsTheNewVersionInShadowBeforeItsFirstShardMoves() {
        apply(previewedSharded("v1"));
        awaitPhase(NAME, Phase.Succeeded);

        apply(previewedSharded("v2"));
        await("at the manual gate after the preview", () -> status(NAME).phase == Phase.Paused && status(NAME).currentStep == 1);
        await("one ready pod of v2 per bot", () -> BOTS.stream().allMatch(bot -> {
            var d = client.apps().deployments().inNamespace(namespace).withName(bot + "-b").get();
            return d != null && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas());
        }));
        awaitGate("the preview trades nothing", slots(ACTIVE, SHADOW));
        assertEquals(Map.of("a", "BTC,ETH,SOL,XRP", "b", ""), makerShards());
        awaitPodsLabelled("maker-b", SHADOW);
        assertEquals(4, client.apps().deployments().inNamespace(namespace).withName("maker-a").get().getSpec().getReplicas(),
                "the stable slot keeps every pod beside the preview");

        annotate(NAME, "promote");
        holdsWhile("no shard on both slots up to 25%", this::noShardOnBothSlots,
                () -> status(NAME).currentStep == 3 && Map.of("a", "ETH,SOL,XRP", "b", "BTC").equals(makerShards()));
        annotate(NAME, "promote");
        holdsWhile("no shard on both slots up to 100%", this::noShardOnBothSlots,
                () -> Map.of("a", "", "b", "BTC,ETH,SOL,XRP").equals(makerShards()));
        awaitPhase(NAME, Phase.Succeeded);
        awaitGate("v2 trades every shard on slot b", slots(SHADOW, ACTIVE));
    }

    /** The shards of {@link #sharded} from the ConfigMap maker-books, key books, instead of inline. */
    SwarmRelease shardedFrom(String version) {
        SwarmRelease r = sharded(version);
        Bot maker = r.getSpec().bots.get(0);
        maker.shards = null;
        maker.shardsFrom = new ShardsSource();
        maker.shardsFrom.configMapKeyRef = new ConfigMapKeyReference();
        maker.shardsFrom.configMapKeyRef.name = "maker-books";
        maker.shardsFrom.configMapKeyRef.key = "books";
        return r;
    }

    /** The user's ConfigMap maker-books, labelled for the operator to watch, with these data. */
    void books(Map<String, String> data) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("maker-books")
                .addToLabels("tradingswarm.io/shards", "true").endMetadata().withData(data).build()).serverSideApply();
    }

    @Test
    void theShardLinesFollowTheConfigMapOfShardsFromAndAShardAddedThereTradesOnTheStableSlot() {
        books(Map.of("books", "BTC\nETH\n"));
        apply(shardedFrom("v1"));
        awaitPhase(NAME, Phase.Succeeded);
        awaitEquals("first release: the ConfigMap's shards on slot a", Map.of("a", "BTC,ETH", "b", ""), this::makerShards);

        books(Map.of("books", "# majors\nBTC, ETH\nSOL\n"));
        awaitEquals("the shard added trades on the stable slot", Map.of("a", "BTC,ETH,SOL", "b", ""), this::makerShards);
        assertEquals(ACTIVE, gateLine("state").get("maker-a"));
        assertEquals(Phase.Succeeded, status(NAME).phase, "a ConfigMap edit starts no run, as an edit of inline shards");

        apply(shardedFrom("v2"));
        holdsWhile("no shard on both slots up to 25% of the ConfigMap's three", this::noShardOnBothSlots,
                () -> Map.of("a", "ETH,SOL", "b", "BTC").equals(makerShards()));
    }

    @Test
    void aShardsFromKeyMissingFromTheConfigMapIsAnInvalidSpecNamingTheFieldUntilTheConfigMapIsFixed() {
        books(Map.of("symbols", "BTC,ETH"));
        apply(shardedFrom("v1"));
        SwarmReleaseStatus s = awaitPhase(NAME, Phase.InvalidSpec);
        assertEquals("spec.bots[0].shardsFrom: ConfigMap maker-books has no key books", s.message);
        assertEquals("False/InvalidSpec", condition(NAME, "Ready"));
        assertTrue(deployment("maker-a") == null, "nothing is deployed while the list cannot be read");

        books(Map.of("symbols", "BTC,ETH", "books", "BTC,ETH"));
        awaitPhase(NAME, Phase.Succeeded);
        awaitEquals("the ConfigMap's shards on slot a", Map.of("a", "BTC,ETH", "b", ""), this::makerShards);
    }

    @Test
    void aCanaryTradesOnItsNewSlotOnceItTakesTrafficAndTheOldSlotGoesToShadowAfterPromotion() {
        List<CanaryStep> plan = steps(50, (String) null, 100);
        apply(Releases.twoBots(NAME, "v1", plan));
        awaitPhase(NAME, Phase.Succeeded);
        awaitGate("first release", slots(ACTIVE, SHADOW));
        assertEquals("v1", gate(NAME).get("maker-a").get("version"));
        assertNull(gate(NAME).get("maker-b").get("version"), "no version line before slot b's Deployment exists");
        awaitPodsLabelled("maker-a", ACTIVE);

        apply(Releases.twoBots(NAME, "v2", plan));
        await("paused at the manual gate at 50%", () -> status(NAME).phase == Phase.Paused && status(NAME).currentStep == 1);
        assertEquals(50, status(NAME).weight);
        awaitGate("at 50%", slots(ACTIVE, ACTIVE));
        awaitEquals("every slot's version line", V1_ON_A_V2_ON_B, () -> gateLine("version"));
        awaitPodsLabelled("maker-b", ACTIVE);
        awaitPodsLabelled("arb-a", ACTIVE);
        assertGateMounted("maker-b");
        assertGateMounted("arb-a");

        annotate(NAME, "promote");
        await("v2 stable", () -> status(NAME).phase == Phase.Succeeded && "v2".equals(status(NAME).stableVersion));
        awaitGate("after the promotion", slots(SHADOW, ACTIVE));
        awaitEquals("every slot's version line", V1_ON_A_V2_ON_B, () -> gateLine("version"));
        awaitPodsLabelled("arb-b", ACTIVE);
    }

    /** The slot's pod template mounts the gate in every container and names the slot's file. */
    void assertGateMounted(String slot) {
        PodSpec pod = deployment(slot).getSpec().getTemplate().getSpec();
        Volume volume = pod.getVolumes().stream().filter(v -> "tradingswarm-gate".equals(v.getName())).findFirst().orElseThrow();
        assertEquals(NAME + "-trading", volume.getConfigMap().getName());
        assertEquals(Boolean.TRUE, volume.getConfigMap().getOptional(), "pods start before the ConfigMap exists");
        for (Container c : pod.getContainers()) {
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> "tradingswarm-gate".equals(m.getName())
                    && "/etc/tradingswarm/gate".equals(m.getMountPath()) && Boolean.TRUE.equals(m.getReadOnly())),
                    c.getVolumeMounts().toString());
            assertEquals(List.of("/etc/tradingswarm/gate/" + slot), c.getEnv().stream()
                    .filter(e -> "TRADINGSWARM_GATE_FILE".equals(e.getName())).map(EnvVar::getValue).toList());
        }
    }

    @Test
    void aBlueGreenPreviewRunsInShadowUntilTheSwitchAndTheHandoverWaitsForTheDrainBothWays() throws Exception {
        try (ProbeServer health = new ProbeServer()) {
            apply(Releases.blueGreen(NAME, "v1", true, "1s", health.url()));
            awaitPhase(NAME, Phase.Succeeded);
            awaitGate("first release", slots(ACTIVE, SHADOW));

            SwarmRelease v2 = Releases.blueGreen(NAME, "v2", false, "1h", health.url());
            v2.getSpec().trading = new TradingSettings();
            v2.getSpec().trading.drainTimeout = "6s";
            apply(v2);
            holdsWhile("no bot trades on both slots up to the gate", this::neverBothActive,
                    () -> "gate".equals(status(NAME).step) && status(NAME).phase == Phase.Paused);
            awaitGate("at the gate: the preview in shadow", slots(ACTIVE, SHADOW));
            awaitEquals("every slot's version line", V1_ON_A_V2_ON_B, () -> gateLine("version"));
            awaitPodsLabelled("maker-b", SHADOW);

            annotate(NAME, "promote");
            awaitGate("the old slot stopped; the new one waits for the drain", slots(SHADOW, SHADOW));
            await("the drain from slot a is under way", () -> status(NAME).drain != null && "a".equals(status(NAME).drain.from));
            holdsWhile("no bot trades on both slots through the switch", this::neverBothActive,
                    () -> "monitoring".equals(status(NAME).step) && slots(SHADOW, ACTIVE).equals(gateLine("state")));
            awaitGate("switched", slots(SHADOW, ACTIVE));
            assertTrue(status(NAME).drain == null, "the drain is over");
            awaitPodsLabelled("maker-b", ACTIVE);

            annotate(NAME, "abort");
            holdsWhile("no bot trades on both slots through the switch back", this::neverBothActive,
                    () -> status(NAME).phase == Phase.RolledBack && slots(ACTIVE, SHADOW).equals(gateLine("state")));
            awaitGate("switched back", slots(ACTIVE, SHADOW));
            assertEquals("switched back", status(NAME).step);
            awaitPodsLabelled("maker-a", ACTIVE);
        }
    }

    @Test
    void aDrainProbeKeepsTheNewSlotWaitingUntilTheVersionThatStoppedHasDrained() throws Exception {
        try (ProbeServer health = new ProbeServer(); ProbeServer openOrders = new ProbeServer()) {
            apply(Releases.blueGreen(NAME, "v1", true, "1s", health.url()));
            awaitPhase(NAME, Phase.Succeeded);

            openOrders.status.set(503);
            SwarmRelease v2 = Releases.blueGreen(NAME, "v2", true, "2s", health.url());
            var drained = Releases.httpProbe("open-orders", openOrders.url() + "?version={{drainingVersion}}");
            drained.interval = "1s";
            v2.getSpec().probes = List.of(v2.getSpec().probes.get(0), drained);
            v2.getSpec().trading = new TradingSettings();
            v2.getSpec().trading.drainProbe = "open-orders";
            v2.getSpec().trading.drainTimeout = "5m";
            apply(v2);
            awaitGate("switched: the old slot stopped, the new one waits for the drain probe", slots(SHADOW, SHADOW));
            await("the drain probe failed three times",
                    () -> status(NAME).drain != null && status(NAME).drain.probe != null && status(NAME).drain.probe.measurements >= 3);
            assertEquals(slots(SHADOW, SHADOW), gateLine("state"), "v1 may still hold orders: no slot trades");
            assertEquals(List.of("v1"), status(NAME).drain.versions);
            assertEquals("version=v1", openOrders.lastQuery.get(), "{{drainingVersion}}: the version that stopped");
            assertEquals(Phase.Progressing, status(NAME).phase);

            openOrders.status.set(200);
            awaitGate("drained: the new slot trades", slots(SHADOW, ACTIVE));
            awaitPhase(NAME, Phase.Succeeded);
        }
    }

    @Test
    void aHaltStopsEverySlotAndTheStepClockUntilResumeThenTheRunCompletes() {
        List<CanaryStep> plan = steps(50, "20s", 100);
        apply(Releases.twoBots(NAME, "v1", plan));
        awaitPhase(NAME, Phase.Succeeded);
        apply(Releases.twoBots(NAME, "v2", plan));
        await("paused for 20s at 50%", () -> status(NAME).phase == Phase.Paused && status(NAME).currentStep == 1);
        awaitGate("at 50%", slots(ACTIVE, ACTIVE));
        Instant pauseEnds = Instant.parse(status(NAME).stepStartedAt).plus(Duration.ofSeconds(20));

        annotate(NAME, "halt");
        awaitGate("halted", slots(HALTED, HALTED));
        SwarmReleaseStatus s = status(NAME);
        assertEquals("kubectl-annotate", s.halt.by);
        assertEquals(Phase.Paused, s.phase);
        assertTrue(s.message.startsWith("halted by kubectl-annotate"), s.message);
        assertEquals(1, s.currentStep);
        awaitPodsLabelled("maker-b", HALTED);
        holdsWhile("the halted run stays at step 2/3, every slot halted, past the end of its pause",
                () -> status(NAME).phase == Phase.Paused && status(NAME).currentStep == 1
                        && slots(HALTED, HALTED).equals(gateLine("state")),
                () -> Instant.now().isAfter(pauseEnds.plusSeconds(5)));

        annotate(NAME, "resume");
        await("the halt is lifted", () -> status(NAME).halt == null);
        s = status(NAME);
        assertEquals(1, s.currentStep);
        assertTrue(Instant.parse(s.stepStartedAt).plusSeconds(20).isAfter(Instant.parse(s.lastAction.handledAt)),
                "the step clock stopped during the halt: the pause still has time left after the resume");
        awaitGate("resumed at 50%", slots(ACTIVE, ACTIVE));
        await("v2 stable", () -> status(NAME).phase == Phase.Succeeded && "v2".equals(status(NAME).stableVersion));
        awaitGate("after the run", slots(SHADOW, ACTIVE));
        assertTrue(eventReasons(NAME).containsAll(List.of("Halted", "HaltLifted")), eventReasons(NAME).toString());
    }

    /** v1 stable, then a spec the CRD admits and the operator rejects, then the halt: every slot halted. */
    void givenHaltedWithAnInvalidSpec() {
        List<CanaryStep> plan = steps(50, 100);
        apply(Releases.twoBots(NAME, "v1", plan));
        awaitPhase(NAME, Phase.Succeeded);
        awaitGate("first release", slots(ACTIVE, SHADOW));

        SwarmRelease invalid = Releases.twoBots(NAME, "v2", plan);
        invalid.getSpec().backgroundProbes = List.of("missing");
        apply(invalid);
        SwarmReleaseStatus s = awaitPhase(NAME, Phase.InvalidSpec);
        assertTrue(s.message.contains("spec.backgroundProbes[0]: no probe named 'missing'"), s.message);

        annotate(NAME, "halt");
        awaitGate("halted with an invalid spec", slots(HALTED, HALTED));
    }

    @Test
    void aHaltStillStopsEverySlotWhenTheSpecIsInvalid() {
        givenHaltedWithAnInvalidSpec();
        await("the halt is applied", () -> status(NAME).lastAction != null && "halt".equals(status(NAME).lastAction.action)
                && "Applied".equals(status(NAME).lastAction.result));
        assertEquals("kubectl-annotate", status(NAME).halt.by);
        assertEquals(Phase.InvalidSpec, status(NAME).phase);
        awaitPodsLabelled("maker-a", HALTED);
    }

    /** Without a valid spec nobody can say which slots would trade: resume is refused and the slots stay halted. */
    @Test
    void aResumeWithAnInvalidSpecIsRefusedUntilTheSpecIsFixed() {
        givenHaltedWithAnInvalidSpec();
        annotate(NAME, "resume");
        await("the resume is refused", () -> "resume".equals(status(NAME).lastAction.action)
                && "Ignored".equals(status(NAME).lastAction.result));
        assertTrue(status(NAME).halt != null, "still halted");
        awaitGate("still halted", slots(HALTED, HALTED));

        apply(Releases.twoBots(NAME, "v1", steps(50, 100)));
        awaitPhase(NAME, Phase.Succeeded);
        annotate(NAME, "resume");
        await("the halt is lifted", () -> status(NAME).halt == null);
        awaitGate("resumed with the spec fixed", slots(ACTIVE, SHADOW));
    }
}
