package io.tradingswarm.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.tradingswarm.cli.view.ReleaseView.Role;
import io.tradingswarm.cli.view.ReleaseView.StepState;
import io.tradingswarm.operator.api.BlueGreenStrategy;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.BotStatus;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.HeaderMatch;
import io.tradingswarm.operator.api.HistoryEntry;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ProbeStatus;
import io.tradingswarm.operator.api.RollbackStatus;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

@Tag("unit")
class ReleaseViewTest {

    static SwarmRelease canary(Phase phase, Integer currentStep) {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withName("trading-swarm").withNamespace("desk")
                .withCreationTimestamp("2025-01-01T10:00:00Z").build());
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = "v2";
        spec.bots = List.of(bot("quoter", 4), bot("hedger", 2));
        spec.strategy = new Strategy();
        spec.strategy.canary = new CanaryStrategy();
        spec.strategy.canary.steps = List.of(CanaryStep.weight(25), CanaryStep.pause(null),
                CanaryStep.analysis("5m", "error-rate", "latency"), CanaryStep.pause("10m"),
                CanaryStep.headerRoute(HeaderMatch.of("x-desk", "fx")), CanaryStep.canaryScale(2));
        r.setSpec(spec);
        SwarmReleaseStatus s = new SwarmReleaseStatus();
        s.phase = phase;
        s.strategy = "canary";
        s.version = "v2";
        s.stableVersion = "v1";
        s.stableSlot = "a";
        s.stableRevision = "rev1";
        s.currentStep = currentStep;
        s.totalSteps = 6;
        s.step = currentStep == null ? "-" : (currentStep + 1) + "/6";
        s.weight = 25;
        s.message = "waiting for promote";
        s.bots = new ArrayList<>(List.of(new BotStatus("quoter", 3, 1, 1, 3)));
        r.setStatus(s);
        return r;
    }

    static Bot bot(String name, int replicas) {
        Bot b = new Bot();
        b.name = name;
        b.replicas = replicas;
        return b;
    }

    static Deployment slot(String release, String bot, String slot, String version, int desired, Integer ready) {
        return new DeploymentBuilder().withNewMetadata().withName(bot + "-" + slot).withNamespace("desk")
                .withLabels(Map.of(ReleaseView.RELEASE_LABEL, release, ReleaseView.BOT_LABEL, bot,
                        ReleaseView.SLOT_LABEL, slot, ReleaseView.VERSION_LABEL, version))
                .endMetadata().withNewSpec().withReplicas(desired).endSpec()
                .withNewStatus().withReadyReplicas(ready).endStatus().build();
    }

    @Test
    void summaryFieldsComeFromSpecAndStatus() {
        ReleaseView v = ReleaseView.of(canary(Phase.Paused, 1), List.of());
        assertEquals("trading-swarm", v.name());
        assertEquals("desk", v.namespace());
        assertEquals("Paused", v.phase());
        assertEquals("v2", v.version());
        assertEquals("v1", v.stableVersion());
        assertEquals("canary", v.strategy());
        assertEquals("2/6", v.step());
        assertEquals(25, v.weight());
        assertEquals("waiting for promote", v.message());
        assertFalse(v.paused());
        assertTrue(v.inFlight());
        assertEquals("3m12s", v.age(Instant.parse("2025-01-01T10:03:12Z")));
    }

    @Test
    void botsListTheirSlotsWithVersionReadinessAndRole() {
        List<Deployment> ds = List.of(
                slot("trading-swarm", "quoter", "b", "v2", 1, 1),
                slot("trading-swarm", "quoter", "a", "v1", 3, 2),
                slot("trading-swarm", "hedger", "a", "v1", 2, null),
                slot("other-release", "quoter", "a", "v0", 9, 9),
                slot("trading-swarm", "retired", "a", "v1", 1, 1));
        ReleaseView v = ReleaseView.of(canary(Phase.Progressing, 0), ds);
        assertEquals(List.of("quoter", "hedger", "retired"), v.bots().stream().map(ReleaseView.BotView::name).toList());
        var quoter = v.bots().get(0);
        assertEquals(4, quoter.replicas());
        assertEquals(List.of("a", "b"), quoter.slots().stream().map(ReleaseView.SlotView::slot).toList());
        var a = quoter.slots().get(0);
        assertEquals("quoter-a", a.deployment());
        assertEquals("v1", a.version());
        assertEquals(2, a.ready());
        assertEquals(3, a.desired());
        assertEquals(Role.STABLE, a.role());
        assertNull(a.tradingState());
        assertEquals(Role.NEW, quoter.slots().get(1).role());
        assertEquals(1, quoter.newReplicas());
        assertEquals(3, quoter.stableReady());
        var hedger = v.bots().get(1);
        assertEquals(0, hedger.slots().get(0).ready());
        assertNull(hedger.newReplicas());
        assertNull(v.bots().get(2).replicas(), "a bot no longer in the spec still shows its slots");
    }

    @Test
    void beforeAnythingIsStableEverySlotIsNew() {
        SwarmRelease r = canary(Phase.Progressing, 0);
        r.getStatus().stableVersion = null;
        r.getStatus().stableRevision = null;
        ReleaseView v = ReleaseView.of(r, List.of(slot("trading-swarm", "quoter", "a", "v2", 4, 4)));
        assertEquals(Role.NEW, v.bots().get(0).slots().get(0).role());
    }

    @Test
    void afterARunTheSlotLeftOnTheOldVersionIsPreviousNotNew() {
        SwarmRelease r = canary(Phase.Succeeded, 5);
        r.getStatus().stableVersion = "v2";
        r.getStatus().stableSlot = "b";
        ReleaseView v = ReleaseView.of(r, List.of(slot("trading-swarm", "quoter", "a", "v1", 0, 0),
                slot("trading-swarm", "quoter", "b", "v2", 4, 4)));
        assertEquals(List.of(Role.PREVIOUS, Role.STABLE),
                v.bots().get(0).slots().stream().map(ReleaseView.SlotView::role).toList());
        assertEquals("previous", Role.PREVIOUS.label());
    }

    @Test
    void canaryStepsAreWrittenOutAndMarkedAgainstTheCurrentStep() {
        ReleaseView v = ReleaseView.of(canary(Phase.Paused, 1), List.of());
        assertEquals(List.of("setWeight 25", "pause until promote", "analysis 5m: error-rate, latency", "pause 10m",
                "setHeaderRoute x-desk=fx", "setCanaryScale 2"), v.steps().stream().map(ReleaseView.StepView::text).toList());
        assertEquals(List.of(StepState.DONE, StepState.CURRENT, StepState.PENDING, StepState.PENDING, StepState.PENDING,
                StepState.PENDING), v.steps().stream().map(ReleaseView.StepView::state).toList());
        assertEquals(2, v.currentStep().number());
    }

    @Test
    void aSucceededRunHasEveryStepDoneAndNoCurrentStep() {
        ReleaseView v = ReleaseView.of(canary(Phase.Succeeded, 6), List.of());
        assertTrue(v.steps().stream().allMatch(s -> s.state() == StepState.DONE));
        assertNull(v.currentStep());
        assertFalse(v.inFlight());
    }

    @Test
    void withNoRunYetEveryStepIsPending() {
        SwarmRelease r = canary(Phase.Pending, null);
        ReleaseView v = ReleaseView.of(r, List.of());
        assertTrue(v.steps().stream().allMatch(s -> s.state() == StepState.PENDING));
    }

    @Test
    void aReleaseWithoutStatusStillRenders() {
        SwarmRelease r = canary(Phase.Pending, null);
        r.setStatus(null);
        ReleaseView v = ReleaseView.of(r, List.of());
        assertNull(v.phase());
        assertEquals("canary", v.strategy(), "the strategy is read from the spec until the operator writes status");
        assertTrue(v.probes().isEmpty());
        assertTrue(v.history().isEmpty());
        assertNull(v.lastRollback());
        assertEquals(2, v.bots().size());
        assertTrue(v.bots().get(0).slots().isEmpty());
    }

    @Test
    void blueGreenShowsTheOperatorsStages() {
        SwarmRelease r = canary(Phase.Paused, 2);
        r.getSpec().strategy.canary = null;
        r.getSpec().strategy.blueGreen = new BlueGreenStrategy();
        r.getSpec().strategy.blueGreen.autoPromote = false;
        r.getSpec().strategy.blueGreen.prePromotionAnalysis = new io.tradingswarm.operator.api.AnalysisStep();
        r.getSpec().strategy.blueGreen.prePromotionAnalysis.duration = "2m";
        r.getSpec().strategy.blueGreen.prePromotionAnalysis.probes = List.of("smoke");
        r.getStatus().strategy = "blueGreen";
        r.getStatus().step = "gate";
        ReleaseView v = ReleaseView.of(r, List.of());
        assertEquals("blueGreen", v.strategy());
        assertEquals(5, v.steps().size());
        assertEquals("analysis 2m: smoke", v.steps().get(1).text());
        assertEquals("gate: wait for promote", v.currentStep().text());
        assertEquals("switched (old slots kept 10m)", v.steps().get(4).text());
    }

    @Test
    void probesRollbackAndHistoryAreCopied() {
        SwarmRelease r = canary(Phase.RolledBack, 2);
        ProbeStatus p = new ProbeStatus();
        p.name = "error-rate";
        p.phase = "Failed";
        p.lastVerdict = "Fail";
        p.lastValue = 0.07;
        p.successes = 3;
        p.failures = 1;
        p.errors = 2;
        p.message = "0.07 > 0.05";
        r.getStatus().probes = List.of(p);
        RollbackStatus rb = new RollbackStatus();
        rb.reason = "ProbeFailed";
        rb.seconds = 4.25;
        rb.message = "error-rate failed";
        rb.probe = "error-rate";
        r.getStatus().rollback = rb;
        HistoryEntry h = new HistoryEntry();
        h.version = "v2";
        h.result = "RolledBack";
        h.startedAt = "2025-01-01T10:00:00Z";
        h.finishedAt = "2025-01-01T10:04:30Z";
        h.reason = "ProbeFailed: error-rate";
        HistoryEntry open = new HistoryEntry();
        open.version = "v1";
        open.result = "Succeeded";
        r.getStatus().history = List.of(h, open);
        ReleaseView v = ReleaseView.of(r, List.of());

        var probe = v.probes().get(0);
        assertEquals("error-rate", probe.name());
        assertEquals("Fail", probe.lastVerdict());
        assertEquals(0.07, probe.lastValue());
        assertEquals(3, probe.successes());
        assertEquals(1, probe.failures());
        assertEquals(2, probe.errors());
        assertEquals("0.07 > 0.05", probe.message());
        assertFalse(probe.dryRun());
        assertEquals("ProbeFailed", v.lastRollback().reason());
        assertEquals(4.25, v.lastRollback().seconds());
        assertEquals("error-rate failed", v.lastRollback().message());
        assertEquals(Duration.ofSeconds(270), v.history().get(0).duration());
        assertEquals("ProbeFailed: error-rate", v.history().get(0).reason());
        assertNull(v.history().get(1).duration());
        assertEquals("3/6", v.step());
        assertEquals(StepState.CURRENT, v.steps().get(2).state(), "a rolled-back run keeps its marker where it stopped");
    }

    @Test
    void theViewIsImmutable() {
        ReleaseView v = ReleaseView.of(canary(Phase.Paused, 1), List.of(slot("trading-swarm", "quoter", "a", "v1", 3, 3)));
        assertThrows(UnsupportedOperationException.class, () -> v.bots().clear());
        assertThrows(UnsupportedOperationException.class, () -> v.bots().get(0).slots().clear());
        assertThrows(UnsupportedOperationException.class, () -> v.steps().clear());
        assertThrows(UnsupportedOperationException.class, () -> v.history().clear());
    }

    @Test
    void agesReadLikeKubectls() {
        assertEquals("0s", Ages.human(Duration.ofMillis(-500)));
        assertEquals("119s", Ages.human(Duration.ofSeconds(119)));
        assertEquals("2m", Ages.human(Duration.ofSeconds(120)));
        assertEquals("9m59s", Ages.human(Duration.ofSeconds(599)));
        assertEquals("10m", Ages.human(Duration.ofSeconds(600)));
        assertEquals("179m", Ages.human(Duration.ofMinutes(179)));
        assertEquals("3h", Ages.human(Duration.ofHours(3)));
        assertEquals("7h59m", Ages.human(Duration.ofMinutes(479)));
        assertEquals("47h", Ages.human(Duration.ofHours(47)));
        assertEquals("2d", Ages.human(Duration.ofHours(48)));
        assertEquals("7d23h", Ages.human(Duration.ofHours(191)));
        assertEquals("8d", Ages.human(Duration.ofDays(8)));
        assertEquals("2y", Ages.human(Duration.ofDays(730)));
        assertEquals("2y1d", Ages.human(Duration.ofDays(731)));
        assertEquals("8y", Ages.human(Duration.ofDays(365 * 8)));
        assertEquals("4.2s", Ages.run(Duration.ofMillis(4200)));
        assertEquals("4m30s", Ages.run(Duration.ofSeconds(270)));
        assertEquals("42m0s", Ages.run(Duration.ofMinutes(42)));
        assertEquals("1h2m10s", Ages.run(Duration.ofSeconds(3730)));
        assertEquals("-", Ages.seconds(null));
        assertEquals("4.3s", Ages.seconds(4.25));
    }
}
