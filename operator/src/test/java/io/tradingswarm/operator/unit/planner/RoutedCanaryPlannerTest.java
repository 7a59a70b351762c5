package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.unit.planner.Specs.bot;
import static io.tradingswarm.operator.unit.planner.Specs.bump;
import static io.tradingswarm.operator.unit.planner.Specs.canary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.GatewayApiRouting;
import io.tradingswarm.operator.api.HeaderMatch;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.TrafficRouting;
import io.tradingswarm.operator.dependent.Revision;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.RouteIntent;
import io.tradingswarm.operator.planner.ServiceIntent;
import io.tradingswarm.operator.planner.Slot;
import io.tradingswarm.operator.planner.SlotState;

@Tag("unit")
class RoutedCanaryPlannerTest {
    private static final HeaderMatch DESK_A = HeaderMatch.of("x-desk", "a");

    /** maker (4 pods) and arb (2 pods) behind Services, risk (3 pods) without one; weights on HTTPRoutes. */
    static SwarmReleaseSpec routed(List<CanaryStep> steps) {
        Bot risk = bot("risk", 3, "bots/risk:v1");
        risk.service = null;
        SwarmReleaseSpec spec = canary("v1", steps, bot("maker", 4, "bots/maker:v1"), bot("arb", 2, "bots/arb:v1"), risk);
        spec.strategy.canary.trafficRouting = new TrafficRouting();
        spec.strategy.canary.trafficRouting.gatewayAPI = new GatewayApiRouting();
        return spec;
    }

    static FakeSwarm stableV1(List<CanaryStep> steps) {
        FakeSwarm swarm = new FakeSwarm(routed(steps));
        swarm.runUntil(Phase.Succeeded, 5);
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.bots.get(2).service = null;
        swarm.release(v2);
        return swarm;
    }

    private static void assertStableFull(FakeSwarm swarm) {
        assertEquals(4, swarm.replicas("maker", Slot.a));
        assertEquals(2, swarm.replicas("arb", Slot.a));
        assertEquals(3, swarm.replicas("risk", Slot.a));
    }

    @Test
    void aFirstReleaseRoutesEveryRequestToItsSlot() {
        FakeSwarm swarm = new FakeSwarm(routed(Specs.runbookSteps()));
        swarm.runUntil(Phase.Succeeded, 5);
        assertEquals(new RouteIntent("maker", Slot.a, 0, List.of()), swarm.routes.get("maker"));
        assertEquals(new RouteIntent("arb", Slot.a, 0, List.of()), swarm.routes.get("arb"));
        assertFalse(swarm.routes.containsKey("risk"), "a bot without a Service has no route");
        assertEquals(Slot.a, swarm.servicePins.get("maker"));
        assertEquals(Slot.a, swarm.servicePins.get("maker-a"));
        assertEquals(Slot.b, swarm.servicePins.get("maker-b"));
    }

    @Test
    void everyStepWritesItsExactWeightWhileTheStableSlotStaysFull() {
        FakeSwarm swarm = stableV1(Specs.runbookSteps());
        for (int weight : new int[] {10, 25, 50, 75, 100}) {
            swarm.settle();
            assertEquals(Phase.Paused, swarm.status.phase, swarm.status.message);
            assertEquals(weight, swarm.status.weight);
            assertEquals(new RouteIntent("maker", Slot.a, weight, List.of()), swarm.routes.get("maker"));
            assertEquals(weight, swarm.routes.get("arb").newWeight());
            assertEquals((4 * weight + 99) / 100, swarm.replicas("maker", Slot.b), "the share of 4 pods, rounded up");
            assertEquals((3 * weight + 99) / 100, swarm.replicas("risk", Slot.b));
            assertStableFull(swarm);
            assertEquals(Slot.a, swarm.servicePins.get("maker"), "the bot's own Service stays on the stable slot");
            swarm.advance(Duration.ofMinutes(1).plusSeconds(1));
        }
        swarm.runUntil(Phase.Succeeded, 5);
        assertEquals(new RouteIntent("maker", Slot.b, 0, List.of()), swarm.routes.get("maker"), "all on the promoted slot");
        assertEquals(Slot.b, swarm.servicePins.get("maker"));
    }

