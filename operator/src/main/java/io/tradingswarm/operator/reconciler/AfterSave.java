package io.tradingswarm.operator.reconciler;

/**
 * What follows a saved status: the cluster changes it decided, then its announcement (events,
 * notifications, metrics). The announcement follows the saved transition, so it happens even when a
 * change fails; the retry decides from the saved status, which has nothing left to announce.
 */
final class AfterSave {
    private AfterSave() {
    }

    static void carryOut(Runnable changes, Runnable announcement) {
        try {
            changes.run();
        } finally {
            announcement.run();
        }
    }
}
