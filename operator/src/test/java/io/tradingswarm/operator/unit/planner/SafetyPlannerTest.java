package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.unit.planner.Specs.bot;
import static io.tradingswarm.operator.unit.planner.Specs.bump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Hooks;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.JobState;
import io.tradingswarm.operator.planner.Slot;

/** The release-safety rules of docs/user-guide.md ("Safety rules"), one behaviour each. */
@Tag("unit")
class SafetyPlannerTest {

    private static Condition ready(FakeSwarm swarm) {
        return swarm.status.conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    }

    @Test
    void aBackgroundProbeThatNeverMeasuresHoldsTheRunAndNeverPromotes() {
        FakeSwarm swarm = ProbePlannerTest.running(List.of(CanaryStep.weight(50), CanaryStep.pause("1m")), List.of("errors"),
                ProbePlannerTest.probe("errors"));
        swarm.advance(Duration.ofHours(2));
        swarm.settle();
        assertEquals("v1", swarm.status.stableVersion, "silence is never a pass");
        assertEquals(0, swarm.status.currentStep);
        assertTrue(swarm.status.message.contains("probe errors has no measurement yet"), swarm.status.message);
    }

    @Test
    void errorsWithinTheLimitHoldTheRunAndSayWhy() {
        FakeSwarm swarm = ProbePlannerTest.running(List.of(CanaryStep.weight(50), CanaryStep.pause("1m")), List.of("errors"),
                ProbePlannerTest.probe("errors"));
        swarm.lands("errors", ProbePlannerTest.PASS).tick();
        assertEquals(1, swarm.status.currentStep, "a pass lets the first step complete");
        swarm.advance(Duration.ofMinutes(2));
        swarm.lands("errors", ProbePlannerTest.ERROR).settle();
        assertEquals(1, swarm.status.currentStep, "an error after a pass is not a pass");
        assertTrue(swarm.status.message.contains("has not passed yet (last: Error, Prometheus unreachable)"),
                swarm.status.message);
        swarm.lands("errors", ProbePlannerTest.PASS).settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
    }

    @Test
    void aDeletedStableSlotIsRestoredFromItsRevisionAndReadyIsFalseUntilItServes() {
        FakeSwarm swarm = CanaryPlannerTest.stableAt(CanaryPlannerTest.twoBots(Specs.runbookSteps()));
        swarm.slots.get("maker").remove(Slot.a);
        swarm.tick();
        assertEquals("False", ready(swarm).getStatus());
        assertEquals("Restoring", ready(swarm).getReason());
        assertTrue(swarm.last.slots().stream().anyMatch(i -> i.bot().equals("maker") && i.slot() == Slot.a
                && i.replicas() == 4 && swarm.status.stableRevision.equals(i.revision())), "recreated from the stable revision");
        swarm.tick();
        assertEquals("True", ready(swarm).getStatus());
    }

    /** v1 stable with maker and arb; v2 without arb, paused at 50%. */
    private static FakeSwarm arbRemoved() {
        FakeSwarm swarm = CanaryPlannerTest.stableAt(CanaryPlannerTest.twoBots(List.of(CanaryStep.weight(50),
                CanaryStep.pause(null))));
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.bots.removeIf(b -> b.name.equals("arb"));
        swarm.release(v2);
        swarm.settle();
        return swarm;
    }

    @Test
    void aRemovedBotServesUntilTheRunWithoutItIsPromotedThenItsSlotsAreDeleted() {
        FakeSwarm swarm = arbRemoved();
        assertEquals(2, swarm.replicas("arb", Slot.a), "the removed bot keeps serving during the run");
        assertEquals(0, swarm.replicas("arb", Slot.b));
        assertTrue(swarm.retired.isEmpty());
        swarm.action = new Action("promote", "promote@1");
        swarm.settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
        assertEquals(List.of("arb"), swarm.retired);
    }

    @Test
    void aRollbackKeepsARemovedBot() {
        FakeSwarm swarm = arbRemoved();
        swarm.action = new Action("abort", "abort@1");
        swarm.settle();
        assertEquals(Phase.RolledBack, swarm.status.phase);
        assertEquals(2, swarm.replicas("arb", Slot.a));
        assertTrue(swarm.retired.isEmpty());
    }

    /** The next blue-green version of a swarm, with the same strategy and probes. */
    private static SwarmReleaseSpec blueGreenV2(FakeSwarm swarm) {
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.strategy = swarm.spec.strategy;
        v2.probes = swarm.spec.probes;
        return v2;
    }

