package io.tradingswarm.operator.planner;

import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/**
 * Decides which run a tick belongs to: a new revision starts a run (replacing one in flight), the
 * stable revision cancels the run in flight, the same revision carries on.
 */
final class RunLifecycle {
    static final String SUPERSEDED = "Superseded";
    private RunLifecycle() {
    }

    /**
     * What a settled phase says once the spec is valid again (the invalid spec's message must go; a
     * run in flight writes its own at once).
     */
    private static String settledMessage(SwarmReleaseStatus s) {
        String why = s.rollback == null || s.rollback.message == null ? "" : ": " + s.rollback.message;
        return s.phase == null ? null : switch (s.phase) {
            case Succeeded -> "version " + s.stableVersion + " is stable on slot " + s.stableSlot;
            case RolledBack -> "rolled back to version " + s.stableVersion + why;
            case Degraded -> "degraded" + why;
            default -> s.message;
        };
    }

    static void begin(Tick t) {
        SwarmReleaseStatus s = t.status;
        if (s.phase == Phase.InvalidSpec) {
            s.phase = s.interruptedPhase;
            s.interruptedPhase = null;
            s.message = settledMessage(s);
        }
        String target = t.observed.targetRevision();
        if (target.equals(s.revision) || rollbackUnfinished(t)) {
            return;
        }
        if (switchedWithoutFullStable(t)) {
            t.rollBack(SUPERSEDED, "version " + t.spec().version + " replaces a run that already switched: traffic goes back"
                    + " to the stable slot once it is full again", null, t.now);
            return;
        }
        if (t.hasStable() && target.equals(s.stableRevision)) {
            cancel(t);
            return;
        }
        if (s.phase != null && (s.phase.inFlight() || s.phase == Phase.Degraded)) {
            History.record(t, "Superseded", "replaced by version " + t.spec().version);
            t.emit(EventReason.Superseded, "run of version " + s.version + " replaced by version " + t.spec().version);
        }
        start(t, target);
    }

    /**
     * A blue-green run that switched serves from its new slot; replacing it moves traffic back to a
     * stable slot that may have lost pods meanwhile: then it goes back as a rollback, capacity first.
     */
    private static boolean switchedWithoutFullStable(Tick t) {
        SwarmReleaseStatus s = t.status;
        return t.blueGreen() != null && s.phase != null && s.phase.inFlight() && s.phase != Phase.RollingBack
                && t.switched() && !t.everyStableSlotFull();
    }

    /**
     * A rollback finishes before anything replaces it: traffic restored, the run recorded and its
     * onRollback hooks done. Only then does a newer spec (or a revert) start.
     */
    private static boolean rollbackUnfinished(Tick t) {
        Phase phase = t.status.phase;
        return phase == Phase.RollingBack || phase == Phase.RolledBack
                && !HookRules.finished(t, HookRules.ON_ROLLBACK, t.spec().hooks == null ? null : t.spec().hooks.onRollback);
    }

    /** A fresh run of {@code target} from step 0 (also the retry action's way back in). */
    static void start(Tick t, String target) {
        SwarmReleaseStatus s = t.status;
        s.revision = target;
        s.version = t.spec().version;
        s.runStartedAt = t.now.toString();
        s.pausedAt = null;
        s.weight = 0;
        s.headerRouted = null;
        s.probes = new java.util.ArrayList<>();
        s.hooks = new java.util.ArrayList<>();
        s.phase = t.hasStable() ? Phase.Progressing : Phase.Promoting;
        t.startStep(t.hasStable() ? 0 : t.steps().size());
        t.emit(EventReason.Started, (!t.hasStable() ? "first release of version " : t.blueGreen() != null
                ? "blue-green release of version " : "canary release of version ")
                + s.version + " started (revision " + target + ")");
    }

    /** The spec went back to the stable revision: stop the run and serve stable, without analysis. */
    private static void cancel(Tick t) {
        SwarmReleaseStatus s = t.status;
        if (s.phase.inFlight() || s.phase == Phase.Degraded) {
            History.record(t, "Cancelled", "spec reverted to the stable version " + s.stableVersion);
            t.emit(EventReason.Cancelled, "run of version " + s.version + " cancelled: spec reverted to the stable version "
                    + s.stableVersion);
        }
        s.revision = s.stableRevision;
        s.version = s.stableVersion;
        s.phase = Phase.Succeeded;
        s.pausedAt = null;
        s.message = "version " + s.stableVersion + " is stable on slot " + s.stableSlot;
    }
}
