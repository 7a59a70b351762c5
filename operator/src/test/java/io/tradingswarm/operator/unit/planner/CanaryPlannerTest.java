package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.unit.planner.Specs.bot;
import static io.tradingswarm.operator.unit.planner.Specs.bump;
import static io.tradingswarm.operator.unit.planner.Specs.canary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.dependent.Revision;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.Plan;
import io.tradingswarm.operator.planner.ReleaseEvent;
import io.tradingswarm.operator.planner.Slot;

@Tag("unit")
class CanaryPlannerTest {

    /** A swarm whose version v1 is stable on slot a. */
    static FakeSwarm stableAt(SwarmReleaseSpec v1) {
        FakeSwarm swarm = new FakeSwarm(v1);
        swarm.runUntil(Phase.Succeeded, 5);
        return swarm;
    }

    static SwarmReleaseSpec twoBots(List<CanaryStep> steps) {
        return canary("v1", steps, bot("maker", 4, "bots/maker:v1"), bot("arb", 2, "bots/arb:v1"));
    }

    static List<EventReason> reasons(Plan plan) {
        return reasons(plan.events());
    }

    static List<EventReason> reasons(List<ReleaseEvent> events) {
        return events.stream().map(ReleaseEvent::reason).toList();
    }

    static String condition(FakeSwarm swarm, String type) {
        return swarm.status.conditions.stream().filter(c -> c.getType().equals(type)).map(Condition::getStatus)
                .findFirst().orElseThrow();
    }

    @Test
    void firstReleaseGoesStraightToFullSizeOnSlotA() {
        FakeSwarm swarm = new FakeSwarm(twoBots(Specs.runbookSteps()));
        assertEquals(List.of(EventReason.Started, EventReason.Promoted, EventReason.Succeeded), reasons(swarm.settle()));
        assertEquals(Phase.Succeeded, swarm.status.phase);
        assertEquals("a", swarm.status.stableSlot);
        assertEquals("v1", swarm.status.stableVersion);
        assertEquals(4, swarm.replicas("maker", Slot.a));
        assertEquals(2, swarm.replicas("arb", Slot.a));
        assertEquals(Slot.a, swarm.servicePins.get("maker"));
        assertEquals("True", condition(swarm, "Ready"));
        assertEquals("Succeeded", swarm.status.history.get(0).result);
    }

