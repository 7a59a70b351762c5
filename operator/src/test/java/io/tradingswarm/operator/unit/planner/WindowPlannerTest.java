package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.unit.planner.CanaryPlannerTest.stableAt;
import static io.tradingswarm.operator.unit.planner.CanaryPlannerTest.twoBots;
import static io.tradingswarm.operator.unit.planner.Specs.bump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.Slot;

@Tag("unit")
class WindowPlannerTest {

    /** v1 stable; v2 released on Friday 6 March 2026 at 17:00 London, after the weekday window closed. */
    static FakeSwarm releasedAfterHours() {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(25), CanaryStep.pause("1m"), CanaryStep.weight(100))));
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.window = ReleaseWindowsTest.window("Europe/London", "Mon Tue Wed Thu Fri", "08:00", "16:30");
        swarm.release(v2);
        swarm.now = Instant.parse("2026-03-06T17:00:00Z");
        swarm.settle();
        return swarm;
    }

    @Test
    void outsideTheWindowARunWaitsSaysWhyAndWakesUpWhenItOpens() {
        FakeSwarm swarm = releasedAfterHours();
        assertEquals(Phase.Paused, swarm.status.phase);
        assertEquals(0, swarm.replicas("maker", Slot.b), "no forward progress");
        assertTrue(swarm.status.message.contains("next window opens at 2026-03-09T08:00:00Z"), swarm.status.message);
        assertEquals(Instant.parse("2026-03-09T08:00:00Z"), swarm.now.plus(swarm.last.wakeUpAfter().orElseThrow()));
        swarm.now = Instant.parse("2026-03-09T08:00:00Z");
        swarm.settle();
        assertEquals(25, swarm.status.weight);
        swarm.advance(Duration.ofMinutes(1));
        swarm.settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
    }

    @Test
    void aRollbackStillHappensOutsideTheWindow() {
        FakeSwarm swarm = releasedAfterHours();
        swarm.now = Instant.parse("2026-03-09T08:00:00Z");
        swarm.settle();
        swarm.now = Instant.parse("2026-03-09T17:00:00Z");
        swarm.settle();
        assertEquals(Phase.Paused, swarm.status.phase, "held at 25% after hours");
        swarm.action = new Action("abort", "abort@1");
        swarm.tick();
        assertEquals(Slot.a, swarm.servicePins.get("maker"));
        swarm.settle();
        assertEquals(Phase.RolledBack, swarm.status.phase);
    }

    @Test
    void promoteFullOutsideTheWindowIsIgnoredWithTheReason() {
        FakeSwarm swarm = releasedAfterHours();
        swarm.now = Instant.parse("2026-03-09T08:00:00Z");
        swarm.settle();
        swarm.now = Instant.parse("2026-03-09T17:00:00Z");
        swarm.action = new Action("promote-full", "full@1");
        swarm.settle();
        assertEquals("Ignored", swarm.status.lastAction.result);
        assertTrue(swarm.status.lastAction.message.contains("outside the release window"), swarm.status.lastAction.message);
        assertEquals(25, swarm.status.weight, "no forward move after hours");
    }
}
