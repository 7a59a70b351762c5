package io.tradingswarm.operator.planner;

import io.tradingswarm.operator.api.HistoryEntry;

/** The last runs, newest first, bounded. */
final class History {
    static final int KEEP = 10;

    private History() {
    }

    static void record(Tick t, String result, String reason) {
        HistoryEntry e = new HistoryEntry();
        e.version = t.status.version;
        e.revision = t.status.revision;
        e.result = result;
        e.startedAt = t.status.runStartedAt;
        e.finishedAt = t.now.toString();
        e.reason = reason;
        t.status.history.add(0, e);
        while (t.status.history.size() > KEEP) {
            t.status.history.remove(t.status.history.size() - 1);
        }
    }
}
