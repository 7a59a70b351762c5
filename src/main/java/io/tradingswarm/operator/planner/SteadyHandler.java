package io.tradingswarm.operator.planner;

/** No run in flight (Succeeded): the stable slot at full size takes all traffic, the other slot goes to 0. */
final class SteadyHandler implements PhaseHandler {

    @Override
    public void handle(Tick t) {
        t.status.weight = 100;
        t.restoreStable(t.everyStableSlotFull() ? t.now : null);
        if (promotedThisRun(t) && t.spec().hooks != null) {
            HookRules.run(t, HookRules.POST, t.spec().hooks.postRollout);
        }
    }

    /** Post-rollout hooks follow a promotion, not a revert to the stable version. */
    private static boolean promotedThisRun(Tick t) {
        return !t.status.history.isEmpty() && "Succeeded".equals(t.status.history.get(0).result)
                && t.status.revision.equals(t.status.history.get(0).revision)
                && java.util.Objects.equals(t.status.runStartedAt, t.status.history.get(0).startedAt);
    }
}
