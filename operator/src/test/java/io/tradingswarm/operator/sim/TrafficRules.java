package io.tradingswarm.operator.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/** The rules about what runs and who gets traffic, checked on the model cluster after a decision's writes. */
final class TrafficRules {
    /** status.currentStep of a blue-green run once every active Service switched. */
    private static final int SWITCHED = 3;

    /** The revision that was stable before the last promotion, and when that promotion happened. */
    private String previousStable;
    private Map<String, Integer> replicasBefore = new HashMap<>();
    private java.time.Instant promotedAt;

    /** The stable revision's bots and replicas, as the spec had them when it became stable. */
    private final Map<String, Integer> stableBots = new HashMap<>();
    /** Those of them with a Service. */
    private final Set<String> stableServed = new java.util.HashSet<>();

    /** The bots the stable revision runs. */
    java.util.Set<String> stableBots() {
        return java.util.Set.copyOf(stableBots.keySet());
    }

    /**
     * I2: no active Service selects the slot of a failed run, and a blue-green preview is not
     * selected by the active Service before the switch (selectors matched against the slot's pod labels).
     */
    void failedOrPreviewGetsNoTraffic(ModelCluster cluster, TickFacts f) {
        SwarmReleaseStatus s = f.after();
        if (s.revision == null || s.revision.equals(s.stableRevision) || s.stableRevision == null) {
            return;
        }
        // The documented capacity rule: after a missed progressDeadline the new pods were slow, not
        // proven bad; the stable slot grows back before it takes all traffic (pods never ready get none).
        // The same for a switched blue-green run that a newer spec replaces (reason Superseded): nothing failed.
        boolean slowNotBad = s.phase == Phase.RollingBack && s.rollback != null
                && ("ProgressDeadlineExceeded".equals(s.rollback.reason) || "Superseded".equals(s.rollback.reason));
        boolean failed = (s.phase == Phase.RollingBack || s.phase == Phase.RolledBack) && !slowNotBad;
        boolean previewOnly = f.blueGreen() && s.phase != Phase.RollingBack && s.phase != Phase.RolledBack
                && (s.currentStep == null || s.currentStep < SWITCHED);
        if (!failed && !previewOnly) {
            return;
        }
        for (String service : cluster.serviceNames()) {
            if (!service.equals(cluster.botOfService(service))) {
                continue; // a preview or (with a router) per-slot Service: only a bot's own Service is active
            }
            Map<String, String> selector = cluster.selectorOf(service);
            for (ModelDeployment slot : cluster.slotsOf(service)) {
                if (s.revision.equals(slot.revision()) && slot.selectedBy(selector)) {
                    throw new Violation("I2", "Service " + service + " selects slot " + slot.name + " (revision " + s.revision
                            + (failed ? "), whose run was decided failed (phase " + s.phase + ")"
                                    : "), the blue-green preview, before the switch (phase " + s.phase + ", step " + s.currentStep + ")")
                            + "; selector " + selector + ", " + cluster.trafficOf(service).size() + " ready pods get traffic");
                }
            }
        }
    }

