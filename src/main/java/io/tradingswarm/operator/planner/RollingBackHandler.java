package io.tradingswarm.operator.planner;

import java.time.Duration;

import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.RollbackStatus;

/**
 * Traffic back on the stable slot first: the Service is pinned to it and it is scaled to full size
 * in the same tick that saw the failure. Done when every stable slot is full and ready.
 */
final class RollingBackHandler implements PhaseHandler {

    @Override
    public void handle(Tick t) {
        t.status.weight = 0;
        t.restoreStable(null);
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
