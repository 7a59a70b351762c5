package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.unit.planner.CanaryPlannerTest.stableAt;
import static io.tradingswarm.operator.unit.planner.CanaryPlannerTest.twoBots;
import static io.tradingswarm.operator.unit.planner.ReleaseWindowsTest.denied;
import static io.tradingswarm.operator.unit.planner.ReleaseWindowsTest.deny;
import static io.tradingswarm.operator.unit.planner.ReleaseWindowsTest.window;
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
import io.tradingswarm.operator.api.ReleaseWindow;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.ReleaseEvent;
import io.tradingswarm.operator.planner.Slot;

/** Dated freezes (spec.window.deny) hold forward progress where a closed window does; rollback still happens. */
@Tag("unit")
class FreezePlannerTest {
    /** New York is on EST (UTC-5) in December: 13:00 local is 18:00Z, 09:30 local is 14:30Z. */
    static final String CHRISTMAS = "frozen until 2026-12-26T14:30:00Z (America/New_York 2026-12-26T09:30): Christmas: NYSE closed";

    static ReleaseWindow christmas() {
        return denied("America/New_York", "2026-12-24T13:00", "2026-12-26T09:30", "Christmas: NYSE closed");
    }

    /** v1 stable; v2 (25%, a 1-minute pause, 100%) released with {@code window} at {@code at}. */
    static FakeSwarm released(ReleaseWindow window, String at) {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(25), CanaryStep.pause("1m"), CanaryStep.weight(100))));
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.window = window;
        swarm.release(v2);
        swarm.now = Instant.parse(at);
        return swarm;
    }

    static Instant wakeUp(FakeSwarm swarm) {
        return swarm.now.plus(swarm.last.wakeUpAfter().orElseThrow());
    }

    @Test
    void aReleaseBumpedInsideAFreezeWaitsSaysWhichAndWhenItLiftsThenGoesOn() {
        FakeSwarm swarm = released(christmas(), "2026-12-24T19:00:00Z");
        List<ReleaseEvent> events = swarm.settle();
        assertEquals(Phase.Paused, swarm.status.phase);
        assertEquals(CHRISTMAS, swarm.status.message);
        assertEquals(0, swarm.replicas("maker", Slot.b), "no forward progress inside the freeze");
        assertTrue(events.contains(new ReleaseEvent(EventReason.Paused, CHRISTMAS)), events.toString());
        assertEquals(Instant.parse("2026-12-26T14:30:00Z"), wakeUp(swarm));

        swarm.now = Instant.parse("2026-12-26T14:30:00Z");
        events = swarm.settle();
        assertEquals(25, swarm.status.weight);
        assertTrue(events.stream().anyMatch(e -> e.reason() == EventReason.Resumed), events.toString());
        swarm.advance(Duration.ofMinutes(1));
        swarm.settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
    }

    @Test
    void aFreezeThatStartsDuringARunHoldsTheWeightAndStopsTheStepClockAsItStarts() {
        FakeSwarm swarm = released(christmas(), "2026-12-24T17:59:30Z");
        swarm.settle();
        assertEquals(25, swarm.status.weight);
        assertEquals(Phase.Paused, swarm.status.phase, "in the 1-minute pause step, until 18:00:30Z");
        assertEquals(Instant.parse("2026-12-24T18:00:00Z"), wakeUp(swarm), "the operator wakes as the freeze starts");

        swarm.now = wakeUp(swarm);
        List<ReleaseEvent> events = swarm.settle();
        assertEquals(CHRISTMAS, swarm.status.message);
        assertEquals(25, swarm.status.weight, "the freeze holds the current weight");
        assertTrue(events.contains(new ReleaseEvent(EventReason.Paused, CHRISTMAS)), "a run paused at a step hears of the freeze: "
                + events);
        swarm.now = Instant.parse("2026-12-25T12:00:00Z");
        assertTrue(swarm.settle().isEmpty(), "one event per freeze");

        swarm.now = Instant.parse("2026-12-26T14:30:00Z");
        swarm.settle();
        assertEquals(Phase.Paused, swarm.status.phase, "the pause had 30s left when the freeze began; they are still to run");
        assertEquals(25, swarm.status.weight);
        assertEquals(Instant.parse("2026-12-26T14:30:30Z"), wakeUp(swarm));
        swarm.advance(Duration.ofSeconds(30));
        swarm.settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
    }

    @Test
    void anAbortInsideAFreezeStillRollsBack() {
        FakeSwarm swarm = released(christmas(), "2026-12-24T17:59:30Z");
        swarm.settle();
        swarm.now = Instant.parse("2026-12-25T12:00:00Z");
        swarm.settle();
        assertEquals(CHRISTMAS, swarm.status.message);
        swarm.action = new Action("abort", "abort@1");
        swarm.tick();
        assertEquals(Slot.a, swarm.servicePins.get("maker"));
        swarm.settle();
        assertEquals(Phase.RolledBack, swarm.status.phase);
    }

    @Test
    void probesKeepMeasuringInsideAFreezeAndAFailureRollsBack() {
        SwarmReleaseSpec v1 = twoBots(List.of(CanaryStep.weight(25), CanaryStep.pause("1m"), CanaryStep.weight(100)));
        v1.probes = List.of(ProbePlannerTest.probe("errors"));
        v1.backgroundProbes = List.of("errors");
        FakeSwarm swarm = stableAt(v1);
        SwarmReleaseSpec v2 = bump(v1, "v2");
        v2.window = christmas();
        swarm.release(v2);
        swarm.now = Instant.parse("2026-12-24T17:59:30Z");
        swarm.lands("errors", ProbePlannerTest.PASS).settle();
        swarm.now = Instant.parse("2026-12-25T12:00:00Z");
        swarm.settle();
        assertEquals(CHRISTMAS, swarm.status.message);
        assertEquals(List.of("errors"), swarm.last.probesDue(), "the background probe is measured inside the freeze");
        swarm.lands("errors", ProbePlannerTest.FAIL).tick();
        assertEquals(Phase.RollingBack, swarm.status.phase);
        assertEquals(Slot.a, swarm.servicePins.get("maker"));
        swarm.settle();
        assertEquals(Phase.RolledBack, swarm.status.phase);
    }

    @Test
    void promoteFullInsideAFreezeIsIgnoredWithTheFreeze() {
        FakeSwarm swarm = released(christmas(), "2026-12-24T17:59:30Z");
        swarm.settle();
        swarm.now = Instant.parse("2026-12-25T12:00:00Z");
        swarm.action = new Action("promote-full", "full@1");
        swarm.settle();
        assertEquals("Ignored", swarm.status.lastAction.result);
        assertEquals(CHRISTMAS, swarm.status.lastAction.message);
        assertEquals(25, swarm.status.weight);
    }

    @Test
    void chainedFreezesLiftAtTheEndOfTheChainAndNameTheirReasons() {
        ReleaseWindow w = deny(christmas(), "2026-12-26T09:30", "2026-12-28T09:30", "year-end freeze",
                "2026-12-27T00:00", "2026-12-27T12:00", "inside the year-end freeze");
        FakeSwarm swarm = released(w, "2026-12-24T19:00:00Z");
        swarm.settle();
        assertEquals("frozen until 2026-12-28T14:30:00Z (America/New_York 2026-12-28T09:30): Christmas: NYSE closed; "
                + "year-end freeze; inside the year-end freeze", swarm.status.message);
        assertEquals(Instant.parse("2026-12-28T14:30:00Z"), wakeUp(swarm));
        swarm.now = Instant.parse("2026-12-26T14:30:00Z");
        swarm.settle();
        assertEquals(0, swarm.replicas("maker", Slot.b), "the first lift is not the end of the chain");
        swarm.now = Instant.parse("2026-12-28T14:30:00Z");
        swarm.settle();
        assertEquals(25, swarm.status.weight);
    }

    @Test
    void aFreezeThatLiftsOutsideTheAllowedPeriodsHandsOverToThem() {
        // Mon-Fri 09:30-16:00 New York; the freeze lifts on Saturday 26 December
        ReleaseWindow w = deny(window("America/New_York", "Mon Tue Wed Thu Fri", "09:30", "16:00"),
                "2026-12-24T13:00", "2026-12-26T09:30", "Christmas: NYSE closed");
        FakeSwarm swarm = released(w, "2026-12-24T19:00:00Z");
        swarm.settle();
        assertEquals(CHRISTMAS, swarm.status.message, "the freeze is named, not the closed hours");
        assertEquals(Instant.parse("2026-12-26T14:30:00Z"), wakeUp(swarm));

        swarm.now = Instant.parse("2026-12-26T14:30:00Z");
        List<ReleaseEvent> events = swarm.settle();
        String closed = "outside the release window (America/New_York): waiting; the next window opens at 2026-12-28T14:30:00Z";
        assertEquals(closed, swarm.status.message);
        assertTrue(events.contains(new ReleaseEvent(EventReason.Paused, closed)), events.toString());
        assertEquals(0, swarm.replicas("maker", Slot.b));
        swarm.now = Instant.parse("2026-12-28T14:30:00Z");
        swarm.settle();
        assertEquals(25, swarm.status.weight);
    }

    @Test
    void aFreezeEndingInTheSpringForwardGapLiftsAsLateAsTheGapIsLong() {
        // 2027-03-14 02:30 New York does not exist: the freeze lifts at 03:30 EDT, 07:30Z
        ReleaseWindow w = denied("America/New_York", "2027-03-13T12:00", "2027-03-14T02:30", "weekend maintenance");
        FakeSwarm swarm = released(w, "2027-03-14T07:00:00Z");
        swarm.settle();
        assertEquals("frozen until 2027-03-14T07:30:00Z (America/New_York 2027-03-14T03:30): weekend maintenance",
                swarm.status.message);
        swarm.now = Instant.parse("2027-03-14T07:30:00Z");
        swarm.settle();
        assertEquals(25, swarm.status.weight);
    }

    @Test
    void aBlueGreenRunWaitsInsideAFreezeBeforeItsSwitch() {
        FakeSwarm swarm = BlueGreenPlannerTest.stable(true);
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.strategy = swarm.spec.strategy;
        v2.probes = swarm.spec.probes;
        v2.window = christmas();
        swarm.release(v2);
        swarm.now = Instant.parse("2026-12-24T19:00:00Z");
        swarm.settle();
        assertEquals(Phase.Paused, swarm.status.phase);
        assertEquals(CHRISTMAS, swarm.status.message);
        assertEquals(Slot.a, swarm.servicePins.get("maker"), "no switch inside the freeze");
    }
}
