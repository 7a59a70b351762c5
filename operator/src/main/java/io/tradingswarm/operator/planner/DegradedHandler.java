package io.tradingswarm.operator.planner;

/** A failed run that is not rolled back automatically: everything stays as it is for a human to decide. */
final class DegradedHandler implements PhaseHandler {

    @Override
    public void handle(Tick t) {
        t.traffic.hold();
    }
}
