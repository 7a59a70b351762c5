package io.tradingswarm.operator.planner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tradingswarm.operator.api.AnalysisStep;
import io.tradingswarm.operator.api.BlueGreenStrategy;
import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.Phase;

/**
 * A blue-green run, in four steps: bring the preview up at full size, analyse it, wait at the
 * manual gate (autoPromote: false), then switch every bot's active Service at once and watch the
 * monitor window. A failure before the switch never moved traffic; after it, the rollback
 * switches every bot back to the old slot, which still has its pods.
 */
final class BlueGreenHandler implements PhaseHandler {
    static final int PREVIEW = 0;
    static final int PRE_ANALYSIS = 1;
    static final int GATE = 2;
    static final int SWITCHED = 3;
    /** Switched by promote-full: no monitor window. */
    static final int SWITCHED_WITHOUT_ANALYSIS = 4;
    static final String[] STEP_NAMES = {"preview", "analysis", "gate", "switched", "switched"};

    @Override
    public void handle(Tick t) {
        ProbeRules.Judgement probes = ProbeRules.judge(t, ProbeRules.active(t));
        if (probes == ProbeRules.Judgement.Failed) {
            return;
        }
        int step = t.status.currentStep;
        if (t.pausedBySpec() || Halt.holds(t) || step < SWITCHED && WindowGate.closed(t)) {
            StepClock.stop(t);
            holdTraffic(t, step);
            t.pause(t.pausedBySpec() ? "paused by spec.paused; set it to false to continue" : t.status.message);
        } else {
            StepClock.resume(t);
            if (step < SWITCHED && !CanaryStepsHandler.preRolloutDone(t)) {
                // Back up and migrate before the preview's pods start, as a canary does before its first pods.
                t.traffic.hold();
            } else if (probes == ProbeRules.Judgement.Inconclusive) {
                t.traffic.blueGreen(step >= SWITCHED);
                t.pause(t.status.message);
            } else {
                advance(t);
            }
        }
        ProbeRules.schedule(t);
    }

    /** A held run keeps its pods as they are: a preview not started yet does not start (a closed window, a halt). */
    private static void holdTraffic(Tick t, int step) {
        if (step < SWITCHED) {
            t.traffic.hold();
        } else {
            t.traffic.blueGreen(true);
        }
    }

    private static void advance(Tick t) {
        BlueGreenStrategy bg = t.blueGreen();
        t.traffic.blueGreen(t.status.currentStep >= SWITCHED);
        if (t.status.currentStep != GATE) {
            t.status.phase = Phase.Progressing;
        }
        if (t.status.currentStep == PREVIEW) {
            t.traffic.blueGreen(false);
            if (!t.everyNewSlotReady(100)) {
                t.awaitNewPods("the preview pods were not all ready within progressDeadline " + t.spec().progressDeadline,
                        "preview: waiting for every bot's pods on version " + t.status.version + " to be ready");
                return;
            }
            next(t, PRE_ANALYSIS, "preview of version " + t.status.version + " is ready");
        }
        if (t.status.currentStep == PRE_ANALYSIS) {
            if (bg.prePromotionAnalysis != null && !windowPassed(t, bg.prePromotionAnalysis, "pre-promotion")) {
                return;
            }
            next(t, GATE, "pre-promotion analysis passed");
        }
        if (t.status.currentStep == GATE) {
            if (!t.everyNewSlotReady(100)) {
                // The preview changed after its checks (resized, pods lost): it is checked again from the
                // start, under a fresh progressDeadline, rather than waiting at the gate for pods that may never come.
                t.startStep(PREVIEW);
                t.status.phase = Phase.Progressing;
                t.status.message = "preview: waiting for every bot's pods on version " + t.status.version
                        + " to be ready again (they changed after the checks)";
                t.wakeAt(t.now.plus(t.progressDeadline()));
                return;
            }
            if (Boolean.FALSE.equals(bg.autoPromote)) {
                t.pause("preview of version " + t.status.version + " passed its checks: waiting for the promote action");
                return;
            }
            if (!ProbeRules.forwardAllowed(t, List.of())) {
                return;
            }
            next(t, SWITCHED, "promoted automatically");
        }
        t.status.phase = Phase.Progressing;
        t.traffic.blueGreen(true);
        String trading = t.status.currentStep == SWITCHED && bg.postPromotionAnalysis != null ? TradingGate.awaited(t) : null;
        if (trading != null) {
            // The monitor window watches the new version trading: it starts when the drain lets it.
            t.status.stepStartedAt = t.now.toString();
            t.status.message = "switched: " + trading;
            return;
        }
        if (t.status.currentStep == SWITCHED && bg.postPromotionAnalysis != null
                && !windowPassed(t, bg.postPromotionAnalysis, "post-promotion") || !ProbeRules.forwardAllowed(t, List.of())) {
            return;
        }
        Promotion.complete(t);
    }

    /** Moves to {@code step}; entering the switch announces it, since every active Service changes now. */
    static void next(Tick t, int step, String why) {
        t.emit(EventReason.StepCompleted, STEP_NAMES[t.status.currentStep] + " completed: " + why);
        t.startStep(step);
        if (step >= SWITCHED) {
            t.emit(EventReason.Switched, "every bot's active Service now selects slot " + t.newSlot() + " (version "
                    + t.status.version + ")");
        }
    }

    private static boolean windowPassed(Tick t, AnalysisStep analysis, String which) {
        Instant end = t.instant(t.status.stepStartedAt).plus(Durations.parse(analysis.duration, Duration.ZERO));
        if (t.now.isBefore(end)) {
            t.wakeAt(end);
            t.status.message = which + " analysis of " + String.join(", ", analysis.probes) + " until " + end;
            return false;
        }
        return ProbeRules.windowPassed(t, analysis.probes, end);
    }
}
