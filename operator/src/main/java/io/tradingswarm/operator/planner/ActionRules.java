package io.tradingswarm.operator.planner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.HaltStatus;
import io.tradingswarm.operator.api.LastAction;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/**
 * The one-shot actions: promote (leave a pause or an analysis step), promote-full (skip to 100%),
 * abort (roll back now, even when rollback is manual), retry (run a rolled-back revision again
 * from step 0), and the emergency halt and resume ({@link Halt}). An action that makes no sense in the current phase is recorded as Ignored.
 */
public final class ActionRules {
    static final String UNDO = "undo";
    private ActionRules() {
    }

    static void apply(Tick t) {
        Action a = t.observed.action();
        if (a == null || t.status.lastAction != null && a.requestId().equals(t.status.lastAction.requestId)) {
            return;
        }
        HaltStatus haltBefore = t.status.halt;
        String ignored = switch (a.name()) {
            case "promote" -> promote(t);
            case "promote-full" -> promoteFull(t);
            case "abort" -> abort(t);
            case "retry" -> retry(t);
            case Halt.HALT -> Halt.halt(t.status, a, t.now);
            case Halt.RESUME -> Halt.resume(t.status);
            default -> a.name().equals(UNDO) || a.name().startsWith(UNDO + ":") ? undo(t, a.name()) : null;
        };
        t.status.lastAction = record(a, ignored, t.now, t.undoTarget() == null ? "" : ": the spec names version "
                + t.undoTarget().version() + " (revision " + t.undoTarget().revision() + ") again and a run to it follows");
        t.emit("Applied".equals(t.status.lastAction.result) ? EventReason.ActionApplied : EventReason.ActionIgnored,
                a.name() + ": " + t.status.lastAction.message);
        haltEvent(t.status, a, haltBefore, t.now).ifPresent(e -> t.emit(e.reason(), e.message()));
    }

    /**
     * Halt and resume under an invalid spec, where nothing else runs: the halt must still stop trading;
     * a resume is refused, since without a valid spec nobody can say which slots would trade. Other
     * actions wait in their annotation until the spec is valid again.
     *
     * @return the events to announce; none when {@code a} is no halt or resume, or was handled already
     */
    public static List<ReleaseEvent> haltWhileInvalid(SwarmReleaseStatus status, Action a, Instant now) {
        boolean handled = status.lastAction != null && a.requestId().equals(status.lastAction.requestId);
        if (handled || !a.name().equals(Halt.HALT) && !a.name().equals(Halt.RESUME)) {
            return List.of();
        }
        HaltStatus before = status.halt;
        String ignored = a.name().equals(Halt.HALT) ? Halt.halt(status, a, now)
                : "the spec is invalid, so which slots would trade is unknown: the slots stay halted; fix the spec, then resume";
        status.lastAction = record(a, ignored, now, "");
        List<ReleaseEvent> events = new ArrayList<>();
        events.add(new ReleaseEvent(ignored == null ? EventReason.ActionApplied : EventReason.ActionIgnored,
                a.name() + ": " + status.lastAction.message));
        haltEvent(status, a, before, now).ifPresent(events::add);
        return events;
    }

    private static Optional<ReleaseEvent> haltEvent(SwarmReleaseStatus status, Action a, HaltStatus before, Instant now) {
        boolean applied = "Applied".equals(status.lastAction.result);
        return applied && (a.name().equals(Halt.HALT) || a.name().equals(Halt.RESUME))
                ? Optional.of(Halt.announce(status, before, now)) : Optional.empty();
    }

    private static LastAction record(Action a, String ignored, Instant now, String appliedDetail) {
        LastAction done = new LastAction();
        done.action = a.name();
        done.requestId = a.requestId();
        done.handledAt = now.toString();
        if (!isKnown(a.name())) {
            done.result = "Unknown";
            done.message = "unknown action '" + a.name() + "': use promote, promote-full, abort, retry, undo, undo:<revision>, halt or resume";
        } else if (ignored != null) {
            done.result = "Ignored";
            done.message = ignored;
        } else {
            done.result = "Applied";
            done.message = a.name() + " applied" + appliedDetail;
        }
        return done;
    }

    private static boolean isKnown(String name) {
        return switch (name) {
            case "promote", "promote-full", "abort", "retry", Halt.HALT, Halt.RESUME -> true;
            default -> name.equals(UNDO) || name.startsWith(UNDO + ":");
        };
    }