    @Test
    void whilePreRolloutHooksRunTheReleaseIsPendingAndABlueGreenPreviewTakesNoActiveTraffic() {
        FakeSwarm swarm = BlueGreenPlannerTest.stable(true);
        SwarmReleaseSpec v2 = blueGreenV2(swarm);
        v2.hooks = new Hooks();
        v2.hooks.preRollout = new ArrayList<>(List.of(HookPlannerTest.hook("migrate")));
        swarm.release(v2);
        swarm.settle();
        assertEquals(Phase.Pending, swarm.status.phase);
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "the active Service stays on the stable slot");
    }

    @Test
    void aBlueGreenRunDegradedBeforeTheSwitchKeepsActiveTrafficOnTheStableSlot() {
        FakeSwarm swarm = BlueGreenPlannerTest.stable(true);
        SwarmReleaseSpec v2 = blueGreenV2(swarm);
        v2.rollback.automatic = false;
        swarm.release(v2);
        swarm.settle();
        swarm.lands("errors", ProbePlannerTest.FAIL).settle();
        assertEquals(Phase.Degraded, swarm.status.phase);
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "a failed preview never takes active traffic");
    }

    @Test
    void aNewerVersionDuringARollbackWaitsUntilTheRollbackIsRecordedAndItsHooksRan() {
        FakeSwarm swarm = CanaryPlannerTest.stableAt(CanaryPlannerTest.twoBots(List.of(CanaryStep.weight(75),
                CanaryStep.pause(null))));
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.hooks = new Hooks();
        v2.hooks.onRollback = new ArrayList<>(List.of(HookPlannerTest.hook("restore")));
        swarm.release(v2);
        swarm.settle();
        swarm.brokenRevisions.add(swarm.status.stableRevision);
        swarm.action = new Action("abort", "abort@1");
        swarm.tick();
        assertEquals(Phase.RollingBack, swarm.status.phase);
        SwarmReleaseSpec v3 = bump(swarm.spec, "v3");
        v3.hooks = v2.hooks;
        swarm.release(v3);
        swarm.tick();
        assertEquals(Phase.RollingBack, swarm.status.phase, "v3 waits for the rollback of v2");
        swarm.brokenRevisions.clear();
        swarm.settle();
        assertEquals(Phase.RolledBack, swarm.status.phase, "the onRollback hook is still running");
        assertEquals("RolledBack", swarm.status.history.get(0).result);
        swarm.jobs.replaceAll((name, state) -> new JobState(true, true, "job succeeded"));
        swarm.settle();
        assertEquals("v3", swarm.status.version);
    }

    @Test
    void specPausedHoldsPromotionAndPromoteFull() {
        FakeSwarm swarm = CanaryPlannerTest.stableAt(CanaryPlannerTest.twoBots(List.of(CanaryStep.weight(50),
                CanaryStep.pause(null))));
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        swarm.release(v2);
        swarm.settle();
        swarm.spec.paused = true;
        swarm.action = new Action("promote-full", "full@1");
        swarm.settle();
        assertEquals("Ignored", swarm.status.lastAction.result);
        assertEquals(50, swarm.status.weight);
        assertEquals("v1", swarm.status.stableVersion);
    }

    @Test
    void loweringTheWeightShrinksTheNewSlotOnlyBehindReadyStablePods() {
        FakeSwarm swarm = CanaryPlannerTest.stableAt(CanaryPlannerTest.twoBots(List.of(CanaryStep.weight(75),
                CanaryStep.pause(null), CanaryStep.weight(25), CanaryStep.pause(null))));
        swarm.release(bump(swarm.spec, "v2"));
        swarm.settle();
        assertEquals(3, swarm.replicas("maker", Slot.b));
        swarm.brokenRevisions.add(swarm.status.stableRevision);
        swarm.action = new Action("promote", "promote@1");
        swarm.settle();
        assertEquals(3, swarm.replicas("maker", Slot.a), "stable grows to its 75% share");
        assertEquals(3, swarm.replicas("maker", Slot.b), "the new slot keeps serving until stable pods are ready");
        swarm.brokenRevisions.clear();
        swarm.settle();
        assertEquals(1, swarm.replicas("maker", Slot.b));
    }

    @Test
    void undoNamesThePreviousStableRevisionAndAnUnknownOneIsIgnoredWithTheKeptOnes() {
        FakeSwarm swarm = CanaryPlannerTest.stableAt(CanaryPlannerTest.twoBots(List.of(CanaryStep.weight(100))));
        String v1 = swarm.status.stableRevision;
        swarm.release(bump(swarm.spec, "v2"));
        swarm.settle();
        assertEquals("v2", swarm.status.stableVersion);

        swarm.action = new Action("undo", "undo@1");
        swarm.tick();
        assertEquals(v1, swarm.last.undoTo().revision());
        assertEquals("v1", swarm.last.undoTo().version());
        assertEquals("Applied", swarm.status.lastAction.result);

        swarm.action = new Action("undo:0000000000", "undo@2");
        swarm.tick();
        assertEquals("Ignored", swarm.status.lastAction.result);
        assertTrue(swarm.status.lastAction.message.contains("kept revisions: "), swarm.status.lastAction.message);
        assertEquals(null, swarm.last.undoTo());
    }
}
