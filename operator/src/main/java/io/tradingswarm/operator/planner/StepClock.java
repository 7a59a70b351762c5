package io.tradingswarm.operator.planner;

import java.time.Duration;

import io.tradingswarm.operator.api.Phase;

/**
 * The step clock (deadlines and timed pauses) stops while a run is held by spec.paused or waits for
 * a release window, so a weekend outside the window cannot eat a step's deadline.
 */
final class StepClock {
    private StepClock() {
    }

    static void stop(Tick t) {
        if (t.status.pausedAt == null) {
            t.status.pausedAt = t.now.toString();
        }
    }

    static void resume(Tick t) {
        if (t.status.pausedAt == null) {
            return;
        }
        Duration held = t.since(t.status.pausedAt);
        t.status.stepStartedAt = t.instant(t.status.stepStartedAt).plus(held).toString();
        t.status.pausedAt = null;
        if (t.status.phase == Phase.Paused) {
            t.status.phase = Phase.Progressing;
        }
        t.emit(EventReason.Resumed, "resumed after being held for " + held.toSeconds() + "s");
    }
}
