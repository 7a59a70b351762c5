package io.tradingswarm.operator.e2e;

import static io.tradingswarm.operator.e2e.Releases.at;
import static io.tradingswarm.operator.e2e.Releases.broken;
import static io.tradingswarm.operator.e2e.Releases.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/** Canary scenarios 1, 2, 8, 9 (operator part), 10, 11 and 12 (readiness) of shared/design/scenarios.md. */
class CanaryE2ETest extends E2EBase {
    static final String NAME = "swarm";

    static SwarmRelease swarm(String version, List<CanaryStep> steps) {
        return Releases.twoBots(NAME, version, steps);
    }

    /** Given version v1 released and stable on slot a. */
    void givenStable(List<CanaryStep> steps) {
        apply(swarm("v1", steps));
        awaitPhase(NAME, Phase.Succeeded);
        assertEquals("a", status(NAME).stableSlot);
    }

    @Test
    void happyCanaryWalksItsStepsAndMakesTheNewSlotStable() {
        List<CanaryStep> plan = steps(10, "2s", 50, "2s", 100);
        givenStable(plan);
        assertEquals("True/Succeeded", condition(NAME, "Ready"));

        apply(swarm("v2", plan));
        List<Integer> weights = new ArrayList<>();
        await("v2 is stable", () -> {
            SwarmReleaseStatus s = status(NAME);
            if ("v2".equals(s.version) && s.phase != Phase.Succeeded && s.weight != null && !weights.contains(s.weight)) {
                weights.add(s.weight);
            }
            return s.phase == Phase.Succeeded && "v2".equals(s.stableVersion);
        });

        List<Integer> shifted = weights.stream().filter(w -> w > 0).toList();
        assertEquals(shifted.stream().sorted().distinct().toList(), shifted, "traffic only ever moves forward: " + weights);
        assertTrue(List.of(10, 50, 100).containsAll(shifted) && shifted.contains(10) && shifted.contains(50), weights.toString());
        await("every step's completion is recorded", () -> events(NAME).stream()
                .filter(e -> "StepCompleted".equals(e.getReason())).count() == 5);
        assertEquals(List.of("step 1/5 completed: setWeight 10%", "step 2/5 completed: pause 2s",
                "step 3/5 completed: setWeight 50%", "step 4/5 completed: pause 2s", "step 5/5 completed: setWeight 100%"),
                events(NAME).stream().filter(e -> "StepCompleted".equals(e.getReason())).map(Event::getMessage).toList());
        SwarmReleaseStatus s = status(NAME);
        assertEquals("b", s.stableSlot);
        assertEquals("5/5", s.step);
        await("the old slots are scaled to 0", () -> replicas("maker-a") == 0 && replicas("arb-a") == 0);
        await("the new slots are full and ready", () -> readyReplicas("maker-b") == 4 && readyReplicas("arb-b") == 2);
        assertEquals("b", service("maker").getSpec().getSelector().get("tradingswarm.io/slot"), "Service reaches only new pods");
        assertEquals("b", service("arb").getSpec().getSelector().get("tradingswarm.io/slot"));
        assertEquals("v2", s.history.get(0).version);
        assertEquals("Succeeded", s.history.get(0).result);
        assertEquals("True/Succeeded", condition(NAME, "Ready"));
        assertTrue(eventReasons(NAME).containsAll(List.of("Started", "StepCompleted", "Paused", "Promoted", "Succeeded")),
                eventReasons(NAME).toString());
        System.out.println(LocalCluster.kubectl("-n", namespace, "get", "srel"));
    }

    @Test
    void podsThatNeverBecomeReadyRollBackAtTheDeadlineWhileStableKeepsFullSize() {
        List<CanaryStep> plan = steps(50, 100);
        givenStable(plan);
        SwarmRelease v2 = broken(swarm("v2", plan), "maker");
        v2.getSpec().progressDeadline = "15s";
        apply(v2);

        holdsWhile("the broken bot's stable slot never drops below full size",
                () -> replicas("maker-a") == 4, () -> status(NAME).phase == Phase.RolledBack);
        SwarmReleaseStatus s = status(NAME);
        assertEquals("ProgressDeadlineExceeded", s.rollback.reason);
        assertNotNull(s.rollback.seconds);
        assertEquals(0, s.weight);
        assertEquals("True/ProgressDeadlineExceeded", condition(NAME, "Stalled"));
        assertEquals("RolledBack", s.history.get(0).result);
        assertEquals("v1", s.stableVersion);
        awaitServiceOn("maker", "a");
        awaitServiceOn("arb", "a"); // the healthy bot is rolled back with the broken one (lockstep)
        await("every new slot is scaled to 0 after scaleDownDelay", () -> replicas("maker-b") == 0 && replicas("arb-b") == 0);
        assertEquals(2, readyReplicas("arb-a"), "the healthy bot's stable slot is back at full size");
        assertTrue(eventReasons(NAME).containsAll(List.of("RollingBack", "RolledBack")), eventReasons(NAME).toString());
    }

