package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.api.TradingState.ACTIVE;
import static io.tradingswarm.operator.api.TradingState.SHADOW;
import static io.tradingswarm.operator.unit.planner.ActionPlannerTest.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.TradingSettings;
import io.tradingswarm.operator.api.TradingState;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.planner.RunId;
import io.tradingswarm.operator.planner.Slot;

/** spec.trading.drainProbe: a blue-green handover waits for the probe's first pass after the stop, within drainTimeout. */
@Tag("unit")
class DrainProbePlannerTest {
    private static final Map<String, TradingState> OLD_TRADES = Map.of("maker-a", ACTIVE, "maker-b", SHADOW, "arb-a", ACTIVE, "arb-b", SHADOW);
    private static final Map<String, TradingState> NONE_TRADES = Map.of("maker-a", SHADOW, "maker-b", SHADOW, "arb-a", SHADOW, "arb-b", SHADOW);
    private static final Map<String, TradingState> NEW_TRADES = Map.of("maker-a", SHADOW, "maker-b", ACTIVE, "arb-a", SHADOW, "arb-b", ACTIVE);

    /** v2 previewed, its analysis passed, at the manual gate; the drain probe "orders" counts open orders of the stopped version. */
    private static FakeSwarm atTheGate() {
        FakeSwarm swarm = BlueGreenPlannerTest.previewing(false);
        ProbeSpec orders = ProbePlannerTest.probe("orders");
        orders.prometheus.query = "open_orders{version=\"{{drainingVersion}}\"}";
        orders.prometheus.max = 0.0;
        swarm.spec.probes = new ArrayList<>(swarm.spec.probes);
        swarm.spec.probes.add(orders);
        swarm.spec.trading = new TradingSettings();
        swarm.spec.trading.drainProbe = "orders";
        swarm.spec.trading.drainTimeout = "2m";
        BlueGreenPlannerTest.passWindow(swarm, Duration.ofMinutes(1));
        assertEquals(Phase.Paused, swarm.status.phase);
        return swarm;
    }

    /** Promoted: slot a stops, and the next pass sees the cluster show it, so the drain's clock starts. */
    private static FakeSwarm draining() {
        FakeSwarm swarm = atTheGate();
        ask(swarm, "promote");
        assertEquals(NONE_TRADES, swarm.status.trading);
        assertEquals(List.of("v1"), swarm.status.drain.versions, "the version that stopped: the probe's {{drainingVersion}}");
        swarm.tick();
        assertEquals(swarm.now.toString(), swarm.status.drain.startedAt);
        assertTrue(swarm.last.probesDue().contains("orders"), "measured as soon as the stop shows");
        return swarm;
    }

    @Test
    void theNewSlotStartsAtTheProbesFirstPassLaunchedAfterTheStopShowed() {
        FakeSwarm swarm = draining();
        swarm.landed.add(new ProbeResult("orders", RunId.of(swarm.status), ProbePlannerTest.PASS,
                swarm.now.minusSeconds(1), swarm.now));
        swarm.tick();
        assertEquals(NONE_TRADES, swarm.status.trading, "a pass asked for before the stop showed may have seen v1 still trading");
        swarm.lands("orders", ProbePlannerTest.FAIL).tick();
        assertEquals(NONE_TRADES, swarm.status.trading);
        assertEquals("Fail", swarm.status.drain.probe.lastVerdict);
        assertEquals(Duration.ofSeconds(10), swarm.last.wakeUpAfter().orElseThrow(), "the probe's interval");
        swarm.advance(Duration.ofSeconds(10)).tick();
        assertTrue(swarm.last.probesDue().contains("orders"));
        swarm.lands("orders", ProbePlannerTest.PASS).tick();
        assertEquals(NEW_TRADES, swarm.status.trading, "well before drainTimeout: the probe replaces the wait");
        assertNull(swarm.status.drain);
        assertTrue(swarm.status.probes.stream().noneMatch(p -> p.name.equals("orders")), "the drain probe is no analysis probe");
    }

    @Test
    void aDrainProbeThatDoesNotPassWithinDrainTimeoutRollsTheRunBackAndTheOldSlotTradesAgainAtOnce() {
        FakeSwarm swarm = draining();
        swarm.lands("orders", ProbePlannerTest.FAIL).tick();
        swarm.advance(Duration.ofMinutes(2)).tick();
        assertEquals("DrainFailed", swarm.status.rollback.reason);
        assertTrue(swarm.status.rollback.message.startsWith("drain probe orders did not pass within drainTimeout 120s after version v1 "
                + "stopped trading (last: Fail"), swarm.status.rollback.message);
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "traffic back on v1 in the same decision");
        assertEquals(OLD_TRADES, swarm.status.trading, "v1 stopped and v2 never started: v1 may take its own back at once");
        assertEquals(swarm.now.toString(), swarm.status.rollback.startedAt, "detected at the deadline");
    }

    @Test
    void anOverdueDrainOfASwitchBackKeepsTheOldSlotWaitingSaysSoOnceAndEndsAtAPass() {
        FakeSwarm swarm = draining();
        swarm.lands("orders", ProbePlannerTest.PASS).tick();
        assertEquals(NEW_TRADES, swarm.status.trading);
        ask(swarm, "abort");
        assertEquals(NONE_TRADES, swarm.status.trading);
        assertEquals(List.of("v2"), swarm.status.drain.versions);
        swarm.tick();
        swarm.lands("orders", ProbePlannerTest.FAIL).tick();
        swarm.advance(Duration.ofMinutes(2)).lands("orders", ProbePlannerTest.FAIL).tick();
        assertEquals(List.of(EventReason.DrainOverdue), swarm.last.events().stream().map(e -> e.reason()).toList());
        assertEquals(Boolean.TRUE, swarm.status.drain.probe.overdue);
        swarm.advance(Duration.ofSeconds(10)).lands("orders", ProbePlannerTest.FAIL).tick();
        assertTrue(swarm.last.events().isEmpty(), "said once");
        assertEquals(NONE_TRADES, swarm.status.trading, "v2 may still hold orders: v1 waits rather than trade beside it");
        swarm.advance(Duration.ofSeconds(10)).lands("orders", ProbePlannerTest.PASS).tick();
        assertEquals(OLD_TRADES, swarm.status.trading);
        assertNull(swarm.status.drain);
    }

    @Test
    void theMonitorWindowStartsWhenTheNewSlotTrades() {
        FakeSwarm swarm = draining();
        swarm.advance(Duration.ofSeconds(50)).lands("orders", ProbePlannerTest.PASS).tick();
        assertEquals(NEW_TRADES, swarm.status.trading);
        swarm.tick();
        assertEquals("post-promotion analysis of errors until " + swarm.now.plus(Duration.ofMinutes(5)), swarm.status.message);
    }
}
