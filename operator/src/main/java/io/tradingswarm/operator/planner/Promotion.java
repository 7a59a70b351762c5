package io.tradingswarm.operator.planner;

import io.tradingswarm.operator.api.Phase;

/** The end of a good run: the new slot becomes the stable slot. */
final class Promotion {
    private Promotion() {
    }

    static void complete(Tick t) {
        Slot promoted = t.newSlot();
        t.status.stableSlot = promoted.name();
        t.status.stableRevision = t.status.revision;
        t.status.stableVersion = t.status.version;
        t.status.phase = Phase.Succeeded;
        t.status.message = "version " + t.status.version + " is stable on slot " + promoted;
        History.record(t, "Succeeded", null);
        t.emit(EventReason.Promoted, "slot " + promoted + " now serves version " + t.status.version);
        t.emit(EventReason.Succeeded, "release of version " + t.status.version + " succeeded");
    }
}
