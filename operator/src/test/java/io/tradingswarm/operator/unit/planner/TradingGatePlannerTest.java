package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.api.TradingState.ACTIVE;
import static io.tradingswarm.operator.api.TradingState.HALTED;
import static io.tradingswarm.operator.api.TradingState.SHADOW;
import static io.tradingswarm.operator.unit.planner.ActionPlannerTest.ask;
import static io.tradingswarm.operator.unit.planner.CanaryPlannerTest.stableAt;
import static io.tradingswarm.operator.unit.planner.CanaryPlannerTest.twoBots;
import static io.tradingswarm.operator.unit.planner.Specs.bump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.ConfigMapKeyReference;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ShardsSource;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.TradingState;
import io.tradingswarm.operator.planner.EventReason;

@Tag("unit")
class TradingGatePlannerTest {

    private static Map<String, TradingState> gate(TradingState makerA, TradingState makerB, TradingState arbA, TradingState arbB) {
        return Map.of("maker-a", makerA, "maker-b", makerB, "arb-a", arbA, "arb-b", arbB);
    }

    private static void assertGate(Map<String, TradingState> expected, FakeSwarm swarm) {
        assertEquals(expected, swarm.last.trading(), "the plan's gate");
        assertEquals(expected, swarm.status.trading, "status shows the gate it published");
    }