    /**
     * I4: per bot, pods run of the stable revision and the run's target revision; a third revision (a
     * cancelled or superseded run's slot) only drains, never grows. After a blue-green switch the old
     * slot may keep the previous stable revision for blueGreen.scaleDownDelay (the documented instant rollback).
     */
    void atMostTwoRevisions(ModelCluster cluster, TickFacts f) {
        SwarmReleaseStatus s = f.after();
        if (f.before() != null && f.before().stableRevision != null && !f.before().stableRevision.equals(s.stableRevision)) {
            previousStable = f.before().stableRevision;
            promotedAt = f.now();
        }
        boolean keepsOldSlot = f.blueGreen() && promotedAt != null && f.now().isBefore(promotedAt.plus(
                io.tradingswarm.operator.api.Durations.parse(f.spec().strategy.blueGreen.scaleDownDelay, java.time.Duration.ofMinutes(10))));
        Set<String> allowed = new TreeSet<>();
        allowed.add(String.valueOf(s.stableRevision));
        allowed.add(String.valueOf(s.revision));
        if (keepsOldSlot) {
            allowed.add(previousStable);
        }
        Map<String, Integer> now = new HashMap<>();
        for (ModelDeployment d : cluster.deployments.values()) {
            now.put(d.name, d.replicas());
            boolean third = d.replicas() > 0 && !allowed.contains(String.valueOf(d.revision()));
            // A revision that is neither stable nor the target may only drain (a cancelled or superseded
            // run's slot gives way behind ready stable pods); it never grows.
            if (third && !f.touchedBots().contains(d.bot()) && d.replicas() > replicasBefore.getOrDefault(d.name, 0)) {
                throw new Violation("I4", "slot " + d.name + " grows to " + d.replicas() + " pods of revision " + d.revision()
                        + ", a third revision besides the stable " + s.stableRevision + " and the target " + s.revision);
            }
        }
        replicasBefore = now;
    }
    /**
     * A bot removed from the spec keeps serving through a rollback, and is gone (slots and Service)
     * once the run that removed it promoted.
     */
    void removedBots(ModelCluster cluster, TickFacts f) {
        SwarmReleaseStatus s = f.after();
        boolean steady = s.phase == Phase.Succeeded && s.revision != null && s.revision.equals(s.stableRevision);
        Set<String> inSpec = new TreeSet<>(f.spec().bots.stream().map(b -> b.name).toList());
        if (steady && f.phaseBefore() == Phase.Succeeded && s.stableRevision.equals(f.before().stableRevision) && !f.stale()) {
            List<String> leftovers = new java.util.ArrayList<>();
            cluster.deployments.values().stream().filter(d -> !inSpec.contains(d.bot())).forEach(d -> leftovers.add(d.name));
            cluster.serviceNames().stream().filter(n -> !inSpec.contains(cluster.botOfService(n))).forEach(leftovers::add);
            var routing = f.spec().strategy.canary == null ? null : f.spec().strategy.canary.trafficRouting;
            if (RoutedTraffic.STRICT && routing != null && GitRoutes.operatorCreates(routing)) {
                // Known gap G1: the operator leaves the route it created for a removed bot (pointing at the
                // Services it deleted) until the release is deleted.
                cluster.routes.values().stream().filter(r -> r.bot() != null && !inSpec.contains(r.bot()))
                        .forEach(r -> leftovers.add(r.kind + " " + r.name));
            }
            if (!leftovers.isEmpty()) {
                throw new Violation("X-retire", "bots removed from the spec still have " + leftovers + " after the run without them promoted");
            }
        }
        if (s.phase == Phase.RollingBack || s.phase == Phase.RolledBack) {
            stableBots.forEach((bot, replicas) -> {
                if (!inSpec.contains(bot) && !f.touchedBots().contains(bot)) {
                    ModelDeployment stable = cluster.deployments.get(bot + "-" + s.stableSlot);
                    boolean serviceGone = stableServed.contains(bot) && cluster.selectorOf(bot) == null;
                    if (stable == null || stable.replicas() < replicas || serviceGone) {
                        throw new Violation("X-retire", "bot " + bot + ", removed by the run that rolled back, no longer serves: stable slot "
                                + (stable == null ? "absent" : stable.replicas() + "/" + replicas + " replicas") + ", Service "
                                + (cluster.selectorOf(bot) == null ? "absent" : "present"));
                    }
                }
            });
        }
        if (steady) {
            stableBots.clear();
            stableServed.clear();
            f.spec().bots.forEach(b -> stableBots.put(b.name, b.replicas));
            f.spec().bots.stream().filter(b -> b.service != null).forEach(b -> stableServed.add(b.name));
        }
    }

    /**
     * A stable slot deleted by hand is restored at once (in any phase), and Ready is False while a bot serves fewer
     * ready pods than its replicas (counted once this decision's writes are done: a Service it
     * restores counts, pods that a restored Deployment still has to start do not).
     */
    void stableServes(ModelCluster cluster, TickFacts f) {
        SwarmReleaseStatus s = f.after();
        if (f.stale() || !f.specValid()) {
            return;
        }
        for (Bot bot : f.spec().bots) {
            boolean stableBot = s.stableRevision != null && stableBots.getOrDefault(bot.name, 0) > 0;
            if (stableBot && !cluster.deployments.containsKey(bot.name + "-" + s.stableSlot)) {
                throw new Violation("X-restore", "the stable slot " + bot.name + "-" + s.stableSlot + " is missing and was not restored"
                        + " (phase " + s.phase + ")");
            }
            boolean ready = s.conditions.stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
            int serving = bot.service == null ? cluster.workingPods(bot.name) : cluster.servingPods(bot.name);
            if (ready && serving < bot.replicas) {
                throw new Violation("X-ready", "Ready=True while bot " + bot.name + " serves " + serving + " ready pods of "
                        + bot.replicas + " replicas");
            }
        }
    }
}
