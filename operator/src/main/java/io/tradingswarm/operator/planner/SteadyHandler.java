package io.tradingswarm.operator.planner;

import java.time.Duration;
import java.time.Instant;

import io.tradingswarm.operator.api.Durations;

/**
 * No run in flight (Succeeded): the stable slot at full size takes all traffic and the other slot
 * goes to 0, after blueGreen.scaleDownDelay when a blue-green switch just happened (instant rollback).
 * A bot that neither the spec nor the stable revision runs any more is retired.
 */
final class SteadyHandler implements PhaseHandler {

    @Override
    public void handle(Tick t) {
        t.status.weight = 100;
        if (t.blueGreen() != null && promotedThisRun(t)) {
            Instant promotedAt = t.instant(t.status.history.get(0).finishedAt);
            t.traffic.restoreStable(promotedAt.plus(Durations.parse(t.blueGreen().scaleDownDelay, Duration.ofMinutes(10))));
        } else if (t.everyStableSlotFull()) {
            t.traffic.restoreStable(t.now);
        } else {
            t.traffic.growStable();
        }
        t.traffic.retireStrays();
        if (promotedThisRun(t) && t.spec().hooks != null) {
            HookRules.run(t, HookRules.POST, t.spec().hooks.postRollout);
        }
    }

    /** Post-rollout hooks follow a promotion, not a revert to the stable version. */
    private static boolean promotedThisRun(Tick t) {
        return !t.status.history.isEmpty() && "Succeeded".equals(t.status.history.get(0).result)
                && t.status.revision.equals(t.status.history.get(0).revision)
                && java.util.Objects.equals(t.status.runStartedAt, t.status.history.get(0).startedAt);
    }
}
