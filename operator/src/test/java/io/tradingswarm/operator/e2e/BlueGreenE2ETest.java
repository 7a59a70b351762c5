package io.tradingswarm.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/** Scenario 7 of shared/design/scenarios.md with two bots: preview, gate, switch, monitor, switch back. */
class BlueGreenE2ETest extends E2EBase {
    static final String NAME = "bg";
    ProbeServer health;

    @BeforeEach
    void startHealthEndpoint() throws Exception {
        health = new ProbeServer();
    }

    @AfterEach
    void stopHealthEndpoint() {
        health.close();
    }

    SwarmRelease release(String version, boolean autoPromote, String postWindow) {
        return Releases.blueGreen(NAME, version, autoPromote, postWindow, health.url());
    }

    String active(String bot) {
        return service(bot).getSpec().getSelector().get("tradingswarm.io/slot");
    }

    void givenStable() {
        apply(release("v1", true, "1s"));
        awaitPhase(NAME, Phase.Succeeded);
        awaitServiceOn("maker", "a");
        awaitServiceOn("arb", "a");
    }

    @Test
    void previewGateSwitchAndASwitchBackToAnOldSlotThatStillHasItsPods() {
        givenStable();
        apply(release("v2", false, "1h"));
        await("waiting at the gate", () -> "gate".equals(status(NAME).step) && status(NAME).phase == Phase.Paused);
        assertEquals("a", active("maker"), "the active Services are untouched during the preview");
        assertEquals("a", active("arb"));
        assertEquals("b", service("maker-preview").getSpec().getSelector().get("tradingswarm.io/slot"));
        assertEquals("b", service("arb-preview").getSpec().getSelector().get("tradingswarm.io/slot"));
        assertEquals(4, readyReplicas("maker-b"));
        assertEquals(4, readyReplicas("maker-a"));

        LocalCluster.kubectl("-n", namespace, "annotate", "srel", NAME, "tradingswarm.io/action=promote", "--overwrite");
        await("switched and monitoring", () -> "monitoring".equals(status(NAME).step) && "b".equals(active("maker")));
        assertEquals("b", active("arb"), "every bot switches together");
        await("a first good measurement in the monitor window",
                () -> status(NAME).probes.stream().anyMatch(p -> p.successes >= 1));

        health.status.set(500);
        SwarmReleaseStatus s = awaitPhase(NAME, Phase.RolledBack);
        awaitServiceOn("maker", "a");
        awaitServiceOn("arb", "a");
        assertEquals(4, readyReplicas("maker-a"), "the old slot still has ready pods right after the switch-back");
        assertEquals(2, readyReplicas("arb-a"));
        assertEquals("switched back", s.step);
        assertEquals("health", s.rollback.probe);
        assertEquals("blueGreen", s.strategy);
    }

    @Test
    void aFailingPrePromotionCheckBlocksTheSwitch() {
        givenStable();
        health.status.set(503);
        apply(release("v2", true, "1s"));
        holdsWhile("the active Services never leave the stable slot", () -> "a".equals(active("maker"))
                && "a".equals(active("arb")), () -> status(NAME).phase == Phase.RolledBack);
        assertEquals("ProbeFailed", status(NAME).rollback.reason);
        await("the preview is scaled down", () -> replicas("maker-b") == 0 && replicas("arb-b") == 0);
    }

    @Test
    void aPassingMonitorWindowMakesTheNewSlotStableAndRetiresTheOldOneLater() {
        givenStable();
        apply(release("v2", true, "2s"));
        await("v2 stable", () -> "v2".equals(status(NAME).stableVersion));
        assertEquals("b", active("maker"));
        assertEquals("switched", status(NAME).step);
        await("the old slot is scaled to 0 after blueGreen.scaleDownDelay",
                () -> replicas("maker-a") == 0 && replicas("arb-a") == 0);
    }
}