    /**
     * Back to the previous stable revision (the last one that succeeded before the stable one), or to
     * a named kept revision: the spec is rewritten to it, so GitOps tools see the change.
     */
    private static String undo(Tick t, String action) {
        String named = action.equals(UNDO) ? previousStable(t) : action.substring(UNDO.length() + 1).trim();
        if (named == null) {
            return "no earlier successful revision is kept to go back to";
        }
        StoredRevision stored = t.observed.revisions().get(named);
        if (stored == null) {
            return "revision " + named + " is not kept; kept revisions: " + String.join(", ", t.observed.revisions().keySet()
                    .stream().sorted().toList());
        }
        if (named.equals(t.observed.targetRevision())) {
            return "the spec already names revision " + named;
        }
        t.undoTo(stored);
        return null;
    }

    private static String previousStable(Tick t) {
        return t.status.history.stream().filter(h -> "Succeeded".equals(h.result) && h.revision != null
                && !h.revision.equals(t.status.stableRevision) && t.observed.revisions().containsKey(h.revision))
                .map(h -> h.revision).findFirst().orElse(null);
    }

    private static boolean canaryInFlight(Tick t) {
        return t.hasStable() && (t.status.phase == Phase.Progressing || t.status.phase == Phase.Paused);
    }

    /** @return why it was ignored, or null when applied */
    private static String promote(Tick t) {
        if (t.blueGreen() != null && canaryInFlight(t) && !t.pausedBySpec()) {
            int step = t.status.currentStep;
            if (step != BlueGreenHandler.PRE_ANALYSIS && step != BlueGreenHandler.GATE) {
                return "nothing to promote at the blue-green " + BlueGreenHandler.STEP_NAMES[step] + " step";
            }
            String held = step == BlueGreenHandler.GATE ? switchHeld(t) : null;
            if (held != null) {
                return held;
            }
            BlueGreenHandler.next(t, step + 1, "promoted by the promote action");
            return null;
        }
        if (!canaryInFlight(t) || t.pausedBySpec()) {
            return "nothing to promote in phase " + t.status.phase + (t.pausedBySpec() ? " (spec.paused is set: clear it)" : "");
        }
        CanaryStep step = ProbeRules.currentStep(t);
        if (step == null || step.pause == null && step.analysis == null) {
            return "step " + (t.status.currentStep + 1) + " is waiting for pods, not paused";
        }
        int done = t.status.currentStep;
        t.emit(EventReason.StepCompleted, "step " + (done + 1) + "/" + t.steps().size() + " promoted: "
                + CanaryStepsHandler.describe(step));
        t.startStep(done + 1);
        t.status.phase = Phase.Progressing;
        return null;
    }

    private static String promoteFull(Tick t) {
        if (!canaryInFlight(t)) {
            return "nothing to promote in phase " + t.status.phase;
        }
        String held = heldForward(t);
        if (held != null) {
            return held;
        }
        if (t.blueGreen() != null) {
            String notReady = switchHeld(t);
            if (notReady != null) {
                return notReady;
            }
            BlueGreenHandler.next(t, BlueGreenHandler.SWITCHED_WITHOUT_ANALYSIS, "promote-full: switched without analysis");
            return null;
        }
        t.startStep(t.steps().size());
        t.status.phase = Phase.Promoting;
        return null;
    }

    /**
     * Why an action may not move traffic forward now: spec.paused, the release window, or a background
     * probe without a pass (promote-full skips analysis steps, never the probes that watch the whole run).
     */
    private static String heldForward(Tick t) {
        if (t.pausedBySpec()) {
            return "spec.paused is set: clear it first";
        }
        if (WindowGate.closed(t)) {
            return t.status.message;
        }
        return ProbeRules.forwardAllowed(t, List.of()) ? null : t.status.message;
    }

    /** Why the blue-green switch must wait: a forward move held, or preview pods that are not all ready. */
    private static String switchHeld(Tick t) {
        String held = heldForward(t);
        if (held == null && !t.everyNewSlotReady(100)) {
            return "the preview is not fully ready: switching now would send traffic to pods that are not ready";
        }
        return held;
    }

    private static String abort(Tick t) {
        boolean inFlight = t.status.phase.inFlight() && t.status.phase != Phase.RollingBack || t.status.phase == Phase.Degraded;
        if (!inFlight || !t.hasStable()) {
            return !t.hasStable() ? "nothing stable to roll back to" : "no run to abort in phase " + t.status.phase;
        }
        t.rollBack("Aborted", "aborted by the abort action", null, t.now);
        return null;
    }

    private static String retry(Tick t) {
        if (t.status.phase != Phase.RolledBack && t.status.phase != Phase.Degraded) {
            return "retry applies after a rollback, not in phase " + t.status.phase;
        }
        RunLifecycle.start(t, t.status.revision);
        return null;
    }
}
