package io.tradingswarm.operator.e2e;

import static io.tradingswarm.operator.e2e.Releases.hook;
import static io.tradingswarm.operator.e2e.Releases.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.micrometer.core.instrument.Meter;
import io.tradingswarm.operator.api.AllowedPeriod;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.DeniedPeriod;
import io.tradingswarm.operator.api.Hooks;
import io.tradingswarm.operator.api.LocalDateTimes;
import io.tradingswarm.operator.api.Notification;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ReleaseWindow;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.testing.LogCapture;

/** Runbook operations on the local cluster: scenarios 5, 6, 13 and 14, hooks, notifications, secrets. */
class OperationsE2ETest extends E2EBase {
    static final String NAME = "ops";

    static SwarmRelease release(String version, List<CanaryStep> steps) {
        return Releases.twoBots(NAME, version, steps);
    }

    void annotate(String action) {
        annotate(NAME, action);
    }

    void awaitHandled(String action, String result) {
        await(action + " handled (" + result + ") and the annotation removed", () -> {
            SwarmRelease r = release(NAME);
            return r.getStatus().lastAction != null && action.equals(r.getStatus().lastAction.action)
                    && result.equals(r.getStatus().lastAction.result)
                    && (r.getMetadata().getAnnotations() == null
                            || !r.getMetadata().getAnnotations().containsKey("tradingswarm.io/action"));
        });
    }

    void givenStable(SwarmRelease v1) {
        apply(v1);
        awaitPhase(NAME, Phase.Succeeded);
    }

    @Test
    void anIndefinitePauseWaitsForPromoteAndPromoteFullGoesStraightToOneHundred() {
        List<CanaryStep> plan = steps(25, (String) null, 50, (String) null, 75, 100);
        givenStable(release("v1", plan));
        apply(release("v2", plan));
        await("paused at 25%", () -> status(NAME).phase == Phase.Paused && status(NAME).weight == 25);
        assertTrue(status(NAME).message.contains("promote"), status(NAME).message);

        annotate("promote");
        awaitHandled("promote", "Applied");
        await("paused again at 50%", () -> status(NAME).phase == Phase.Paused && status(NAME).weight == 50);

        annotate("promote-full");
        awaitHandled("promote-full", "Applied");
        await("v2 stable", () -> "v2".equals(status(NAME).stableVersion));
        assertTrue(eventReasons(NAME).contains("ActionApplied"));
    }

    @Test
    void abortDuringAPauseRollsBackAndRetryStartsTheSameRevisionFromStepZero() {
        List<CanaryStep> plan = steps(25, (String) null, 100);
        givenStable(release("v1", plan));
        apply(release("v2", plan));
        await("paused at 25%", () -> status(NAME).phase == Phase.Paused);
        String revision = status(NAME).revision;

        annotate("abort");
        SwarmReleaseStatus s = awaitPhase(NAME, Phase.RolledBack);
        assertEquals("Aborted", s.rollback.reason);
        awaitServiceOn("maker", "a");
        awaitHandled("abort", "Applied");

        annotate("retry");
        awaitHandled("retry", "Applied");
        await("the same revision runs again and pauses at 25%",
                () -> status(NAME).phase == Phase.Paused && revision.equals(status(NAME).revision));
        assertEquals(2, eventReasons(NAME).stream().filter("Started"::equals).count() - 1, "v2 started twice");

        annotate("retry");
        awaitHandled("retry", "Ignored");
        assertTrue(status(NAME).lastAction.message.contains("retry applies after a rollback"));
    }

