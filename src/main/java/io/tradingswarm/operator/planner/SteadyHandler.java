package io.tradingswarm.operator.planner;

/** No run in flight (Succeeded): the stable slot at full size takes all traffic, the other slot goes to 0. */
final class SteadyHandler implements PhaseHandler {

    @Override
    public void handle(Tick t) {
        t.status.weight = 100;
        t.restoreStable(t.everyStableSlotFull() ? t.now : null);
    }
}
