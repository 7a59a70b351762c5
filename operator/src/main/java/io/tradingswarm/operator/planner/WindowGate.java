package io.tradingswarm.operator.planner;

import java.time.Instant;

import io.tradingswarm.operator.api.ReleaseWindow;

/** Holds forward progress outside the release window and says when the next one opens. */
final class WindowGate {
    private WindowGate() {
    }

    static boolean closed(Tick t) {
        ReleaseWindow w = t.spec().window;
        if (w == null || ReleaseWindows.open(w, t.now)) {
            return false;
        }
        Instant next = ReleaseWindows.nextOpening(w, t.now);
        t.status.message = "outside the release window (" + w.timeZone + "): waiting"
                + (next == null ? "" : "; the next window opens at " + next);
        if (next != null) {
            t.wakeAt(next);
        }
        return true;
    }
}
