package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.unit.planner.CanaryPlannerTest.stableAt;
import static io.tradingswarm.operator.unit.planner.CanaryPlannerTest.twoBots;
import static io.tradingswarm.operator.unit.planner.Specs.bump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.dependent.Revision;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.Slot;

@Tag("unit")
class ActionPlannerTest {
    static int requests;

    static FakeSwarm ask(FakeSwarm swarm, String action) {
        swarm.action = new Action(action, action + "@" + (++requests));
        swarm.tick();
        return swarm;
    }

    static FakeSwarm pausedForever() {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(25), CanaryStep.pause(null), CanaryStep.weight(50),
                CanaryStep.pause(null), CanaryStep.weight(100))));
        swarm.release(bump(swarm.spec, "v2"));
        swarm.settle();
        return swarm;
    }

    @Test
    void promoteLeavesAnIndefinitePauseForTheNextStepOnly() {
        FakeSwarm swarm = pausedForever();
        assertEquals(Phase.Paused, swarm.status.phase);
        ask(swarm, "promote");
        assertEquals("Applied", swarm.status.lastAction.result);
        swarm.settle();
        assertEquals(Phase.Paused, swarm.status.phase, "stops at the next indefinite pause");
        assertEquals(50, swarm.status.weight);
    }

    @Test
    void theSameRequestSeenAgainAfterARestartIsNotHandledTwice() {
        FakeSwarm swarm = pausedForever();
        ask(swarm, "promote");
        swarm.settle();
        assertEquals(50, swarm.status.weight);
        swarm.tick();
        swarm.tick();
        assertEquals(50, swarm.status.weight, "the annotation, still there, is recognised as handled");
        assertEquals(Phase.Paused, swarm.status.phase);
    }

    @Test
    void promoteFullSkipsTheRemainingStepsToOneHundredPercent() {
        FakeSwarm swarm = pausedForever();
        ask(swarm, "promote-full");
        swarm.settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
        assertEquals("v2", swarm.status.stableVersion);
    }

    @Test
    void abortRollsBackEvenWhenRollbackIsManualAndRetryStartsTheSameRevisionFromStepZero() {
        FakeSwarm swarm = pausedForever();
        swarm.spec.rollback.automatic = false;
        ask(swarm, "abort");
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "traffic restored in the same tick");
        swarm.settle();
        assertEquals(Phase.RolledBack, swarm.status.phase);
        assertEquals("Aborted", swarm.status.rollback.reason);

        ask(swarm, "retry");
        assertEquals(Revision.of(swarm.spec), swarm.status.revision);
        assertTrue(swarm.last.events().stream().anyMatch(e -> e.message().startsWith("step 1/5 completed")),
                "the retried run walks again from step 0: " + swarm.last.events());
        swarm.settle();
        assertEquals(Phase.Paused, swarm.status.phase);
        assertEquals(25, swarm.status.weight);
    }

    @ParameterizedTest(name = "{0} while {1} is ignored")
    @CsvSource({"promote, Succeeded", "promote-full, Succeeded", "abort, Succeeded", "retry, Succeeded",
            "promote, RolledBack", "promote-full, RolledBack", "abort, RolledBack",
            "promote, RollingBack", "retry, RollingBack", "abort, RollingBack", "retry, Paused", "promote, Progressing"})
    void actionsThatMakeNoSenseInAPhaseAreIgnoredAndSaySo(String action, Phase phase) {
        FakeSwarm swarm = in(phase);
        var before = FakeSwarm.roundTrip(swarm.status);
        ask(swarm, action);
        assertEquals("Ignored", swarm.status.lastAction.result, swarm.status.lastAction.message);
        assertTrue(swarm.status.lastAction.message.length() > 10);
        assertEquals(before.phase, swarm.status.phase == Phase.RolledBack && phase == Phase.RollingBack ? before.phase
                : swarm.status.phase);
        assertEquals(before.revision, swarm.status.revision);
    }

    @Test
    void anUnknownActionIsRecordedWithAMessageThatListsTheValidOnes() {
        FakeSwarm swarm = pausedForever();
        ask(swarm, "rollback-now");
        assertEquals("Unknown", swarm.status.lastAction.result);
        assertTrue(swarm.status.lastAction.message.contains("promote, promote-full, abort, retry, undo, undo:<revision>, halt or resume"));
        assertTrue(swarm.status.conditions.stream().allMatch(c -> c.getMessage().contains("unknown action 'rollback-now'")),
                "every condition message says so");
        assertTrue(swarm.last.events().stream().anyMatch(e -> e.message().contains("unknown action")));
        assertEquals(Phase.Paused, swarm.status.phase);
    }

    /** A swarm (v1 stable, v2 in some state) in the given phase. */
    static FakeSwarm in(Phase phase) {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(50), CanaryStep.pause("1h"))));
        if (phase == Phase.Succeeded) {
            return swarm;
        }
        swarm.release(bump(swarm.spec, "v2"));
        if (phase == Phase.Progressing) {
            swarm.brokenRevisions.add(Revision.of(swarm.spec));
            swarm.tick();
            return swarm;
        }
        swarm.settle();
        if (phase == Phase.Paused) {
            ask(swarm, "retry");
            return swarm;
        }
        swarm.brokenRevisions.add(swarm.status.stableRevision);
        ask(swarm, "abort");
        if (phase == Phase.RolledBack) {
            swarm.brokenRevisions.clear();
            swarm.settle();
        }
        assertEquals(phase, swarm.status.phase);
        return swarm;
    }
}
