package io.tradingswarm.operator.planner;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import io.tradingswarm.operator.api.LocalDateTimes;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ReleaseWindow;

/**
 * Holds forward progress while the swarm is halted, inside a freeze (until it lifts) and outside
 * the allowed periods (until the next one opens), and says which.
 */
final class WindowGate {
    private WindowGate() {
    }

    static boolean closed(Tick t) {
        if (Halt.holds(t)) {
            return true;
        }
        ReleaseWindow w = t.spec().window;
        if (w == null) {
            return false;
        }
        if (ReleaseWindows.open(w, t.now)) {
            // The hold (and the stop of the step clock) starts as the freeze does, not at the next reconcile.
            ReleaseWindows.nextFreeze(w, t.now).ifPresent(t::wakeAt);
            return false;
        }
        Optional<Freeze> freeze = ReleaseWindows.freezeAt(w, t.now);
        if (freeze.isPresent()) {
            hold(t, frozen(freeze.get(), ZoneId.of(w.timeZone)), freeze.get().end());
        } else {
            Instant next = ReleaseWindows.nextOpening(w, t.now);
            hold(t, "outside the release window (" + w.timeZone + "): waiting"
                    + (next == null ? "" : "; the next window opens at " + next), next);
        }
        return true;
    }

    /** e.g. "frozen until 2026-12-26T14:30:00Z (America/New_York 2026-12-26T09:30): Christmas: NYSE closed". */
    private static String frozen(Freeze freeze, ZoneId zone) {
        return "frozen until " + freeze.end() + " (" + zone.getId() + " "
                + LocalDateTimes.format(freeze.end().atZone(zone).toLocalDateTime()) + "): " + freeze.why();
    }

    /**
     * Says why the run waits and wakes it when that may change. A run already paused for another
     * reason (a pause step, a freeze that lifted outside the allowed periods) hears of the new hold
     * with a Paused event; a run that is not paused yet hears of it when its handler pauses it.
     */
    static void hold(Tick t, String message, Instant wakeAt) {
        if (t.status.phase == Phase.Paused && !message.equals(t.savedMessage())) {
            t.emitOnce(EventReason.Paused, message);
        }
        t.status.message = message;
        if (wakeAt != null) {
            t.wakeAt(wakeAt);
        }
    }
}
