package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.unit.planner.Specs.bot;
import static io.tradingswarm.operator.unit.planner.Specs.bump;
import static io.tradingswarm.operator.unit.planner.Specs.canary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tradingswarm.operator.api.AnalysisStep;
import io.tradingswarm.operator.api.BlueGreenStrategy;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.dependent.Revision;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.ReleaseEvent;
import io.tradingswarm.operator.planner.Slot;
import io.tradingswarm.operator.planner.SlotState;

@Tag("unit")
class BlueGreenPlannerTest {

    static AnalysisStep window(String duration) {
        AnalysisStep a = new AnalysisStep();
        a.probes = List.of("errors");
        a.duration = duration;
        return a;
    }

    /** v1 stable on slot a, blue-green with pre (1m) and post (5m) analysis of one probe. */
    static FakeSwarm stable(boolean autoPromote) {
        SwarmReleaseSpec v1 = canary("v1", List.of(CanaryStep.weight(100)), bot("maker", 4, "m:v1"), bot("arb", 2, "a:v1"));
        v1.strategy.canary = null;
        v1.strategy.blueGreen = new BlueGreenStrategy();
        v1.strategy.blueGreen.autoPromote = autoPromote;
        v1.strategy.blueGreen.prePromotionAnalysis = window("1m");
        v1.strategy.blueGreen.postPromotionAnalysis = window("5m");
        v1.strategy.blueGreen.scaleDownDelay = "10m";
        v1.probes = new ArrayList<>(List.of(ProbePlannerTest.probe("errors")));
        FakeSwarm swarm = new FakeSwarm(v1);
        swarm.runUntil(Phase.Succeeded, 5);
        return swarm;
    }

    static FakeSwarm previewing(boolean autoPromote) {
        FakeSwarm swarm = stable(autoPromote);
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.strategy = swarm.spec.strategy;
        v2.probes = swarm.spec.probes;
        swarm.release(v2);
        swarm.settle();
        return swarm;
    }

    static void passWindow(FakeSwarm swarm, Duration length) {
        swarm.lands("errors", ProbePlannerTest.PASS).tick();
        swarm.advance(length);
        swarm.lands("errors", ProbePlannerTest.PASS).settle();
    }

    @Test
    void thePreviewComesUpAtFullSizeWhileTheActiveServicesStayOnStable() {
        FakeSwarm swarm = previewing(true);
        assertEquals(4, swarm.replicas("maker", Slot.b));
        assertEquals(2, swarm.replicas("arb", Slot.b));
        assertEquals(4, swarm.replicas("maker", Slot.a));
        assertEquals(Slot.a, swarm.servicePins.get("maker"));
        assertEquals(Slot.a, swarm.servicePins.get("arb"));
        assertEquals(Slot.b, swarm.servicePins.get("maker-preview"));
        assertEquals("analysis", swarm.status.step);
        assertEquals("blueGreen", swarm.status.strategy);
        assertEquals(List.of("errors"), swarm.last.probesDue(), "pre-promotion analysis measures the preview");
    }

