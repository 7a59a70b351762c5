package io.tradingswarm.operator.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.BotStatus;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.planner.Observed;
import io.tradingswarm.operator.planner.Plan;
import io.tradingswarm.operator.planner.SlotIntent;

/**
 * The one place that derives the summary parts of status (conditions, per-bot counts, step text)
 * from the phase and the intents, following kstatus: {@code Ready} when a run succeeded,
 * {@code Reconciling} while one is in flight, {@code Stalled} when it failed or the spec is invalid.
 */
public final class StatusAggregator {
    private StatusAggregator() {
    }

    public static void complete(Plan plan, Observed observed, Instant now) {
        SwarmReleaseStatus s = plan.status();
        s.observedGeneration = observed.generation();
        boolean blueGreen = observed.spec().strategy.blueGreen != null;
        s.strategy = blueGreen ? "blueGreen" : "canary";
        s.totalSteps = blueGreen ? BLUE_GREEN_STEPS.length : observed.spec().strategy.canary.steps.size();
        s.step = blueGreen ? blueGreenStep(s) : stepText(s);
        s.bots = bots(plan, observed);
        s.conditions = conditions(s, now);
    }

    /**
     * A succeeded release is not Ready while a bot serves fewer ready pods than its replicas (a slot
     * deleted or scaled by hand, pods lost): says which bot and how many.
     */
    private static Optional<String> underServing(SwarmReleaseStatus s) {
        if (s.phase != Phase.Succeeded) {
            return Optional.empty();
        }
        return s.bots.stream().filter(b -> b.stableReadyReplicas < b.stableReplicas)
                .map(b -> "bot " + b.name + " serves " + b.stableReadyReplicas + " ready pods of " + b.stableReplicas
                        + " on slot " + s.stableSlot + "; restoring it from revision " + s.stableRevision)
                .findFirst();
    }

    /** The status of a release whose spec failed validation: only the phase, message and conditions change. */
    public static SwarmReleaseStatus invalidSpec(SwarmReleaseStatus saved, long generation, String message, Instant now) {
        SwarmReleaseStatus s = saved == null ? new SwarmReleaseStatus() : saved;
        if (s.phase != Phase.InvalidSpec) {
            s.interruptedPhase = s.phase;
        }
        s.phase = Phase.InvalidSpec;
        s.message = message;
        s.observedGeneration = generation;
        s.conditions = conditions(s, now);
        return s;
    }

    /** The blue-green steps by currentStep, as kubectl shows them. */
    private static final String[] BLUE_GREEN_STEPS = {"preview", "analysis", "gate", "monitoring", "switched"};

    private static String blueGreenStep(SwarmReleaseStatus s) {
        if (s.currentStep == null) {
            return "-";
        }
        return switch (s.phase) {
            case Succeeded -> "switched";
            case RollingBack, RolledBack -> s.currentStep >= 3 ? "switched back" : "preview";
            default -> BLUE_GREEN_STEPS[Math.min(s.currentStep, BLUE_GREEN_STEPS.length - 1)];
        };
    }

    private static String stepText(SwarmReleaseStatus s) {
        if (s.currentStep == null) {
            return "-";
        }
        return Math.min(s.currentStep + 1, s.totalSteps) + "/" + s.totalSteps;
    }

    private static List<BotStatus> bots(Plan plan, Observed observed) {
        List<BotStatus> out = new ArrayList<>();
        String stableSlot = plan.status().stableSlot;
        for (Bot bot : observed.spec().bots) {
            int stable = 0, fresh = 0, readyNew = 0, readyStable = 0;
            for (SlotIntent i : plan.slots()) {
                if (!i.bot().equals(bot.name)) {
                    continue;
                }
                var state = observed.slotsOf(bot.name).get(i.slot());
                boolean isStable = i.slot().name().equals(stableSlot) && plan.status().stableRevision != null;
                boolean current = Objects.equals(state.revision(), plan.status().revision);
                if (isStable) {
                    stable = i.replicas();
                    readyStable = state.readyReplicas();
                } else {
                    fresh = i.replicas();
                    readyNew = current ? state.readyReplicas() : 0;
                }
            }
            out.add(new BotStatus(bot.name, stable, fresh, readyNew, readyStable));
        }
        return out;
    }

    static List<Condition> conditions(SwarmReleaseStatus s, Instant now) {
        Phase p = s.phase;
        String failure = p == Phase.InvalidSpec ? "InvalidSpec" : s.rollback != null ? s.rollback.reason : p.name();
        boolean stalled = p == Phase.RollingBack || p == Phase.RolledBack || p == Phase.Degraded || p == Phase.InvalidSpec;
        List<Condition> next = new ArrayList<>();
        Optional<String> restoring = underServing(s);
        next.add(restoring.map(why -> condition(s, "Ready", false, "Restoring", why, now))
                .orElseGet(() -> condition(s, "Ready", p == Phase.Succeeded, p.name(), s.message, now)));
        next.add(condition(s, "Reconciling", p.inFlight(), p.name(), s.message, now));
        next.add(condition(s, "Stalled", stalled, stalled ? failure : p.name(), s.message, now));
        next.add(condition(s, "Paused", p == Phase.Paused, p.name(), s.message, now));
        return next;
    }

    private static Condition condition(SwarmReleaseStatus s, String type, boolean on, String reason, String text,
            Instant now) {
        String status = on ? "True" : "False";
        String message = text == null ? "" : text;
        if (s.lastAction != null && "Unknown".equals(s.lastAction.result)) {
            message += (message.isEmpty() ? "" : "; ") + "the last action was not understood: " + s.lastAction.message;
        }
        String since = s.conditions.stream()
                .filter(c -> c.getType().equals(type) && c.getStatus().equals(status))
                .map(Condition::getLastTransitionTime).findFirst().orElse(now.toString());
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withObservedGeneration(s.observedGeneration)
                .withLastTransitionTime(since).build();
    }
}
