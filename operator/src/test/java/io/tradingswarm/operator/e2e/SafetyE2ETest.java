package io.tradingswarm.operator.e2e;

import static io.tradingswarm.operator.e2e.Releases.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.SwarmRelease;

/** The safety rules at the edges where they once broke, on the local cluster (docs/user-guide.md, "Safety rules"). */
class SafetyE2ETest extends E2EBase {
    static final String NAME = "safe";

    static SwarmRelease release(String version, List<CanaryStep> steps) {
        return Releases.twoBots(NAME, version, steps);
    }

    void givenStable(SwarmRelease v1) {
        apply(v1);
        awaitPhase(NAME, Phase.Succeeded);
    }

    @Test
    void aStableDeploymentDeletedByHandIsRestored() {
        givenStable(release("v1", steps(100)));
        client.apps().deployments().inNamespace(namespace).withName("maker-a").delete();
        await("maker-a recreated at full size and ready", () -> replicas("maker-a") == 4 && readyReplicas("maker-a") == 4);
        await("Ready again", () -> condition(NAME, "Ready").startsWith("True"));
        assertEquals("v1", status(NAME).stableVersion);
        assertEquals("a", service("maker").getSpec().getSelector().get("tradingswarm.io/slot"));
    }

    @Test
    void anInvalidEditShowsInvalidSpecFreezesEverythingAndAFixResumes() {
        givenStable(release("v1", steps(50, (String) null, 100)));
        SwarmRelease invalid = release("v2", new ArrayList<>(List.of(CanaryStep.analysis("1m", "missing"), CanaryStep.weight(100))));
        long generation = apply(invalid).getMetadata().getGeneration();
        await("InvalidSpec for generation " + generation, () -> status(NAME).phase == Phase.InvalidSpec
                && status(NAME).observedGeneration == generation);
        assertEquals("False/InvalidSpec", condition(NAME, "Ready"));
        assertTrue(status(NAME).message.contains("spec.strategy.canary.steps[0].analysis.probes[0]"), status(NAME).message);
        assertEquals(0, replicas("maker-b"), "nothing moved");
        // Events follow the status save of the same reconcile.
        await("an InvalidSpec event", () -> eventReasons(NAME).contains("InvalidSpec"));
        assertEquals(1, eventReasons(NAME).stream().filter("InvalidSpec"::equals).count());

        apply(release("v2", steps(100)));
        await("v2 stable after the fix", () -> "v2".equals(status(NAME).stableVersion) && status(NAME).phase == Phase.Succeeded);
    }

    @Test
    void aRemovedBotServesUntilTheRunWithoutItIsPromotedThenItIsGone() {
        List<CanaryStep> plan = steps(50, (String) null, 100);
        givenStable(release("v1", plan));
        SwarmRelease v2 = release("v2", plan);
        v2.getSpec().bots.removeIf(b -> b.name.equals("arb"));
        apply(v2);
        await("paused at 50%", () -> status(NAME).phase == Phase.Paused && status(NAME).weight == 50);
        assertEquals(2, readyReplicas("arb-a"), "the removed bot keeps serving during the run");
        assertTrue(service("arb") != null);

        annotate(NAME, "promote");
        awaitPhase(NAME, Phase.Succeeded);
        await("arb's slots and Service deleted", () -> deployment("arb-a") == null && deployment("arb-b") == null
                && service("arb") == null);
        assertEquals(4, readyReplicas("maker-b"));
    }

    @Test
    void twoReleasesWithABotOfTheSameNameDoNotClash() {
        Map<String, Integer> maker = new LinkedHashMap<>(Map.of("maker", 2));
        apply(Releases.canary("first", "v1", steps(100), maker));
        awaitPhase("first", Phase.Succeeded);
        apply(Releases.canary("second", "v1", steps(100), maker));
        await("the second release is InvalidSpec", () -> status("second").phase == Phase.InvalidSpec);
        assertTrue(status("second").message.contains("spec.bots[0].name: Deployment maker-a, Service maker already belong to SwarmRelease first"),
                status("second").message);
        assertEquals("first", deployment("maker-a").getMetadata().getOwnerReferences().get(0).getName());
        assertEquals(Phase.Succeeded, status("first").phase);
    }

    @Test
    void aBackgroundProbeAgainstARefusingBackendHoldsTheRun() throws IOException {
        String refusing = "http://127.0.0.1:" + closedPort() + "/health";
        ProbeSpec health = Releases.httpProbe("health", refusing);
        health.consecutiveErrorLimit = 1000;
        List<CanaryStep> plan = steps(50, "1s", 100);
        SwarmRelease v1 = release("v1", plan);
        v1.getSpec().probes = List.of(health);
        v1.getSpec().backgroundProbes = List.of("health");
        givenStable(v1);
        SwarmRelease v2 = release("v2", plan);
        v2.getSpec().probes = List.of(health);
        v2.getSpec().backgroundProbes = List.of("health");
        apply(v2);
        holdsWhile("v1 stays stable while the probe only errors", () -> "v1".equals(status(NAME).stableVersion),
                () -> status(NAME).probes.stream().anyMatch(p -> p.errors >= 5));
        assertNotEquals(Phase.Succeeded, status(NAME).phase);
        assertTrue(status(NAME).message.contains("probe health"), status(NAME).message);
    }

    @Test
    void undoGoesBackToThePreviousRevision() {
        givenStable(release("v1", steps(100)));
        apply(release("v2", steps(100)));
        await("v2 stable", () -> "v2".equals(status(NAME).stableVersion) && status(NAME).phase == Phase.Succeeded);

        annotate(NAME, "undo");
        await("v1 stable again", () -> "v1".equals(status(NAME).stableVersion) && status(NAME).phase == Phase.Succeeded);
        assertEquals("v1", release(NAME).getSpec().version, "undo rewrote the spec");
        assertEquals("trading/maker:v1", release(NAME).getSpec().bots.get(0).template.getSpec().getContainers().get(0).getImage());
        assertEquals("Applied", status(NAME).lastAction.result);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