    @Test
    void theRouteTakesAHigherWeightOnlyOnceTheNewPodsAreReady() {
        FakeSwarm swarm = stableV1(List.of(CanaryStep.weight(50), CanaryStep.pause(null)));
        swarm.brokenRevisions.add(Revision.of(swarm.spec));
        swarm.tick();
        assertEquals(2, swarm.replicas("maker", Slot.b), "the new pods are asked for");
        assertEquals(0, swarm.routes.get("maker").newWeight(), "but get no requests before they are ready");
        assertEquals(0, swarm.status.weight);
        assertStableFull(swarm);

        swarm.brokenRevisions.clear();
        swarm.settle();
        assertEquals(50, swarm.routes.get("maker").newWeight());
        assertEquals(50, swarm.status.weight);
    }

    /** Simulation seed -107 (I3): a lower step weight sent 25% to a stable slot a hand had deleted, while it was restored. */
    @Test
    void aLowerWeightGoesBackOnlyToStablePodsThatAreReadyForIt() {
        FakeSwarm swarm = stableV1(List.of(CanaryStep.weight(100), CanaryStep.weight(75), CanaryStep.pause(null)));
        swarm.tick();
        swarm.slots.get("maker").put(Slot.a, SlotState.of(4, 0, swarm.status.stableRevision));
        swarm.tick();
        assertEquals(100, swarm.routes.get("maker").newWeight(), "the stable slot has no ready pod to take 25%");
        assertEquals(1, swarm.status.currentStep, "the step waits for them");
        assertTrue(swarm.status.message.contains("stable pods to be ready for 25%"), swarm.status.message);

        swarm.settle();
        assertEquals(75, swarm.routes.get("maker").newWeight(), "once restored, the step's weight");
        assertEquals(Phase.Paused, swarm.status.phase);
    }

    @Test
    void anAbortPutsEveryRequestBackOnTheFullStableSlotInOneDecision() {
        FakeSwarm swarm = stableV1(List.of(CanaryStep.headerRoute(DESK_A), CanaryStep.weight(50), CanaryStep.pause(null)));
        swarm.settle();
        assertEquals(new RouteIntent("maker", Slot.a, 50, List.of(DESK_A)), swarm.routes.get("maker"));

        swarm.action = new Action("abort", "abort@1");
        swarm.tick();
        assertEquals(Phase.RolledBack, swarm.status.phase, "the stable slot was full all along: nothing to wait for");
        assertEquals(new RouteIntent("maker", Slot.a, 0, List.of()), swarm.routes.get("maker"));
        assertEquals(new RouteIntent("arb", Slot.a, 0, List.of()), swarm.routes.get("arb"));
        assertStableFull(swarm);
        assertTrue(swarm.status.rollback.seconds >= 0);
    }

    @Test
    void aHeaderRouteSendsItsRequestsToOneNewPodBeforeAnyWeightAndEndsWithTheRun() {
        FakeSwarm swarm = stableV1(List.of(CanaryStep.headerRoute(DESK_A), CanaryStep.pause(null), CanaryStep.weight(25),
                CanaryStep.pause(null)));
        swarm.brokenRevisions.add(Revision.of(swarm.spec));
        swarm.tick();
        assertEquals(1, swarm.replicas("maker", Slot.b));
        assertEquals(List.of(), swarm.routes.get("maker").headerRoute(), "no header route to pods that are not ready");

        swarm.brokenRevisions.clear();
        swarm.settle();
        assertEquals(new RouteIntent("maker", Slot.a, 0, List.of(DESK_A)), swarm.routes.get("maker"));
        assertEquals(0, swarm.replicas("risk", Slot.b), "a bot without a Service needs no pod for a header route");

        swarm.action = new Action("promote", "promote@1");
        swarm.settle();
        assertEquals(new RouteIntent("maker", Slot.a, 25, List.of(DESK_A)), swarm.routes.get("maker"),
                "the header route stays beside the weight");

        swarm.action = new Action("promote", "promote@2");
        swarm.runUntil(Phase.Succeeded, 5);
        assertEquals(new RouteIntent("maker", Slot.b, 0, List.of()), swarm.routes.get("maker"));
    }