    @Test
    void setWeightWaitsForReadyNewPodsBeforeTheStableSlotShrinks() {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(50))));
        swarm.release(bump(swarm.spec, "v2"));
        swarm.brokenRevisions.add(Revision.of(swarm.spec));
        swarm.tick();
        assertEquals(Phase.Progressing, swarm.status.phase);
        assertEquals(2, swarm.replicas("maker", Slot.b));
        assertEquals(4, swarm.replicas("maker", Slot.a), "stable keeps full size while new pods are not ready");
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "no new pod is ready: the Service stays on the full stable slot");
        assertEquals("True", condition(swarm, "Reconciling"));

        swarm.brokenRevisions.clear();
        swarm.settle();
        assertEquals(Phase.Succeeded, swarm.status.phase, swarm.status.message);
        assertEquals("b", swarm.status.stableSlot);
        assertEquals(0, swarm.replicas("maker", Slot.a));
        assertEquals(4, swarm.replicas("maker", Slot.b));
    }

    @Test
    void happyCanaryWalksEveryStepInLockstepAndRecordsHistory() {
        FakeSwarm swarm = stableAt(twoBots(Specs.runbookSteps()));
        swarm.release(bump(swarm.spec, "v2"));
        List<Integer> weights = new ArrayList<>();
        List<EventReason> events = new ArrayList<>();
        for (int i = 0; i < 40 && swarm.status.phase != Phase.Succeeded || i == 0; i++) {
            swarm.tick();
            events.addAll(reasons(swarm.last));
            if (swarm.status.phase != Phase.Succeeded) {
                if (!weights.contains(swarm.status.weight)) {
                    weights.add(swarm.status.weight);
                }
                int makerNew = swarm.replicas("maker", Slot.b);
                int arbNew = swarm.replicas("arb", Slot.b);
                assertEquals((4 * swarm.status.weight + 99) / 100, makerNew, "maker follows the weight");
                assertEquals((2 * swarm.status.weight + 99) / 100, arbNew, "arb moves in lockstep");
            }
            swarm.advance(swarm.last.wakeUpAfter().orElse(Duration.ofSeconds(5)));
        }
        assertEquals(List.of(10, 25, 50, 75, 100), weights);
        assertEquals(10, events.stream().filter(e -> e == EventReason.StepCompleted).count());
        assertEquals(5, events.stream().filter(e -> e == EventReason.Paused).count());
        assertEquals(Phase.Succeeded, swarm.status.phase);
        assertEquals("v2", swarm.status.stableVersion);
        assertEquals(List.of("Succeeded", "Succeeded"), swarm.status.history.stream().map(h -> h.result).toList());
        assertEquals("v2", swarm.status.history.get(0).version);
        assertEquals(0, swarm.replicas("arb", Slot.a));
    }

    @Test
    void timedPauseWakesUpAtItsEnd() {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(25), CanaryStep.pause("10m"))));
        swarm.release(bump(swarm.spec, "v2"));
        swarm.settle();
        assertEquals(Phase.Paused, swarm.status.phase);
        assertEquals(Duration.ofMinutes(10), swarm.last.wakeUpAfter().orElseThrow());
        assertEquals("True", condition(swarm, "Paused"));
        swarm.advance(Duration.ofMinutes(9));
        swarm.tick();
        assertEquals(Phase.Paused, swarm.status.phase);
        swarm.advance(Duration.ofMinutes(1));
        swarm.settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
    }

    @Test
    void indefinitePauseNeverEndsByItself() {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(10), CanaryStep.pause(null))));
        swarm.release(bump(swarm.spec, "v2"));
        swarm.settle();
        assertTrue(swarm.last.wakeUpAfter().isEmpty());
        swarm.advance(Duration.ofDays(3));
        swarm.tick();
        assertEquals(Phase.Paused, swarm.status.phase);
        assertEquals(10, swarm.status.weight);
        assertTrue(swarm.status.message.contains("promote"), swarm.status.message);
    }

    @Test
    void zeroReplicaBotNeverBlocksTheSwarm() {
        FakeSwarm swarm = stableAt(canary("v1", List.of(CanaryStep.weight(50)), bot("maker", 2, "m:v1"), bot("idle", 0, "i:v1")));
        swarm.release(bump(swarm.spec, "v2"));
        swarm.runUntil(Phase.Succeeded, 5);
        assertEquals(0, swarm.replicas("idle", Slot.b));
        assertEquals(2, swarm.replicas("maker", Slot.b));
    }

    @Test
    void deadlineRollsBackWithTrafficOnStableFirst() {
        FakeSwarm swarm = stableAt(twoBots(Specs.runbookSteps()));
        swarm.release(bump(swarm.spec, "v2"));
        swarm.brokenRevisions.add(Revision.of(swarm.spec));
        swarm.settle();
        assertEquals(Duration.ofMinutes(10), swarm.last.wakeUpAfter().orElseThrow());
        swarm.advance(Duration.ofMinutes(10));
        Plan failed = swarm.tick();
        assertEquals(List.of(EventReason.RollingBack, EventReason.RolledBack), reasons(failed),
                "stable was never shrunk, so traffic is restored in the same tick");
        assertEquals(Phase.RolledBack, swarm.status.phase);
        assertEquals(0, swarm.status.weight);
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "traffic pinned to the stable slot");
        assertEquals(4, swarm.replicas("maker", Slot.a));
        assertEquals(1, swarm.replicas("maker", Slot.b), "the failed slot keeps its pods for scaleDownDelay");
        assertEquals("ProgressDeadlineExceeded", swarm.status.rollback.reason);
        assertEquals(0.0, swarm.status.rollback.seconds);
        assertEquals("True", condition(swarm, "Stalled"));
        assertEquals("RolledBack", swarm.status.history.get(0).result);

        assertEquals(Duration.ofSeconds(30), failed.wakeUpAfter().orElseThrow());
        swarm.advance(Duration.ofSeconds(30));
        swarm.tick();
        assertEquals(0, swarm.replicas("maker", Slot.b));
        assertEquals(Phase.RolledBack, swarm.status.phase, "a rolled-back revision is not retried by itself");
    }

    @Test
    void rollbackWaitsForTheStableSlotToRefillAndMeasuresIt() {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(75), CanaryStep.pause("1h"))));
        swarm.release(bump(swarm.spec, "v2"));
        swarm.settle();
        assertEquals(1, swarm.replicas("maker", Slot.a), "stable shrank behind ready new pods at 75%");
        // the next step asks for more new pods than will ever be ready, and the stable pods to come back are slow
        swarm.spec.strategy.canary.steps.set(1, CanaryStep.weight(80));
        swarm.brokenRevisions.add(swarm.status.revision);
        swarm.brokenRevisions.add(swarm.status.stableRevision);
        swarm.settle();
        swarm.advance(Duration.ofMinutes(10));
        swarm.tick();
        assertEquals(Phase.RollingBack, swarm.status.phase);
        assertEquals(4, swarm.replicas("maker", Slot.a), "stable scaled back to full at once");
        assertNull(swarm.servicePins.get("maker"), "pods that never got ready were not serving: capacity comes back first");
        swarm.brokenRevisions.remove(swarm.status.stableRevision);
        swarm.advance(Duration.ofSeconds(7));
        swarm.settle();
        assertEquals(Phase.RolledBack, swarm.status.phase);
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "pinned to stable once it is full");
        assertEquals(7.0, swarm.status.rollback.seconds);
    }

    @Test
    void aRunThatBeginsWhileTheFailedSlotKeepsItsPodsLeavesThemOutOfTheService() {
        FakeSwarm swarm = stableAt(twoBots(Specs.runbookSteps()));
        swarm.release(bump(swarm.spec, "v2"));
        String failed = Revision.of(swarm.spec);
        swarm.brokenRevisions.add(failed);
        swarm.settle();
        swarm.advance(Duration.ofMinutes(10));
        swarm.tick();
        assertEquals(Phase.RolledBack, swarm.status.phase);
        swarm.brokenRevisions.remove(failed); // the failed pods are ready now, kept for scaleDownDelay
        swarm.settle();
        assertEquals(1, swarm.replicas("maker", Slot.b));

        swarm.release(bump(swarm.spec, "v3"));
        swarm.tick();
        assertEquals("v3", swarm.status.version);
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "v2's pods in slot b get no requests when v3's run begins");
        swarm.settle();
        assertEquals(10, swarm.status.weight);
        assertNull(swarm.servicePins.get("maker"), "once v3 has a ready pod in slot b, traffic follows ready pods of both slots");
    }

    @Test
    void manualRollbackPolicyStopsAtDegradedAndHoldsReplicas() {
        SwarmReleaseSpec v1 = twoBots(Specs.runbookSteps());
        v1.rollback.automatic = false;
        FakeSwarm swarm = stableAt(v1);
        swarm.release(bump(swarm.spec, "v2"));
        swarm.brokenRevisions.add(Revision.of(swarm.spec));
        swarm.tick();
        swarm.advance(Duration.ofMinutes(10));
        swarm.tick();
        assertEquals(Phase.Degraded, swarm.status.phase);
        assertEquals("True", condition(swarm, "Stalled"));
        assertEquals(1, swarm.replicas("maker", Slot.b));
        assertEquals(4, swarm.replicas("maker", Slot.a));
        swarm.advance(Duration.ofHours(1));
        swarm.tick();
        assertEquals(Phase.Degraded, swarm.status.phase);
        assertEquals(1, swarm.replicas("maker", Slot.b));
    }

    @Test
    void newerVersionMidRunReplacesTheRunFromStepZero() {
        FakeSwarm swarm = stableAt(twoBots(Specs.runbookSteps()));
        swarm.release(bump(swarm.spec, "v2"));
        swarm.settle();
        swarm.advance(Duration.ofMinutes(1));
        swarm.settle();
        assertEquals(25, swarm.status.weight);
        swarm.release(bump(swarm.spec, "v3"));
        Plan replaced = swarm.tick();
        assertEquals(List.of(EventReason.Superseded, EventReason.Started), reasons(replaced).subList(0, 2));
        assertEquals("v3", swarm.status.version);
        assertEquals(10, swarm.status.weight);
        assertEquals(4, swarm.replicas("maker", Slot.a), "the stable slot grows back before v2's pods are replaced");
        swarm.settle();
        assertEquals(Revision.of(swarm.spec), swarm.slot("maker", Slot.b).revision());
        assertEquals("Superseded", swarm.status.history.get(0).result);
        assertEquals("v2", swarm.status.history.get(0).version);
        swarm.runUntil(Phase.Succeeded, 40);
        assertEquals("v3", swarm.status.stableVersion);
    }

    @Test
    void revertToStableMidRunCancelsWithoutANewRun() {
        SwarmReleaseSpec v1 = twoBots(Specs.runbookSteps());
        FakeSwarm swarm = stableAt(v1);
        swarm.release(bump(v1, "v2"));
        swarm.settle();
        swarm.advance(Duration.ofMinutes(1));
        swarm.settle();
        assertEquals(25, swarm.status.weight);
        swarm.release(v1);
        Plan reverted = swarm.tick();
        assertEquals(List.of(EventReason.Cancelled), reasons(reverted));
        assertEquals(Phase.Succeeded, swarm.status.phase);
        assertEquals("a", swarm.status.stableSlot);
        assertEquals("v1", swarm.status.version);
        assertEquals(4, swarm.replicas("maker", Slot.a), "the stable slot grows back in the same tick");
        assertNull(swarm.servicePins.get("maker"), "a revert is no failure: the new pods serve until stable is full");
        swarm.settle();
        assertEquals(0, swarm.replicas("maker", Slot.b), "the cancelled slot goes once stable is full");
        assertEquals(Slot.a, swarm.servicePins.get("maker"));
        assertEquals("Cancelled", swarm.status.history.get(0).result);
    }

    @Test
    void specPauseHoldsEverythingAndStopsTheStepClock() {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(50))));
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        swarm.release(v2);
        swarm.brokenRevisions.add(Revision.of(v2));
        swarm.tick();
        v2.paused = true;
        swarm.advance(Duration.ofMinutes(5));
        swarm.tick();
        assertEquals(Phase.Paused, swarm.status.phase);
        swarm.advance(Duration.ofHours(2));
        swarm.tick();
        assertEquals(Phase.Paused, swarm.status.phase, "no deadline while paused");
        v2.paused = false;
        swarm.tick();
        assertEquals(Phase.Progressing, swarm.status.phase, "5 of 10 deadline minutes used before the pause");
        swarm.advance(Duration.ofMinutes(5));
        swarm.tick();
        assertEquals(Phase.RolledBack, swarm.status.phase);
    }

    @Test
    void firstReleaseThatNeverBecomesReadyIsDegradedNotRolledBack() {
        SwarmReleaseSpec v1 = twoBots(Specs.runbookSteps());
        FakeSwarm swarm = new FakeSwarm(v1);
        swarm.brokenRevisions.add(Revision.of(v1));
        swarm.tick();
        swarm.advance(Duration.ofMinutes(10));
        swarm.tick();
        assertEquals(Phase.Degraded, swarm.status.phase);
        assertTrue(swarm.status.message.contains("nothing stable"), swarm.status.message);
    }

    @Test
    void scalingABotWithoutChangingItsTemplateStartsNoRun() {
        FakeSwarm swarm = stableAt(twoBots(Specs.runbookSteps()));
        swarm.spec.bots.get(0).replicas = 6;
        Plan plan = swarm.tick();
        assertTrue(plan.events().isEmpty());
        assertEquals(6, swarm.replicas("maker", Slot.a));
    }
}
