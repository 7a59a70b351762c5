package io.tradingswarm.operator.planner;

/**
 * After a rollback: the stable slot serves, the failed slot keeps its pods for rollback.scaleDownDelay,
 * then 0; a bot only the failed run had, and the spec no longer names, is retired.
 */
final class RolledBackHandler implements PhaseHandler {

    @Override
    public void handle(Tick t) {
        t.status.weight = 0;
        t.traffic.restoreStable(t.instant(t.status.rollback.completedAt).plus(t.scaleDownDelay()));
        t.traffic.retireStrays();
        if (t.spec().hooks != null) {
            HookRules.run(t, HookRules.ON_ROLLBACK, t.spec().hooks.onRollback);
        }
    }
}