    @Test
    void aFailingPrePromotionCheckBlocksTheSwitch() {
        FakeSwarm swarm = previewing(true);
        swarm.lands("errors", ProbePlannerTest.FAIL).tick();
        swarm.settle();
        assertEquals(Phase.RolledBack, swarm.status.phase);
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "traffic never moved");
        assertEquals("preview", swarm.status.step);
        swarm.advance(Duration.ofSeconds(30));
        swarm.settle();
        assertEquals(0, swarm.replicas("maker", Slot.b));
    }

    @Test
    void withoutAutoPromoteTheRunWaitsAtTheGateUntilPromoted() {
        FakeSwarm swarm = previewing(false);
        passWindow(swarm, Duration.ofMinutes(1));
        assertEquals(Phase.Paused, swarm.status.phase);
        assertEquals("gate", swarm.status.step);
        swarm.advance(Duration.ofHours(5));
        swarm.settle();
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "no switch without the promote action");

        swarm.action = new Action("promote", "promote@1");
        swarm.tick();
        assertEquals(Slot.b, swarm.servicePins.get("maker"), "every bot switched in the same tick");
        assertEquals(Slot.b, swarm.servicePins.get("arb"));
        assertEquals("monitoring", swarm.status.step);
        assertTrue(swarm.last.events().stream().map(ReleaseEvent::reason).toList().contains(EventReason.Switched));
    }

    @Test
    void aFailingMonitorWindowSwitchesEveryBotBackAtOnceToAnOldSlotThatStillHasItsPods() {
        FakeSwarm swarm = previewing(true);
        passWindow(swarm, Duration.ofMinutes(1));
        assertEquals(Slot.b, swarm.servicePins.get("maker"));
        assertEquals(4, swarm.slot("maker", Slot.a).readyReplicas(), "the old slot keeps its pods while monitoring");
        swarm.lands("errors", ProbePlannerTest.FAIL).tick();
        assertEquals(Phase.RolledBack, swarm.status.phase, "the old slot is full: traffic is back in the same tick");
        assertEquals(Slot.a, swarm.servicePins.get("maker"));
        assertEquals(Slot.a, swarm.servicePins.get("arb"));
        assertEquals("switched back", swarm.status.step);
        assertEquals("v1", swarm.status.stableVersion);
    }

    @Test
    void aPassingMonitorWindowPromotesAndTheOldSlotGoesAfterScaleDownDelay() {
        FakeSwarm swarm = previewing(true);
        passWindow(swarm, Duration.ofMinutes(1));
        passWindow(swarm, Duration.ofMinutes(5));
        assertEquals(Phase.Progressing, swarm.status.phase, "the monitor window watches v2 trading: from the end of the drain");
        assertEquals("post-promotion analysis of errors until " + swarm.now.plus(Duration.ofMinutes(5)), swarm.status.message);
        passWindow(swarm, Duration.ofMinutes(5));
        assertEquals(Phase.Succeeded, swarm.status.phase);
        assertEquals("b", swarm.status.stableSlot);
        assertEquals(4, swarm.replicas("maker", Slot.a), "kept for an instant rollback");
        swarm.advance(Duration.ofMinutes(10));
        swarm.settle();
        assertEquals(0, swarm.replicas("maker", Slot.a));
    }

    @Test
    void aNewerVersionDuringTheMonitorWindowMovesTrafficBackBeforeReplacingThePreview() {
        FakeSwarm swarm = previewing(true);
        passWindow(swarm, Duration.ofMinutes(1));
        assertEquals(Slot.b, swarm.servicePins.get("maker"));
        SwarmReleaseSpec v3 = bump(swarm.spec, "v3");
        v3.strategy = swarm.spec.strategy;
        v3.probes = swarm.spec.probes;
        swarm.release(v3);
        swarm.tick();
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "the slot being replaced serves no traffic");
        assertEquals(Revision.of(v3), swarm.slot("maker", Slot.b).revision());
        assertEquals("Superseded", swarm.status.history.get(0).result);
    }

    @Test
    void aRevertDuringThePreviewCancelsIt() {
        FakeSwarm swarm = previewing(true);
        SwarmReleaseSpec v1 = bump(swarm.spec, "v1");
        v1.strategy = swarm.spec.strategy;
        v1.probes = swarm.spec.probes;
        v1.bots = stable(true).spec.bots;
        swarm.release(v1);
        swarm.settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
        assertEquals("Cancelled", swarm.status.history.get(0).result);
        assertEquals(0, swarm.replicas("maker", Slot.b));
    }

    @ParameterizedTest(name = "restart before tick {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void aRestartAtAnyPhaseResumesWhereItWas(int restartAt) {
        FakeSwarm swarm = previewing(false);
        List<String> steps = new ArrayList<>();
        for (int tick = 0; tick < 6; tick++) {
            if (tick == restartAt) {
                FakeSwarm restarted = new FakeSwarm(swarm.spec);
                restarted.status = FakeSwarm.roundTrip(swarm.status);
                restarted.slots.putAll(swarm.slots);
                restarted.servicePins.putAll(swarm.servicePins);
                restarted.gate = swarm.gate;
                restarted.now = swarm.now;
                swarm = restarted;
            }
            switch (tick) {
                case 1 -> swarm.lands("errors", ProbePlannerTest.PASS);
                case 2 -> swarm.advance(Duration.ofMinutes(1)).lands("errors", ProbePlannerTest.PASS);
                case 3 -> swarm.action = new Action("promote", "promote@restart");
                // The monitor window starts once the drain (90 s by default) lets the new slot trade.
                case 4 -> swarm.advance(Duration.ofSeconds(90)).lands("errors", ProbePlannerTest.PASS);
                case 5 -> swarm.advance(Duration.ofMinutes(5)).lands("errors", ProbePlannerTest.PASS);
                default -> {
                }
            }
            swarm.settle();
            steps.add(swarm.status.step);
        }
        assertEquals(List.of("analysis", "analysis", "gate", "monitoring", "monitoring", "switched"), steps);
        assertEquals(Phase.Succeeded, swarm.status.phase);
    }

    @Test
    void aPreviewThatLosesReadyPodsAtTheGateIsCheckedAgainAndFailsAtItsDeadline() {
        FakeSwarm swarm = previewing(false);
        passWindow(swarm, Duration.ofMinutes(1).plusSeconds(1));
        assertEquals("gate", swarm.status.step);
        assertEquals(Phase.Paused, swarm.status.phase);

        swarm.brokenRevisions.add(swarm.status.revision);
        swarm.slots.get("maker").put(Slot.b, SlotState.of(4, 0, swarm.status.revision));
        swarm.tick();
        assertEquals("preview", swarm.status.step, "the preview changed after its checks: they start again");
        assertEquals(Phase.Progressing, swarm.status.phase);
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "no active traffic moved");

        swarm.advance(Duration.ofMinutes(10).plusSeconds(1));
        swarm.tick();
        assertEquals("ProgressDeadlineExceeded", swarm.status.rollback.reason, swarm.status.message);
    }
}
