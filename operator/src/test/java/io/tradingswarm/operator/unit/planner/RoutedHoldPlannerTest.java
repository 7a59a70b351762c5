package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.unit.planner.Specs.bot;
import static io.tradingswarm.operator.unit.planner.Specs.bump;
import static io.tradingswarm.operator.unit.planner.Specs.canary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.GatewayApiRouting;
import io.tradingswarm.operator.api.HeaderMatch;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.TrafficRouting;
import io.tradingswarm.operator.dependent.Revision;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.RouteIntent;
import io.tradingswarm.operator.planner.Slot;
import io.tradingswarm.operator.planner.SlotState;

/**
 * A routed run held by spec.paused (or Degraded) keeps the routing rules of a running one. Found by the
 * release simulation: a setHeaderRoute step promoted past before its pods were ready (promote now refuses that), then spec.paused,
 * routed the header to a slot with no ready pod.
 */
@Tag("unit")
class RoutedHoldPlannerTest {

    private static SwarmReleaseSpec routed() {
        return routed(List.of(CanaryStep.headerRoute(HeaderMatch.of("x-desk", "a")), CanaryStep.weight(50)));
    }

    private static SwarmReleaseSpec routed(List<CanaryStep> steps) {
        SwarmReleaseSpec spec = canary("v1", steps, bot("maker", 2, "bots/maker:v1"));
        spec.strategy.canary.trafficRouting = new TrafficRouting();
        spec.strategy.canary.trafficRouting.gatewayAPI = new GatewayApiRouting();
        return spec;
    }

    @Test
    void aHeldRunKeepsTheHeaderRouteOffNewPodsThatAreNotReady() {
        FakeSwarm swarm = new FakeSwarm(routed());
        swarm.runUntil(Phase.Succeeded, 5);
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        swarm.brokenRevisions.add(Revision.of(v2));
        swarm.release(v2);
        swarm.tick();
        assertEquals(0, swarm.status.currentStep);
        assertEquals(List.of(), route(swarm).headerRoute(), "no ready new pod: no header route yet");

        swarm.action = new Action("promote", "promote@1");
        swarm.tick();
        assertEquals(0, swarm.status.currentStep, "promote completes a pause or an analysis, not a step waiting for pods");
        assertEquals("Ignored", swarm.status.lastAction.result);
        assertEquals(List.of(), route(swarm).headerRoute());

        SwarmReleaseSpec paused = bump(swarm.spec, "v2");
        paused.paused = true;
        swarm.release(paused);
        swarm.tick();
        assertEquals(Phase.Paused, swarm.status.phase);
        assertEquals(List.of(), route(swarm).headerRoute(), "held, the new slot still has no ready pod");
        assertEquals(0, route(swarm).newWeight());
    }

    /**
     * Found by the release simulation: a hand scaled the stable slot down while the spec was invalid
     * (nothing written); the spec was fixed with spec.paused set, and the hold wrote the hand's count
     * back, so the stable slot stayed at half size under the run's route.
     */
    @Test
    void aHeldRoutedRunKeepsTheStableSlotFull() {
        FakeSwarm swarm = new FakeSwarm(routed());
        swarm.runUntil(Phase.Succeeded, 5);
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        swarm.release(v2);
        swarm.tick();
        assertEquals(2, swarm.replicas("maker", Slot.a));
        SlotState stable = swarm.slot("maker", Slot.a);
        swarm.slots.get("maker").put(Slot.a, SlotState.of(1, 1, stable.revision()));

        SwarmReleaseSpec paused = bump(swarm.spec, "v2");
        paused.paused = true;
        swarm.release(paused);
        swarm.tick();
        assertEquals(Phase.Paused, swarm.status.phase);
        assertEquals(2, swarm.replicas("maker", Slot.a), "with a router the stable slot stays at full size, held or not");
    }

    /**
     * Found by the release simulation: a run reverted to the stable version while the stable slot had
     * lost a pod moved every request back to it at once, though the new slot's ready pods carried half.
     * As with Services, the route stays until the stable slot is full again.
     */
    @Test
    void aCancelledRunKeepsItsRouteUntilTheStableSlotIsFullAgain() {
        FakeSwarm swarm = new FakeSwarm(routed(List.of(CanaryStep.weight(50), CanaryStep.pause(null))));
        swarm.runUntil(Phase.Succeeded, 5);
        SwarmReleaseSpec v1 = swarm.spec;
        swarm.release(bump(v1, "v2"));
        swarm.settle();
        assertEquals(50, route(swarm).newWeight());
        SlotState stable = swarm.slot("maker", Slot.a);
        swarm.slots.get("maker").put(Slot.a, SlotState.of(2, 1, stable.revision()));

        swarm.release(bump(v1, "v1"));
        swarm.tick();
        assertEquals(Phase.Succeeded, swarm.status.phase);
        assertEquals(1, swarm.replicas("maker", Slot.b), "the new slot keeps serving");
        assertTrue(swarm.last.routes().stream().noneMatch(r -> r.bot().equals("maker")), "the route stays as it is");

        swarm.tick();
        assertEquals(new RouteIntent("maker", Slot.a, 0, List.of()), route(swarm), "stable full again: every request to it");
        assertEquals(0, swarm.replicas("maker", Slot.b));
    }

    private static RouteIntent route(FakeSwarm swarm) {
        return swarm.last.routes().stream().filter(r -> r.bot().equals("maker")).findFirst().orElseThrow();
    }
}
