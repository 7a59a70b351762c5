package io.tradingswarm.operator.unit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.ReleaseEvent;

/**
 * A restart loses everything but status and the cluster. Replaying a run with a fresh planner at
 * tick k (and a repeated reconcile, as a restart causes) must give the same steps as a run without one.
 */
@Tag("unit")
class RestartResumeTest {

    @ParameterizedTest(name = "restart before tick {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void aRestartAtAnyTickNeitherRepeatsNorSkipsAStep(int restartAt) {
        assertEquals(run(-1), run(restartAt));
    }

    /** The step-completed events of a whole canary run, with a restart (fresh planner, reconcile twice) at one tick. */
    private static List<String> run(int restartAt) {
        FakeSwarm swarm = CanaryPlannerTest.stableAt(CanaryPlannerTest.twoBots(Specs.runbookSteps()));
        swarm.release(Specs.bump(swarm.spec, "v2"));
        List<String> completed = new ArrayList<>();
        for (int tick = 0; tick < 40 && !(tick > 0 && swarm.status.phase == Phase.Succeeded); tick++) {
            FakeSwarm current = tick == restartAt ? restarted(swarm) : swarm;
            current.tick();
            if (tick == restartAt) {
                record(completed, current);
                current.tick();
            }
            record(completed, current);
            swarm = current;
            swarm.advance(swarm.last.wakeUpAfter().orElse(Duration.ofSeconds(5)));
        }
        assertEquals(Phase.Succeeded, swarm.status.phase);
        return completed;
    }

    private static void record(List<String> completed, FakeSwarm swarm) {
        swarm.last.events().stream().filter(e -> e.reason() == EventReason.StepCompleted).map(ReleaseEvent::message)
                .forEach(completed::add);
    }

    private static FakeSwarm restarted(FakeSwarm before) {
        FakeSwarm after = new FakeSwarm(before.spec);
        after.status = FakeSwarm.roundTrip(before.status);
        after.slots.putAll(before.slots);
        after.now = before.now;
        after.generation = before.generation;
        return after;
    }
}
