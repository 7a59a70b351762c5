package io.tradingswarm.operator.planner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.Phase;

/** Walks the canary steps (phases Progressing and Paused) until one has to wait. */
final class CanaryStepsHandler implements PhaseHandler {

    @Override
    public void handle(Tick t) {
        ProbeRules.Judgement probes = ProbeRules.judge(t, ProbeRules.active(t));
        if (probes == ProbeRules.Judgement.Failed) {
            return;
        }
        if (t.pausedBySpec()) {
            holdForSpecPause(t);
        } else if (WindowGate.closed(t)) {
            StepClock.stop(t);
            // Paused first: a held step is not reached, so its header route is not written either.
            t.pause(t.status.message);
            keepCurrentWeight(t);
        } else {
            StepClock.resume(t);
            // Hooks first: a probe without data holds traffic, never the backup and migration before it.
            if (!preRolloutDone(t)) {
                keepCurrentWeight(t);
            } else if (probes == ProbeRules.Judgement.Inconclusive) {
                t.pause(t.status.message);
                keepCurrentWeight(t);
            } else {
                walkSteps(t);
            }
        }
        ProbeRules.schedule(t);
    }

    private void walkSteps(Tick t) {
        List<CanaryStep> steps = t.steps();
        while (t.status.currentStep < steps.size()) {
            if (!stepDone(t, steps.get(t.status.currentStep)) || !ProbeRules.forwardAllowed(t, List.of())) {
                return;
            }
            int done = t.status.currentStep;
            t.emit(EventReason.StepCompleted, "step " + (done + 1) + "/" + steps.size() + " completed: " + describe(steps.get(done)));
            t.startStep(done + 1);
        }
        t.status.phase = Phase.Promoting;
    }

    /** Applies the step's intents; true when it is complete and the next one may start. */
    private boolean stepDone(Tick t, CanaryStep step) {
        int stepNumber = t.status.currentStep + 1;
        int total = t.steps().size();
        if (step.setWeight != null || step.setHeaderRoute != null || step.setCanaryScale != null) {
            int weight = step.setWeight != null ? step.setWeight : currentWeight(t);
            t.status.phase = Phase.Progressing;
            t.traffic.shiftTo(weight);
            if (t.routed() && t.status.weight > weight) {
                // The share goes back only to stable pods that are ready for it (a slot being restored).
                t.awaitNewPods("the stable pods were not ready within progressDeadline " + t.spec().progressDeadline
                        + " to take back " + (100 - weight) + "% at step " + stepNumber + "/" + total,
                        "step " + stepNumber + "/" + total + ": waiting for every bot's stable pods to be ready for "
                                + (100 - weight) + "% (" + describe(step) + ")");
                return false;
            }
            if (t.everyNewSlotReady(weight)) {
                String trading = TradingGate.awaited(t);
                if (trading == null) {
                    return true;
                }
                t.status.message = "step " + stepNumber + "/" + total + ": " + trading + " (" + describe(step) + ")";
                return false;
            }
            t.awaitNewPods("the new pods were not ready within progressDeadline " + t.spec().progressDeadline
                    + " at step " + stepNumber + "/" + total + " (" + describe(step) + ")",
                    "step " + stepNumber + "/" + total + ": waiting for " + (step.setWeight != null ? step.setWeight + "% of " : "")
                    + "every bot's pods on version " + t.status.version + " to be ready (" + describe(step) + ")");
            return false;
        }
        keepCurrentWeight(t);
        if (step.analysis != null) {
            return analysisDone(t, step, stepNumber, total);
        }
        if (step.pause.duration == null) {
            t.pause("step " + stepNumber + "/" + total + ": paused until the promote action");
            return false;
        }
        Instant end = t.instant(t.status.stepStartedAt).plus(Durations.parse(step.pause.duration, Duration.ZERO));
        if (!t.now.isBefore(end)) {
            return true;
        }
        t.wakeAt(end);
        t.pause("step " + stepNumber + "/" + total + ": paused for " + step.pause.duration + ", until " + end);
        return false;
    }

    private static boolean analysisDone(Tick t, CanaryStep step, int stepNumber, int total) {
        t.status.phase = Phase.Progressing;
        Instant end = t.instant(t.status.stepStartedAt).plus(Durations.parse(step.analysis.duration, Duration.ZERO));
        if (t.now.isBefore(end)) {
            t.wakeAt(end);
            t.status.message = "step " + stepNumber + "/" + total + ": analysis of " + String.join(", ", step.analysis.probes)
                    + " at " + t.status.weight + "% until " + end;
            return false;
        }
        return ProbeRules.windowPassed(t, step.analysis.probes, end);
    }

    /**
     * Pre-rollout hooks run before any traffic moves, in phase Pending; a failing one stops the run.
     * The caller decides the traffic while they run.
     */
    static boolean preRolloutDone(Tick t) {
        HookRules.Outcome pre = HookRules.run(t, HookRules.PRE, t.spec().hooks == null ? null : t.spec().hooks.preRollout);
        if (pre == HookRules.Outcome.Done) {
            if (t.status.phase == Phase.Pending) {
                t.status.phase = t.hasStable() ? Phase.Progressing : Phase.Promoting;
            }
            return true;
        }
        if (pre == HookRules.Outcome.Failed) {
            t.fail("PreRolloutHookFailed", HookRules.failure(t, HookRules.PRE));
        } else {
            t.status.phase = Phase.Pending;
        }
        return false;
    }

    static void keepCurrentWeight(Tick t) {
        t.traffic.shiftTo(currentWeight(t));
    }

    static int currentWeight(Tick t) {
        return t.status.weight == null ? 0 : t.status.weight;
    }

    private static void holdForSpecPause(Tick t) {
        if (t.status.pausedAt == null) {
            t.emit(EventReason.Paused, "paused by spec.paused");
        }
        StepClock.stop(t);
        t.status.phase = Phase.Paused;
        t.status.message = "paused by spec.paused at step " + (t.status.currentStep + 1) + "/" + t.steps().size()
                + "; set spec.paused to false to continue";
        t.traffic.hold();
    }

    static String describe(CanaryStep step) {
        if (step.setWeight != null) {
            return "setWeight " + step.setWeight + "%";
        }
        if (step.analysis != null) {
            return "analysis of " + String.join(", ", step.analysis.probes) + " for " + step.analysis.duration;
        }
        if (step.setHeaderRoute != null) {
            return "setHeaderRoute " + step.setHeaderRoute.match.stream().map(m -> m.name + "=" + m.value)
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        if (step.setCanaryScale != null) {
            return "setCanaryScale " + step.setCanaryScale.replicas + " pods";
        }
        return step.pause.duration == null ? "pause until promoted" : "pause " + step.pause.duration;
    }
}