    @Test
    void revertingToTheStableVersionMidRunCancelsTheRun() {
        List<CanaryStep> plan = steps(25, "1h", 100);
        givenStable(plan);
        apply(swarm("v2", plan));
        await("v2 paused at 25%", () -> status(NAME).phase == Phase.Paused && "v2".equals(status(NAME).version));
        assertEquals(1, readyReplicas("maker-b"));

        apply(swarm("v1", plan));
        await("back on v1", () -> status(NAME).phase == Phase.Succeeded && "v1".equals(status(NAME).version));
        SwarmReleaseStatus s = status(NAME);
        assertEquals("Cancelled", s.history.get(0).result);
        assertEquals("a", s.stableSlot);
        await("the cancelled slot is scaled to 0", () -> replicas("maker-b") == 0 && replicas("arb-b") == 0);
        long started = eventReasons(NAME).stream().filter("Started"::equals).count();
        assertEquals(2, started, "v1 and v2 started; the revert started no run: " + eventReasons(NAME));
    }

    @Test
    void aNewerVersionMidRunReplacesTheRunInFlight() {
        List<CanaryStep> waitForever = steps(25, (String) null);
        givenStable(waitForever);
        apply(swarm("v2", waitForever));
        await("v2 paused at 25%", () -> status(NAME).phase == Phase.Paused && "v2".equals(status(NAME).version));

        apply(swarm("v3", steps(50, "1s", 100)));
        awaitPhase(NAME, Phase.Succeeded);
        await("v3 stable", () -> "v3".equals(status(NAME).stableVersion));
        SwarmReleaseStatus s = status(NAME);
        assertEquals(List.of("Succeeded", "Superseded", "Succeeded"), s.history.stream().map(h -> h.result).toList());
        assertEquals("v2", s.history.get(1).version);
        assertEquals("trading/maker:v3", deployment("maker-b").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Test
    void aRestartedOperatorResumesAtTheSameStepAndCreatesNothingTwice() {
        List<CanaryStep> plan = steps(10, "4s", 50, "4s", 100);
        givenStable(plan);
        String makerA = deployment("maker-a").getMetadata().getUid();
        apply(swarm("v2", plan));
        awaitPausedWithEventsRecorded(1);
        operator.stop();
        String makerB = deployment("maker-b").getMetadata().getUid();
        int stepAtStop = status(NAME).currentStep;

        operator.start();
        awaitPausedWithEventsRecorded(3);
        operator.stop();
        operator.start();
        await("v2 stable after two restarts", () -> "v2".equals(status(NAME).stableVersion));
        await("the Succeeded event is recorded", () -> eventReasons(NAME).stream().filter("Succeeded"::equals).count() == 2);

        List<String> completed = events(NAME).stream().filter(e -> "StepCompleted".equals(e.getReason()))
                .map(Event::getMessage).toList();
        assertEquals(5, completed.size(), "each step completed once: " + completed);
        assertEquals(5, completed.stream().distinct().count(), completed.toString());
        assertTrue(stepAtStop >= 1, "stopped during a pause");
        assertEquals(makerA, deployment("maker-a").getMetadata().getUid(), "slot a never recreated");
        assertEquals(makerB, deployment("maker-b").getMetadata().getUid(), "slot b never recreated");
        assertEquals(1, status(NAME).history.stream().filter(h -> "v2".equals(h.version)).count());
    }

    /** Events follow the status save and may be lost if the process dies in between; stop only after them. */
    void awaitPausedWithEventsRecorded(int step) {
        await("v2 paused at step " + (step + 1) + " with its events recorded",
                () -> status(NAME).phase == Phase.Paused && status(NAME).currentStep == step
                        && eventReasons(NAME).stream().filter("StepCompleted"::equals).count() == step);
    }

    @Test
    void deletingTheReleaseRemovesEverythingItCreated() {
        givenStable(steps(100));
        assertNotNull(deployment("maker-a"));
        assertNotNull(service("maker"));
        client.resources(SwarmRelease.class).inNamespace(namespace).withName(NAME).delete();
        await("owned Deployments and Services are garbage-collected",
                () -> client.apps().deployments().inNamespace(namespace).list().getItems().isEmpty()
                        && client.services().inNamespace(namespace).list().getItems().isEmpty());
    }

    @Test
    void aTemplateTheApiServerWouldRejectIsInvalidSpecAndCreatesNothing() {
        SwarmRelease bad = swarm("v1", steps(100));
        bad.getSpec().bots.get(1).template.getSpec().getContainers().get(0).setName("Not_A_DNS_Label");
        apply(bad);
        SwarmReleaseStatus s = awaitPhase(NAME, Phase.InvalidSpec);
        assertTrue(s.message.startsWith("spec.bots[1].template"), s.message);
        assertTrue(s.message.contains("containers[0].name"), s.message);
        assertEquals("True/InvalidSpec", condition(NAME, "Stalled"));
        assertTrue(client.apps().deployments().inNamespace(namespace).list().getItems().isEmpty());
        assertNull(service("maker"));
        // Events follow the status save of the same reconcile.
        await("an InvalidSpec event", () -> eventReasons(NAME).contains("InvalidSpec"));
        assertFalse(eventReasons(NAME).contains("Started"));

        apply(swarm("v1", steps(100)));
        awaitPhase(NAME, Phase.Succeeded);
    }
}