    @Test
    void aCanarysNewSlotTradesOnceItTakesAShareAndGoesBackToShadowOnRollback() {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(25), CanaryStep.pause(null), CanaryStep.weight(100))));
        assertGate(gate(ACTIVE, SHADOW, ACTIVE, SHADOW), swarm);
        swarm.release(bump(swarm.spec, "v2"));
        swarm.settle();
        assertEquals(25, swarm.status.weight);
        assertGate(gate(ACTIVE, ACTIVE, ACTIVE, ACTIVE), swarm);
        ask(swarm, "abort");
        assertGate(gate(ACTIVE, SHADOW, ACTIVE, SHADOW), swarm);
    }

    /** maker trades four shards; arb has none (it trades on both slots during the run, as before). */
    private static FakeSwarm shardedStable() {
        SwarmReleaseSpec v1 = twoBots(List.of(CanaryStep.weight(25), CanaryStep.pause(null), CanaryStep.weight(50),
                CanaryStep.pause(null), CanaryStep.weight(100)));
        v1.bots.get(0).shards = List.of("BTC", "ETH", "SOL", "XRP");
        v1.trading = new io.tradingswarm.operator.api.TradingSettings();
        v1.trading.drainTimeout = "10s";
        return stableAt(v1);
    }

    private static void assertShards(List<String> onA, List<String> onB, FakeSwarm swarm) {
        assertEquals(Map.of("maker-a", onA, "maker-b", onB), swarm.last.shards());
        assertEquals(onA.isEmpty() ? SHADOW : ACTIVE, swarm.status.trading.get("maker-a"));
        assertEquals(onB.isEmpty() ? SHADOW : ACTIVE, swarm.status.trading.get("maker-b"));
    }

    @Test
    void aShardCanaryMovesTheFirstShardsOneWayThroughTheDrainAndRollsBackTheSameWay() {
        FakeSwarm swarm = shardedStable();
        assertShards(List.of("BTC", "ETH", "SOL", "XRP"), List.of(), swarm);
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.trading = swarm.spec.trading;
        swarm.release(v2);
        swarm.settle();
        assertEquals(25, swarm.status.weight);
        assertShards(List.of("ETH", "SOL", "XRP"), List.of(), swarm);
        assertEquals("a", swarm.status.drain.from, "BTC left slot a and drains before slot b may trade it");
        assertEquals(Duration.ofSeconds(10), swarm.last.wakeUpAfter().orElseThrow());
        assertEquals(0, swarm.status.currentStep, "the step is done once its shards trade where it wants them");
        assertEquals("step 1/5: the shards of maker move to their slots through the drain (status.drain) (setWeight 25%)",
                swarm.status.message);
        swarm.advance(Duration.ofSeconds(10)).tick();
        assertShards(List.of("ETH", "SOL", "XRP"), List.of("BTC"), swarm);
        assertNull(swarm.status.drain);
        assertEquals(ACTIVE, swarm.status.trading.get("arb-b"), "a bot without shards trades on both slots");
        swarm.settle();
        assertEquals(1, swarm.status.currentStep, "the pause after the step starts once BTC trades on slot b");

        ask(swarm, "promote");
        swarm.settle();
        assertEquals(50, swarm.status.weight);
        assertShards(List.of("SOL", "XRP"), List.of("BTC"), swarm);
        swarm.advance(Duration.ofSeconds(10)).tick();
        assertShards(List.of("SOL", "XRP"), List.of("BTC", "ETH"), swarm);

        ask(swarm, "abort");
        assertShards(List.of("SOL", "XRP"), List.of(), swarm);
        assertEquals("b", swarm.status.drain.from, "the rollback returns every shard through the same drain");
        swarm.settle();
        swarm.advance(Duration.ofSeconds(10)).tick();
        assertShards(List.of("BTC", "ETH", "SOL", "XRP"), List.of(), swarm);
    }

    /** The runbook's "deploy, smoke-test, then enable gradually" as a canary by shard of bots without a Service. */
    @Test
    void aShardCanaryPreviewsTheNewVersionInShadowBeforeItsFirstShardMoves() {
        SwarmReleaseSpec v1 = twoBots(List.of(CanaryStep.canaryScale(1), CanaryStep.pause(null), CanaryStep.weight(25),
                CanaryStep.weight(100)));
        v1.bots.get(0).shards = List.of("BTC", "ETH", "SOL", "XRP");
        FakeSwarm swarm = stableAt(v1);
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        swarm.release(v2);
        swarm.settle();
        assertEquals(1, swarm.status.currentStep, "at the pause after the preview");
        assertEquals(0, swarm.status.weight);
        assertEquals(1, swarm.slot("maker", io.tradingswarm.operator.planner.Slot.b).readyReplicas(), "a pod of v2 runs at 0%");
        assertEquals(1, swarm.slot("arb", io.tradingswarm.operator.planner.Slot.b).readyReplicas());
        assertEquals(4, swarm.replicas("maker", io.tradingswarm.operator.planner.Slot.a), "the stable slot keeps every pod");
        assertShards(List.of("BTC", "ETH", "SOL", "XRP"), List.of(), swarm);
        assertEquals(SHADOW, swarm.status.trading.get("arb-b"), "the preview sends no orders, sharded or not");
        ask(swarm, "promote");
        swarm.settle();
        assertEquals(25, swarm.status.weight);
        assertShards(List.of("ETH", "SOL", "XRP"), List.of(), swarm);
    }

    @Test
    void aBotWithShardsFromTradesTheListTheReconcilerReadAndAnEditOfItActsAsAnInlineEdit() {
        SwarmReleaseSpec v1 = twoBots(List.of(CanaryStep.weight(25), CanaryStep.pause(null), CanaryStep.weight(100)));
        v1.bots.get(0).shardsFrom = new ShardsSource();
        v1.bots.get(0).shardsFrom.configMapKeyRef = new ConfigMapKeyReference();
        v1.bots.get(0).shardsFrom.configMapKeyRef.name = "maker-books";
        v1.bots.get(0).shardsFrom.configMapKeyRef.key = "books";
        v1.trading = new io.tradingswarm.operator.api.TradingSettings();
        v1.trading.drainTimeout = "10s";
        FakeSwarm swarm = new FakeSwarm(v1);
        swarm.shardsFrom.put("maker", List.of("BTC", "ETH", "SOL"));
        swarm.runUntil(Phase.Succeeded, 5);
        assertShards(List.of("BTC", "ETH", "SOL"), List.of(), swarm);

        swarm.shardsFrom.put("maker", List.of("BTC", "ETH", "SOL", "XRP"));
        swarm.tick();
        assertShards(List.of("BTC", "ETH", "SOL", "XRP"), List.of(), swarm);
        assertNull(swarm.status.drain, "a shard added joins the stable slot at once: it left no slot");

        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.trading = swarm.spec.trading;
        swarm.release(v2);
        swarm.settle();
        swarm.advance(Duration.ofSeconds(10)).tick();
        assertEquals(25, swarm.status.weight);
        assertShards(List.of("ETH", "SOL", "XRP"), List.of("BTC"), swarm);
    }

    @Test
    void aHaltKeepsEveryShardWhereItIsAndResumeMovesNoneOfThem() {
        FakeSwarm swarm = shardedStable();
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.trading = swarm.spec.trading;
        swarm.release(v2);
        swarm.settle();
        swarm.advance(Duration.ofSeconds(10)).tick();
        ask(swarm, "halt");
        assertEquals(Map.of("maker-a", List.of("ETH", "SOL", "XRP"), "maker-b", List.of("BTC")), swarm.last.shards());
        assertEquals(HALTED, swarm.status.trading.get("maker-a"));
        assertEquals(HALTED, swarm.status.trading.get("maker-b"));
        ask(swarm, "resume");
        assertShards(List.of("ETH", "SOL", "XRP"), List.of("BTC"), swarm);
    }

    @Test
    void aSucceededCanaryLeavesOnlyTheNewStableSlotTrading() {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(50), CanaryStep.weight(100))));
        swarm.release(bump(swarm.spec, "v2"));
        swarm.runUntil(Phase.Succeeded, 10);
        assertGate(gate(SHADOW, ACTIVE, SHADOW, ACTIVE), swarm);
    }

    @Test
    void aBlueGreenPreviewRunsInShadowAndTheSwitchHandsTradingOverAfterADrain() {
        FakeSwarm swarm = BlueGreenPlannerTest.previewing(false);
        assertGate(gate(ACTIVE, SHADOW, ACTIVE, SHADOW), swarm);
        BlueGreenPlannerTest.passWindow(swarm, Duration.ofMinutes(1));
        assertEquals(Phase.Paused, swarm.status.phase, "at the gate");
        assertGate(gate(ACTIVE, SHADOW, ACTIVE, SHADOW), swarm);
        ask(swarm, "promote");
        assertGate(gate(SHADOW, SHADOW, SHADOW, SHADOW), swarm);
        assertEquals("a", swarm.status.drain.from);
        assertNull(swarm.status.drain.startedAt, "the drain starts once the cluster shows slot a stopped");
        swarm.tick();
        assertEquals(swarm.now.toString(), swarm.status.drain.startedAt);
        assertEquals(Duration.ofSeconds(90), swarm.last.wakeUpAfter().orElseThrow(), "the default drain");
        swarm.advance(Duration.ofSeconds(89)).tick();
        assertGate(gate(SHADOW, SHADOW, SHADOW, SHADOW), swarm);
        swarm.advance(Duration.ofSeconds(1)).tick();
        assertGate(gate(SHADOW, ACTIVE, SHADOW, ACTIVE), swarm);
        assertNull(swarm.status.drain);
        ask(swarm, "abort");
        assertGate(gate(SHADOW, SHADOW, SHADOW, SHADOW), swarm);
        assertEquals("b", swarm.status.drain.from, "switching back runs the same sequence");
        swarm.tick();
        swarm.advance(Duration.ofSeconds(90)).tick();
        assertGate(gate(ACTIVE, SHADOW, ACTIVE, SHADOW), swarm);
    }

    @Test
    void aSwitchBackBeforeTheNewSlotEverTradedGivesTheOldSlotItsBookAtOnce() {
        FakeSwarm swarm = BlueGreenPlannerTest.previewing(false);
        swarm.spec.trading = new io.tradingswarm.operator.api.TradingSettings();
        swarm.spec.trading.drainTimeout = "5m";
        BlueGreenPlannerTest.passWindow(swarm, Duration.ofMinutes(1));
        ask(swarm, "promote");
        swarm.tick();
        assertGate(gate(SHADOW, SHADOW, SHADOW, SHADOW), swarm);
        swarm.advance(Duration.ofSeconds(10));
        ask(swarm, "abort");
        assertGate(gate(ACTIVE, SHADOW, ACTIVE, SHADOW), swarm);
    }

    @Test
    void haltStopsEverySlotInOneDecisionAndResumeGivesBackTheStatesTheRunWouldHave() {
        FakeSwarm swarm = ActionPlannerTest.pausedForever();
        assertGate(gate(ACTIVE, ACTIVE, ACTIVE, ACTIVE), swarm);
        ask(swarm, "halt");
        assertGate(gate(HALTED, HALTED, HALTED, HALTED), swarm);
        assertEquals("Applied", swarm.status.lastAction.result);
        assertTrue(swarm.last.events().stream().anyMatch(e -> e.reason() == EventReason.Halted), "announced");
        assertTrue(swarm.status.message.startsWith("halted by"), swarm.status.message);
        ask(swarm, "resume");
        assertNull(swarm.status.halt);
        assertGate(gate(ACTIVE, ACTIVE, ACTIVE, ACTIVE), swarm);
        assertTrue(swarm.last.events().stream().anyMatch(e -> e.reason() == EventReason.HaltLifted));
    }

    @Test
    void aHaltedRunHoldsItsStepClockSoNeitherATimedPauseNorTheProgressDeadlineMovesIt() {
        SwarmReleaseSpec v1 = twoBots(List.of(CanaryStep.weight(25), CanaryStep.pause("1m"), CanaryStep.weight(100)));
        FakeSwarm swarm = stableAt(v1);
        swarm.release(bump(swarm.spec, "v2"));
        swarm.settle();
        int step = swarm.status.currentStep;
        ask(swarm, "halt");
        swarm.advance(Duration.ofHours(3)).tick();
        assertEquals(step, swarm.status.currentStep, "no step passes while halted");
        assertEquals(Phase.Paused, swarm.status.phase);
        assertTrue(swarm.last.events().stream().noneMatch(e -> e.reason() == EventReason.StepCompleted
                || e.reason() == EventReason.RollingBack || e.reason() == EventReason.Promoted), "" + swarm.last.events());
        ask(swarm, "resume");
        assertEquals(step, swarm.status.currentStep, "the pause's clock restarts where the halt stopped it");
        swarm.runUntil(Phase.Succeeded, 10);
    }

    @Test
    void aSecondHaltIsIgnoredAndResumeWithoutAHaltToo() {
        FakeSwarm swarm = ActionPlannerTest.pausedForever();
        ask(swarm, "resume");
        assertEquals("Ignored", swarm.status.lastAction.result);
        ask(swarm, "halt");
        String since = swarm.status.halt.haltedAt;
        swarm.advance(Duration.ofMinutes(1));
        ask(swarm, "halt");
        assertEquals("Ignored", swarm.status.lastAction.result);
        assertEquals(since, swarm.status.halt.haltedAt, "the first halt's time stays");
    }

    @Test
    void aRollbackStillRestoresTrafficWhileHalted() {
        FakeSwarm swarm = ActionPlannerTest.pausedForever();
        ask(swarm, "halt");
        ask(swarm, "abort");
        assertNotEquals(Phase.Paused, swarm.status.phase);
        assertEquals(0, swarm.status.weight);
        assertGate(gate(HALTED, HALTED, HALTED, HALTED), swarm);
    }
}
