package io.tradingswarm.operator.planner;

import java.time.Duration;

import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.RollbackStatus;

/**
 * Traffic back on the stable slot: after a failed probe, an abort or a failed hook, the Service is
 * pinned to it at once and it is scaled to full size in the same tick; after new pods missed their
 * deadline, the stable slot grows back first and is pinned once full. Done when every stable slot is
 * full and ready.
 */
final class RollingBackHandler implements PhaseHandler {
    /** New pods that never got ready were not serving much: capacity first, then the traffic switch. */
    static final String READINESS = "ProgressDeadlineExceeded";

    @Override
    public void handle(Tick t) {
        t.status.weight = 0;
        boolean capacityFirst = READINESS.equals(t.status.rollback.reason) || RunLifecycle.SUPERSEDED.equals(t.status.rollback.reason);
        if (capacityFirst && !t.everyStableSlotFull()) {
            t.traffic.growStable();
            t.status.message = "rolling back: the stable slot grows back to full size before it takes all traffic ("
                    + t.status.rollback.message + ")";
            return;
        }
        t.traffic.restoreStable(null);
        if (!t.everyStableSlotFull()) {
            t.status.message = "rolling back: waiting for every bot's stable slot to be full and ready ("
                    + t.status.rollback.message + ")";
            return;
        }
        RollbackStatus done = t.status.rollback;
        done.completedAt = t.now.toString();
        done.seconds = Duration.between(t.instant(done.startedAt), t.now).toMillis() / 1000.0;
        t.status.rollback = done;
        t.status.phase = Phase.RolledBack;
        t.status.message = "rolled back to version " + t.status.stableVersion + ": " + done.message;
        History.record(t, "RolledBack", done.reason);
        t.emit(EventReason.RolledBack, "traffic restored to version " + t.status.stableVersion + " in "
                + done.seconds + "s: " + done.message);
    }
}
