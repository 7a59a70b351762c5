package io.tradingswarm.operator.planner;

import io.tradingswarm.operator.api.Phase;

/**
 * Takes the new slot to 100% and, once every bot's new pods are ready, makes it the stable slot.
 * A first release (nothing stable yet) starts here directly.
 */
final class PromotingHandler implements PhaseHandler {

    @Override
    public void handle(Tick t) {
        ProbeRules.Judgement probes = ProbeRules.judge(t, ProbeRules.active(t));
        if (probes == ProbeRules.Judgement.Failed) {
            return;
        }
        ProbeRules.schedule(t);
        if (t.pausedBySpec()) {
            // The steps' handler holds a paused run (clock, replicas, event) and hands it back here on resume.
            t.status.phase = Phase.Paused;
            return;
        }
        if (WindowGate.closed(t)) {
            StepClock.stop(t);
            CanaryStepsHandler.keepCurrentWeight(t);
            if (TradingGate.halted(t)) {
                // A window wakes the run when it opens; a halt waits for a person, so it shows as Paused.
                t.pause(t.status.message);
            }
            return;
        }
        StepClock.resume(t);
        // Hooks first: a probe without data holds traffic, never the backup and migration before it.
        if (!CanaryStepsHandler.preRolloutDone(t) || probes == ProbeRules.Judgement.Inconclusive) {
            CanaryStepsHandler.keepCurrentWeight(t);
            return;
        }
        t.traffic.shiftTo(100);
        if (!t.everyNewSlotReady(100)) {
            t.awaitNewPods("the new pods were not all ready within progressDeadline " + t.spec().progressDeadline
                    + " at 100%", "promoting: waiting for every bot's pods on version " + t.status.version + " to be ready");
            return;
        }
        if (ProbeRules.forwardAllowed(t, java.util.List.of())) {
            Promotion.complete(t);
        }
    }
}