    @Test
    void aFailingPreRolloutHookStopsTheRunBeforeAnyTrafficMoves() {
        List<CanaryStep> plan = steps(25, 100);
        givenStable(release("v1", plan));
        SwarmRelease v2 = release("v2", plan);
        v2.getSpec().hooks = new Hooks();
        v2.getSpec().hooks.preRollout = List.of(hook("backup", false), hook("migrate", true));
        apply(v2);
        holdsWhile("no new pod before the hooks pass", () -> replicas("maker-b") == 0 && replicas("arb-b") == 0,
                () -> status(NAME).phase == Phase.RolledBack);
        SwarmReleaseStatus s = status(NAME);
        assertEquals("PreRolloutHookFailed", s.rollback.reason);
        assertTrue(s.rollback.message.contains("preRollout hook migrate failed"), s.rollback.message);
        assertEquals("True/PreRolloutHookFailed", condition(NAME, "Stalled"));
        assertEquals(List.of("Succeeded", "Failed"), s.hooks.stream().map(h -> h.phase).toList());
    }

    @Test
    void aPostRolloutSmokeJobRunsAfterThePromotion() {
        List<CanaryStep> plan = steps(50, 100);
        givenStable(release("v1", plan));
        SwarmRelease v2 = release("v2", plan);
        v2.getSpec().hooks = new Hooks();
        v2.getSpec().hooks.postRollout = List.of(hook("smoke", false));
        apply(v2);
        await("the post-rollout hook succeeded", () -> status(NAME).hooks.stream()
                .anyMatch(h -> "smoke".equals(h.name) && "Succeeded".equals(h.phase)));
        assertEquals("v2", status(NAME).stableVersion);
        assertEquals(NAME, client.batch().v1().jobs().inNamespace(namespace).withName(status(NAME).hooks.get(0).job).get()
                .getMetadata().getOwnerReferences().get(0).getName());
    }

    @Test
    void outsideTheReleaseWindowARunWaitsAndSaysWhyButAnAbortStillRollsBack() {
        List<CanaryStep> plan = steps(25, 100);
        givenStable(release("v1", plan));
        SwarmRelease v2 = release("v2", plan);
        v2.getSpec().window = closedNow();
        apply(v2);
        await("waiting for the window", () -> status(NAME).phase == Phase.Paused
                && status(NAME).message.contains("outside the release window"));
        assertTrue(status(NAME).message.contains("next window opens at"), status(NAME).message);
        assertEquals(0, replicas("maker-b"), "no forward progress outside the window");

        annotate("abort");
        awaitPhase(NAME, Phase.RolledBack);
    }

    /** A window that opens in about an hour and lasts a minute, every day: closed now. */
    static ReleaseWindow closedNow() {
        ReleaseWindow w = new ReleaseWindow();
        w.timeZone = "UTC";
        AllowedPeriod p = new AllowedPeriod();
        p.days = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
        LocalTime start = LocalTime.now(ZoneOffset.UTC).plusHours(1).withSecond(0).withNano(0);
        p.start = start.toString();
        p.end = start.plusMinutes(1).toString();
        w.allow = List.of(p);
        return w;
    }

    @Test
    void insideAFreezeARunHoldsAtPausedNamingItButAnAbortStillRollsBack() {
        List<CanaryStep> plan = steps(25, 100);
        givenStable(release("v1", plan));
        SwarmRelease v2 = release("v2", plan);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        v2.getSpec().window = frozenNow(now);
        apply(v2);
        String lift = now.plusHours(2).toInstant(ZoneOffset.UTC) + " (UTC " + LocalDateTimes.format(now.plusHours(2)) + ")";
        await("held by the freeze", () -> status(NAME).phase == Phase.Paused && status(NAME).message.startsWith("frozen until"));
        assertEquals("frozen until " + lift + ": e2e freeze: exchange closed", status(NAME).message);
        assertEquals(0, replicas("maker-b"), "no forward progress inside the freeze");
        await("a Paused event that names the freeze", () -> events(NAME).stream()
                .anyMatch(e -> "Paused".equals(e.getReason()) && e.getMessage().startsWith("frozen until")));

        annotate("abort");
        awaitPhase(NAME, Phase.RolledBack);
    }

