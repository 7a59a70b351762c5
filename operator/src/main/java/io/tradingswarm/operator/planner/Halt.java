package io.tradingswarm.operator.planner;

import java.time.Duration;
import java.time.Instant;

import io.tradingswarm.operator.api.HaltStatus;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/**
 * The emergency halt: the halt action stops trading on every slot of the swarm in one write, in any
 * phase, outside release windows and with an invalid spec; resume gives the slots back the states the
 * release would have. While halted, forward moves and the step clock wait, so a halt never causes a
 * promotion or a deadline rollback; a rollback still restores traffic.
 */
public final class Halt {
    public static final String HALT = "halt";
    public static final String RESUME = "resume";
    /** Who asked, when the API server did not record it. */
    public static final String UNKNOWN_CLIENT = "an unknown client";

    private Halt() {
    }

    /** @return why the halt was ignored, or null when applied */
    public static String halt(SwarmReleaseStatus status, Action action, Instant now) {
        if (status.halt != null) {
            return "already " + describe(status.halt);
        }
        HaltStatus h = new HaltStatus();
        h.haltedAt = now.toString();
        h.by = action.by() == null ? UNKNOWN_CLIENT : action.by();
        h.requestId = action.requestId();
        status.halt = h;
        return null;
    }

    /** @return why the resume was ignored, or null when applied */
    public static String resume(SwarmReleaseStatus status) {
        if (status.halt == null) {
            return "nothing is halted";
        }
        status.halt = null;
        return null;
    }

    /** The event that says so, for an applied halt or resume (the status after it). */
    public static ReleaseEvent announce(SwarmReleaseStatus status, HaltStatus before, Instant now) {
        return status.halt != null
                ? new ReleaseEvent(EventReason.Halted, "trading halted on every slot: " + describe(status.halt))
                : new ReleaseEvent(EventReason.HaltLifted, "trading resumed after a halt of "
                        + Duration.between(Instant.parse(before.haltedAt), now).toSeconds() + "s (" + describe(before) + ")");
    }

    /** e.g. "halted by kubectl-swarm at 2026-11-30T22:01:00Z". */
    public static String describe(HaltStatus halt) {
        return "halted by " + halt.by + " at " + halt.haltedAt;
    }

    /** Holds a run while halted, saying why; false when nothing is halted. */
    static boolean holds(Tick t) {
        if (t.status.halt == null) {
            return false;
        }
        WindowGate.hold(t, describe(t.status.halt) + ": no slot trades and the run waits for the resume action", null);
        return true;
    }
}