    @Test
    void theHeaderRouteStaysWhileALaterStepScalesTheNewSlot() {
        FakeSwarm swarm = stableV1(List.of(CanaryStep.headerRoute(DESK_A), CanaryStep.pause(null), CanaryStep.weight(50),
                CanaryStep.pause(null)));
        swarm.settle();
        assertEquals(new RouteIntent("maker", Slot.a, 0, List.of(DESK_A)), swarm.routes.get("maker"));

        // Scaled for 50%, the new slots count no ready pods until their controller has seen the new size.
        swarm.brokenRevisions.add(Revision.of(swarm.spec));
        swarm.action = new Action("promote", "promote@1");
        swarm.tick();
        swarm.tick();
        assertEquals(2, swarm.replicas("maker", Slot.b));
        assertEquals(0, swarm.slot("maker", Slot.b).readyReplicas());
        assertEquals(new RouteIntent("maker", Slot.a, 0, List.of(DESK_A)), swarm.routes.get("maker"),
                "the header rule stays; only the weight waits for the pods");

        swarm.brokenRevisions.clear();
        swarm.settle();
        assertEquals(new RouteIntent("maker", Slot.a, 50, List.of(DESK_A)), swarm.routes.get("maker"));
    }

    @Test
    void promoteDoesNotSkipAHeaderRouteStepWaitingForItsPods() {
        FakeSwarm swarm = stableV1(List.of(CanaryStep.headerRoute(DESK_A), CanaryStep.pause(null)));
        swarm.brokenRevisions.add(Revision.of(swarm.spec));
        swarm.tick();
        swarm.action = new Action("promote", "promote@1");
        swarm.tick();
        assertEquals("Ignored", swarm.status.lastAction.result);
        assertTrue(swarm.status.lastAction.message.contains("waiting for pods"), swarm.status.lastAction.message);
        assertEquals(0, swarm.status.currentStep);
        assertEquals(List.of(), swarm.routes.get("maker").headerRoute(), "no header route to pods that are not ready");
    }

    @Test
    void setCanaryScaleWarmsUpPodsBeforeTheirShareButNeverBeyondTheBot() {
        FakeSwarm swarm = stableV1(List.of(CanaryStep.canaryScale(3), CanaryStep.weight(10), CanaryStep.pause(null)));
        swarm.settle();
        assertEquals(3, swarm.replicas("maker", Slot.b));
        assertEquals(2, swarm.replicas("arb", Slot.b), "at most the bot's replicas");
        assertEquals(3, swarm.replicas("risk", Slot.b));
        assertEquals(10, swarm.routes.get("maker").newWeight());
        assertStableFull(swarm);
    }

    @Test
    void perSlotServicesSelectOneSlotEach() {
        FakeSwarm swarm = stableV1(List.of(CanaryStep.weight(50), CanaryStep.pause(null)));
        swarm.settle();
        List<ServiceIntent> slotServices = swarm.last.services().stream().filter(s -> s.kind() == ServiceIntent.Kind.SLOT)
                .toList();
        assertEquals(List.of("maker-a", "maker-b", "arb-a", "arb-b"), slotServices.stream().map(ServiceIntent::name).toList());
        slotServices.forEach(s -> assertEquals(s.name(), s.bot() + "-" + s.pinnedTo()));
    }

    @Test
    void promoteFullPastAHeaderStepNeverRoutesTheHeaderToPodsThatAreNotReady() {
        FakeSwarm swarm = stableV1(List.of(CanaryStep.headerRoute(DESK_A), CanaryStep.pause(null), CanaryStep.weight(50)));
        swarm.brokenRevisions.add(Revision.of(swarm.spec));
        swarm.tick();
        swarm.action = new Action("promote-full", "promote-full@1");
        swarm.tick();
        assertEquals(Phase.Promoting, swarm.status.phase);
        assertEquals(List.of(), swarm.routes.get("maker").headerRoute(), "the new pods are not ready");
        assertEquals(0, swarm.routes.get("maker").newWeight());

        swarm.brokenRevisions.clear();
        swarm.tick();
        assertTrue(swarm.status.headerRouted == null || swarm.routes.get("maker").headerRoute().equals(List.of(DESK_A)));
    }
}
