package io.tradingswarm.operator.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.dependent.Write;
import io.tradingswarm.operator.reconciler.Decision;

/**
 * I3: when the operator lowers a slot, re-points a Service or re-weighs a route, a bot's serving pods
 * (through a route: the pods' worth of requests its weights carry) never drop below min(replicas,
 * serving before). A rollback for a probe failure (the drain probe's too), an abort or a hook failure (with a router: any
 * rollback) is the exception: it must move the Service to the stable slot and ask for that slot at
 * full size at once.
 */
final class CapacityCheck {
    private static final Set<String> URGENT_ROLLBACKS = Set.of("ProbeFailed", "ProbeErrors", "DrainFailed", "Aborted",
            "PreRolloutHookFailed");

    private record Watched(Bot bot, int servingBefore, String how) {
    }

    private final List<Watched> watched = new ArrayList<>();

    /** Before the writes: which bots this decision lowers or re-points, and what they serve now. */
    private final Set<String> stableBots;

    private CapacityCheck(Set<String> stableBots) {
        this.stableBots = stableBots;
    }

    /** @param stableBots the bots the stable revision runs (only they have a stable slot to go back to) */
    static CapacityCheck before(ModelCluster cluster, Decision d, TickFacts f, Set<String> stableBots) {
        CapacityCheck check = new CapacityCheck(stableBots);
        if (!f.specValid()) {
            return check;
        }
        for (Bot bot : f.spec().bots) {
            String how = bot.service == null || f.touchedBots().contains(bot.name) ? null : lowersOrRepoints(cluster, d, bot.name);
            if (how != null) {
                check.watched.add(new Watched(bot, cluster.servingPods(bot.name), how));
            }
        }
        return check;
    }

    /** How the decision lowers the bot's slots or re-points its Service, or null if it does neither. */
    private static String lowersOrRepoints(ModelCluster cluster, Decision d, String bot) {
        for (Write w : d.writes()) {
            if (w instanceof Write.Scale s) {
                ModelDeployment live = cluster.deployments.get(s.deployment());
                if (live != null && bot.equals(live.bot()) && s.replicas() < live.replicas()) {
                    return "scales " + live.name + " " + live.replicas() + " -> " + s.replicas();
                }
            } else if (w instanceof Write.Apply a && a.object() instanceof Deployment desired) {
                ModelDeployment live = cluster.deployments.get(desired.getMetadata().getName());
                if (live != null && bot.equals(live.bot()) && desired.getSpec().getReplicas() < live.replicas()) {
                    return "scales " + live.name + " " + live.replicas() + " -> " + desired.getSpec().getReplicas();
                }
            } else if (w instanceof Write.Apply a && a.object() instanceof GenericKubernetesResource route
                    && route.getMetadata().getLabels() != null && bot.equals(route.getMetadata().getLabels().get(Labels.BOT))) {
                ModelRoute live = cluster.routes.get(route.getMetadata().getName());
                RouteRules desired = RouteRules.read(route.getKind(), route.getAdditionalProperties().get("spec"));
                if (live == null || !live.rules().equals(desired)) {
                    return "re-weighs " + route.getKind() + " " + route.getMetadata().getName() + " to " + desired.describe();
                }
            } else if (w instanceof Write.Apply a && a.object() instanceof Service desired && isBotService(desired, bot)) {
                Map<String, String> live = cluster.selectorOf(bot);
                if (live != null && !live.equals(desired.getSpec().getSelector())) {
                    return "re-points Service " + bot + " to slot " + desired.getSpec().getSelector().getOrDefault(Labels.SLOT, "both");
                }
            }
        }
        return null;
    }

    private static boolean isBotService(HasMetadata s, String bot) {
        return s.getMetadata().getName().equals(bot);
    }

    /** After the writes. */
    void after(ModelCluster cluster, TickFacts f) {
        SwarmReleaseStatus s = f.after();
        // With a router every rollback is one route write to the stable slot, kept at full size all along (R1, R3).
        boolean routed = f.spec().strategy.canary != null && f.spec().strategy.canary.trafficRouting != null;
        boolean urgentRollback = s.phase == Phase.RollingBack && f.phaseBefore() != Phase.RollingBack && s.rollback != null
                && (URGENT_ROLLBACKS.contains(s.rollback.reason) || routed);
        if (urgentRollback) {
            f.spec().bots.stream().filter(b -> b.service != null && !f.touchedBots().contains(b.name) && stableBots.contains(b.name))
                    .forEach(b -> requireStableAtFullSize(cluster, b, s));
            return;
        }
        boolean rollingBack = s.phase == Phase.RollingBack || s.phase == Phase.RolledBack;
        boolean newRun = f.before() != null && !Objects.equals(f.before().revision, s.revision);
        for (Watched w : watched) {
            Map<String, String> selector = cluster.selectorOf(w.bot.name);
            boolean backToStable = rollingBack || selector != null && Objects.equals(selector.get(Labels.SLOT), s.stableSlot);
            if (backToStable && !stableBots.contains(w.bot.name)) {
                continue; // a bot the stable revision does not run has no stable slot: going back takes it out of traffic
            }
            int after = cluster.servingPods(w.bot.name);
            int floor = Math.min(w.bot.replicas, w.servingBefore);
            if (after < floor && !RoutedTraffic.strict("G4") && routed && newRun && w.how.startsWith("re-weighs")) {
                continue; // known gap G4: a new run takes the route back to a stable slot that is short of ready pods
            }
            if (after < floor) {
                throw new Violation("I3", "bot " + w.bot.name + " serves " + after + " ready pods after this decision's writes, "
                        + "below min(replicas " + w.bot.replicas + ", " + w.servingBefore + " before); the decision " + w.how
                        + " (phase " + f.phaseBefore() + " -> " + s.phase + ")");
            }
        }
    }

    private static void requireStableAtFullSize(ModelCluster cluster, Bot bot, SwarmReleaseStatus s) {
        ModelDeployment stable = cluster.deployments.get(bot.name + "-" + s.stableSlot);
        Map<String, String> selector = cluster.selectorOf(bot.name);
        boolean pinned = selector != null && Objects.equals(selector.get(Labels.SLOT), s.stableSlot);
        if (stable == null || stable.replicas() < bot.replicas || !pinned) {
            throw new Violation("I3", "rollback (" + s.rollback.reason + ") of bot " + bot.name + " did not move traffic to the stable slot "
                    + s.stableSlot + " and ask for it at full size in the same decision (stable replicas "
                    + (stable == null ? "absent" : stable.replicas()) + " of " + bot.replicas + ", selector " + selector + ")");
        }
    }
}