    /** Only a freeze, from an hour ago to two hours from now (UTC): it covers now. */
    static ReleaseWindow frozenNow(LocalDateTime now) {
        ReleaseWindow w = new ReleaseWindow();
        w.timeZone = "UTC";
        DeniedPeriod p = new DeniedPeriod();
        p.start = LocalDateTimes.format(now.minusHours(1));
        p.end = LocalDateTimes.format(now.plusHours(2));
        p.reason = "e2e freeze: exchange closed";
        w.deny = List.of(p);
        return w;
    }

    @Test
    void notificationsReachTheWebhookForEveryEventTypeAndNoSecretLeaks() throws Exception {
        String canary = "CANARY-" + System.nanoTime();
        try (WebhookReceiver receiver = new WebhookReceiver(); LogCapture log = new LogCapture()) {
            client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("webhook")
                    .endMetadata().addToStringData("url", receiver.url(canary)).build()).create();
            List<CanaryStep> plan = steps(25, "2s", 100);
            SwarmRelease v1 = withWebhook(release("v1", plan), "webhook");
            givenStable(v1);
            apply(withWebhook(release("v2", plan), "webhook"));
            await("v2 stable", () -> "v2".equals(status(NAME).stableVersion));
            SwarmRelease v3 = withWebhook(Releases.broken(release("v3", plan), "maker"), "webhook");
            v3.getSpec().progressDeadline = "5s";
            apply(v3);
            awaitPhase(NAME, Phase.RolledBack);
            SwarmRelease v4 = withWebhook(Releases.broken(release("v4", plan), "maker"), "webhook");
            v4.getSpec().progressDeadline = "5s";
            v4.getSpec().rollback.automatic = false;
            apply(v4);
            awaitPhase(NAME, Phase.Degraded);
            for (String event : List.of("Started", "Paused", "Promoted", "Succeeded", "RolledBack", "Failed")) {
                await("a " + event + " notification", () -> receiver.received(event));
            }
            assertTrue(receiver.bodies.get(0).contains("\"text\":\"SwarmRelease " + namespace + "/" + NAME));

            String everything = LocalCluster.kubectl("-n", namespace, "get", "srel", NAME, "-o", "yaml")
                    + LocalCluster.kubectl("-n", namespace, "get", "events", "-o", "yaml")
                    + LocalCluster.kubectl("-n", namespace, "describe", "srel", NAME)
                    + log.text() + metricsText();
            assertTrue(log.text().contains("ReleaseEvents"), "the log was captured");
            assertFalse(everything.contains(canary), "the webhook URL's secret part leaked");
        }
    }

    @Test
    void aReleaseFinishesWhenTheNotificationReceiverIsDown() {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("webhook")
                .endMetadata().addToStringData("url", "http://127.0.0.1:9/hook").build()).create();
        List<CanaryStep> plan = steps(50, 100);
        givenStable(withWebhook(release("v1", plan), "webhook"));
        apply(withWebhook(release("v2", plan), "webhook"));
        await("v2 stable despite the receiver being down", () -> "v2".equals(status(NAME).stableVersion));
        await("failed deliveries are counted", () -> operator.metrics().find("swarmrelease.notifications")
                .tag("result", "failed").counters().stream().mapToDouble(c -> c.count()).sum() >= 1);
    }

    static SwarmRelease withWebhook(SwarmRelease release, String secret) {
        Notification n = new Notification();
        n.webhook = new Notification.Webhook();
        n.webhook.urlFrom = new Notification.UrlFrom();
        n.webhook.urlFrom.secretKeyRef = new SecretKeySelector("url", secret, false);
        release.getSpec().notifications = new ArrayList<>(List.of(n));
        return release;
    }

    String metricsText() {
        StringBuilder out = new StringBuilder();
        for (Meter m : operator.metrics().getMeters()) {
            out.append(m.getId()).append(' ');
            m.measure().forEach(x -> out.append(x.getValue()).append(' '));
        }
        return out.toString();
    }
}
